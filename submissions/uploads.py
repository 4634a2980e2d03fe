"""The one upload pipeline every file field goes through: type by content, matching the
file's name; size; archives checked for bombs, path traversal and nested archives; PDFs
with scripts, actions or embedded files refused; then the antivirus scanner (ClamAV over
its socket when ``CLAMD_SOCKET`` is set, none otherwise)."""

import logging
import os
import re
import socket
import struct
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Office files are ZIP archives too; their parts are checked like any archive's.
ARCHIVE_TYPES = {"zip", "docx", "xlsx", "pptx", "odt", "ods"}
SAME_EXTENSION = {"jpg": {"jpg", "jpeg"}}
NESTED_ARCHIVES = (".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz")
PDF_DANGERS = (b"/JavaScript", b"/JS", b"/EmbeddedFile", b"/Launch", b"/RichMedia")

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


def check_archive(upload, extension):
    """No entry outside the archive, no archive inside a ZIP, no bomb."""
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(
            _("The archive is damaged and cannot be opened."), code="bad_archive"
        ) from None
    finally:
        upload.seek(0)
    total = 0
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
            raise ValidationError(
                _("The archive holds a path that points outside it; it is refused."),
                code="archive_traversal",
            )
        if extension == "zip" and name.lower().endswith(NESTED_ARCHIVES):
            raise ValidationError(
                _("Archives inside an archive are not accepted; send their files."),
                code="nested_archive",
            )
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > settings.ARCHIVE_MAX_RATIO:
            raise ValidationError(
                _("The archive expands far beyond its size (a “zip bomb”); refused."),
                code="archive_bomb",
            )
    if total > settings.ARCHIVE_MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(
            _("Unpacked, the archive would be too large; it is refused."),
            code="archive_too_large",
        )


def check_pdf(upload):
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if any(danger in content for danger in PDF_DANGERS):
        raise ValidationError(
            _(
                "PDFs with scripts, actions or embedded files are not accepted; save it "
                "again as a plain PDF (for example, print it to PDF)."
            ),
            code="pdf_active_content",
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
    """Everything after the type by content: name, archive, PDF, antivirus."""
    check_name(upload, extension)
    if extension in ARCHIVE_TYPES:
        check_archive(upload, extension)
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
