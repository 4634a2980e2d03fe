"""Where applicants' files are kept: private storage without a URL, under names the
server makes. Old migrations name these two functions by this module's path."""

import uuid

from django.core.files.storage import storages


def private_storage():
    """Applicants' files: outside MEDIA_ROOT and without a URL (settings.STORAGES)."""
    return storages["private"]


def private_file_name(instance, filename):
    """A name made by the server; the person's own file name is kept in another field."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"registrations/{uuid.uuid4().hex}.{extension}"
