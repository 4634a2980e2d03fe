"""The one upload pipeline every file field goes through: type by content, matching the
file's name; size; what is inside judged by reading it (``content_checks``: PDFs read
object by object, archives and office documents member by member, polyglots); then the
antivirus scanner (ClamAV over its socket when ``CLAMD_SOCKET`` is set, none
otherwise)."""

import logging
import os
import re
import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from submissions.content_checks import check_disguise, check_pdf, check_zip

# Office files are ZIP archives too; their parts are checked like any archive's.
ARCHIVE_TYPES = {"zip", "docx", "xlsx", "pptx", "odt", "ods"}
SAME_EXTENSION = {"jpg": {"jpg", "jpeg"}}

logger = logging.getLogger(__name__)


def check_name(upload, extension):
    """The name's extension, if any, must say what the content is."""
    name = (upload.name or "").lower()
    if "." not in name:
        return
    given = name.rsplit(".", 1)[-1]
    if given not in SAME_EXTENSION.get(extension, {extension}):
        raise ValidationError(
            _(
                "The file is called “.%(given)s” but its content is %(real)s; rename it "
                "or send the right file."
            ),
            params={"given": given, "real": extension.upper()},
            code="name_mismatch",
        )


class NoScanner:
    """No antivirus configured: files are not scanned (the admin says so)."""

    name = None

    def scan(self, upload):
        return None


class ClamdScanner:
    """ClamAV's daemon over its Unix socket (INSTREAM)."""

    def __init__(self, path):
        self.name = f"ClamAV ({path})"
        self.path = path

    def scan(self, upload):
        """The name of what was found, or None when the file is clean. A daemon that
        cannot be reached or does not answer refuses the file: nothing unscanned is kept."""
        try:
            answer = self.ask(upload)
        except OSError:
            logger.exception("The antivirus at %s did not answer", self.path)
            answer = ""
        if answer.endswith("FOUND"):
            return answer.split(":", 1)[-1].removesuffix("FOUND").strip()
        if not answer.endswith("OK"):
            raise ValidationError(
                _("The file could not be checked for viruses; try again later."),
                code="scan_failed",
            )
        return None

    def ask(self, upload):
        upload.seek(0)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(30)
            conn.connect(self.path)
            conn.sendall(b"zINSTREAM\0")
            for chunk in iter(lambda: upload.read(64 * 1024), b""):
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = conn.recv(4096)
                if not part:
                    break
                reply += part
        upload.seek(0)
        return reply.rstrip(b"\0").decode(errors="replace")


def scanner():
    path = getattr(settings, "CLAMD_SOCKET", "")
    return ClamdScanner(path) if path else NoScanner()


def check_upload(upload, extension):
    """Everything after the type by content: name, content (archive, office document,
    PDF, polyglot), antivirus."""
    check_name(upload, extension)
    if extension in ARCHIVE_TYPES:
        check_zip(upload)
    else:
        check_disguise(upload, extension)
    if extension == "pdf":
        check_pdf(upload)
    found = scanner().scan(upload)
    if found:
        raise ValidationError(
            _("The antivirus found %(threat)s in this file; it is refused."),
            params={"threat": found},
            code="infected",
        )


def clean_file_name(name):
    """The person's file name, reduced to something safe to show and to send back."""
    base = os.path.basename(name or "").strip()
    base = re.sub(r"[\x00-\x1f\x7f<>:\"/\\|?*]+", "_", base)
    return base[:200] or "file"
