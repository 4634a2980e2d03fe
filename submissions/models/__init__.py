"""What applicants send: registrations (``registrations.py``) and applications for pilot
testing (``applications.py``), with their files in private storage."""

import uuid

from django.core.files.storage import storages


def private_storage():
    """Applicants' files: outside MEDIA_ROOT and without a URL (settings.STORAGES)."""
    return storages["private"]


def private_file_name(instance, filename):
    """A name made by the server; the person's own file name is kept in another field."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"registrations/{uuid.uuid4().hex}.{extension}"


# The models live in modules by subject; these two functions stay here, where the
# migrations find them.
from .applications import *  # noqa: E402, F403
from .data_requests import *  # noqa: E402, F403
from .registrations import *  # noqa: E402, F403
