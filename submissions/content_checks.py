"""What the upload pipeline refuses inside a file, found by reading the file as the
program that opens it would, never by searching its bytes for words.

PDFs are read with pikepdf (qpdf): every indirect object, those packed in compressed
object streams included, and the trailer, with names compared after decoding (``/J#61``
is ``/Ja``). ZIP archives are read from their central directory, and every member is
judged by its first bytes, whatever its name; office documents (OOXML and ODF are ZIP
packages) are read part by part, their XML with defusedxml.

Every rule is in ``RULES``: the code the refusal carries, what the applicant is told
(next to the file field, in their language) and why the rule exists."""

import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass

import filetype
import pikepdf
from defusedxml import DefusedXmlException, ElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    message: str
    reason: str


RULES = {
    # PDF
    "pdf_password": Rule(
        _(
            "This PDF is protected by a password, so its content cannot be checked. "
            "Upload a copy without the password."
        ),
        "An encrypted PDF cannot be read, so nothing below could be checked in it. "
        "A PDF that only restricts printing or copying opens without a password and "
        "is checked like any other.",
    ),
    "pdf_damaged": Rule(
        _(
            "This PDF is damaged and cannot be read. Save or export it again and "
            "upload the new copy."
        ),
        "What the parser cannot read could not be checked; a viewer that repairs "
        "files differently might find in it what the check did not.",
    ),
    "pdf_too_complex": Rule(
        _(
            "This PDF holds more than %(limit)s objects, too many to check. Print it "
            "to PDF or split it into parts, and upload them again."
        ),
        "Every object is read (about 0.1 ms each); PDF_MAX_OBJECTS bounds the time "
        "one upload may take, far above what a long report holds.",
    ),
    "pdf_javascript": Rule(
        _(
            "This PDF contains a script (JavaScript). Save it again without scripts, "
            "or print it to PDF, and upload it again."
        ),
        "Scripts run in the reviewer's viewer when the file is opened, a page is "
        "shown or a field is touched (/JS, /JavaScript name trees, /S /JavaScript "
        "actions, in /OpenAction, /AA or anywhere else).",
    ),
    "pdf_launch": Rule(
        _(
            "This PDF contains a command that starts a program or opens a file on the "
            "reader's computer. Print it to PDF and upload the new copy."
        ),
        "/Launch actions start programs or open local files on the reviewer's "
        "computer.",
    ),
    "pdf_form_submit": Rule(
        _(
            "This PDF contains a form that sends or imports data. Print it to PDF "
            "(what is filled in stays) and upload the new copy."
        ),
        "/SubmitForm sends what is in the form (and the viewer's details) to an "
        "address of the author's choice; /ImportData reads a file into the form.",
    ),
    "pdf_external_link": Rule(
        _(
            "This PDF opens an address by itself when it is read, or links to a file "
            "or a network location. Save it again without these links, or print it to "
            "PDF, and upload it again; ordinary web links a reader clicks may stay."
        ),
        "/URI and /GoToR actions reach outside the file. Fired by /OpenAction or /AA "
        "(without a click) they tell the author that and when a reviewer opened the "
        "file; a network path or file: address leaks Windows credentials or opens "
        "local files. So /GoToR is refused everywhere, and /URI everywhere but a web "
        "or mail address (http, https, mailto) a reader clicks: the link of a Word "
        "export, like an office document's hyperlink, which viewers ask about first. "
        "Links inside the document (/GoTo) are kept.",
    ),
    "pdf_embedded_file": Rule(
        _(
            "This PDF contains attached files. Upload them as separate files, and the "
            "PDF without attachments (for example, printed to PDF)."
        ),
        "Files attached to a PDF (/EmbeddedFiles, /EF, /Type /EmbeddedFile, "
        "/FileAttachment annotations, /GoToE) escape the type and content checks "
        "every upload passes.",
    ),
    "pdf_xfa": Rule(
        _(
            "This PDF is a dynamic (XFA) form, whose content cannot be checked. Print "
            "it to PDF and upload the new copy."
        ),
        "An XFA form is an XML program of its own (with scripts) that only some "
        "viewers run; what it shows is not in the PDF's objects.",
    ),
    "pdf_media": Rule(
        _(
            "This PDF contains multimedia (video, sound, 3D or Flash). Save it again "
            "without them, or print it to PDF, and upload it again."
        ),
        "Rich media, 3D, movie, sound and screen annotations and rendition actions "
        "hand content to players that have a long record of exploits; an "
        "application's documents do not need them.",
    ),
    # Archives (ZIP, and the office documents that are ZIP packages)
    "archive_damaged": Rule(
        _("The archive is damaged and cannot be opened."),
        "What cannot be read cannot be checked (also: two members with one name, "
        "which different programs unpack differently).",
    ),
    "archive_method": Rule(
        _(
            "The archive is packed with a method the portal cannot read. Pack it "
            "again as an ordinary ZIP and upload it again."
        ),
        "A member that cannot be unpacked here cannot be checked.",
    ),
    "archive_encrypted": Rule(
        _(
            "The archive, or a file in it, is protected by a password, so its "
            "content cannot be checked. Pack it again without a password."
        ),
        "Encrypted members cannot be read, so nothing in them could be checked.",
    ),
    "archive_traversal": Rule(
        _("The archive holds a path that points outside it; it is refused."),
        "Absolute paths, drive letters and “..” write outside the folder the archive "
        "is unpacked into (zip slip).",
    ),
    "archive_link": Rule(
        _(
            "The archive contains a symbolic link; links are not accepted. Pack the "
            "files themselves and upload the archive again."
        ),
        "A symbolic link unpacked on a reviewer's computer points at their own "
        "files, and the next member can be written through it.",
    ),
    "archive_special": Rule(
        _(
            "The archive contains a device file or a pipe, not an ordinary file. Pack "
            "only ordinary files and upload the archive again."
        ),
        "Device files and pipes unpacked by a privileged tool reach the machine's "
        "devices or hang the unpacking.",
    ),
    "archive_too_many": Rule(
        _(
            "The archive holds more than %(limit)s files. Send fewer files in one "
            "archive."
        ),
        "Millions of tiny members exhaust the unpacking program and the reviewer.",
    ),
    "archive_bomb": Rule(
        _("The archive expands far beyond its size (a “zip bomb”); refused."),
        "A member that unpacks to more than ARCHIVE_MAX_RATIO times its packed size "
        "is made to fill the disk or the memory of whoever unpacks it.",
    ),
    "archive_too_large": Rule(
        _("Unpacked, the archive would be too large; it is refused."),
        "More than ARCHIVE_MAX_UNCOMPRESSED_BYTES unpacked, in total.",
    ),
    "nested_archive": Rule(
        _("Archives inside an archive are not accepted; send their files."),
        "A member whose content is an archive (ZIP, RAR, 7z, tar, gzip, …), "
        "whatever its name, would escape these checks; office documents inside an "
        "archive are checked as documents instead.",
    ),
    "archive_legacy_office": Rule(
        _(
            "The archive holds an old-format Office file (DOC, XLS or PPT), whose "
            "macros cannot be checked. Save it as DOCX, XLSX, PPTX or PDF and pack it "
            "again."
        ),
        "OLE compound files (the pre-2007 Office formats) carry macros and embedded "
        "objects in a form these checks do not read; they are not accepted on their "
        "own either.",
    ),
    # Office documents
    "office_macros": Rule(
        _(
            "This document contains macros. Save it as an ordinary document without "
            "macros (DOCX, XLSX or PPTX) or as PDF, and upload it again."
        ),
        "Macros (vbaProject.bin, macro-enabled content types of .docm/.xlsm/.pptm "
        "renamed, Excel 4.0 macro sheets, OpenDocument Basic and scripts) are "
        "programs that run on the reviewer's computer.",
    ),
    "office_activex": Rule(
        _(
            "This document contains ActiveX controls. Save a copy without them, or as "
            "PDF, and upload it again."
        ),
        "ActiveX controls are programs installed on the reviewer's computer that "
        "the document starts.",
    ),
    "office_embedded": Rule(
        _(
            "This document contains an embedded object (another file inside it). "
            "Upload that file separately, and the document without it or as PDF."
        ),
        "OLE objects (oleObject*.bin and anything under embeddings/ that is not an "
        "office document) and Word's altChunk imports (RTF, HTML) can hold any file, "
        "programs and exploits included, and escape the checks. Workbooks that "
        "carry a chart's data are documents and are checked as such.",
    ),
    "office_external": Rule(
        _(
            "This document loads content from another address when it is opened (an "
            "external template, picture or object). Save a copy without external "
            "links, or as PDF, and upload it again."
        ),
        'A relationship with TargetMode="External" other than a hyperlink, or an '
        "INCLUDEPICTURE / INCLUDETEXT / LINK / IMPORT field with a web or network "
        "address, is fetched when the document opens or its fields update: a remote "
        "template (attachedTemplate) brings macros in, and a network path leaks "
        "Windows credentials. Hyperlinks, which need a click, are kept.",
    ),
    "office_dde": Rule(
        _(
            "This document contains a field that runs a command (DDE). Remove the "
            "field, or save the document as PDF, and upload it again."
        ),
        "DDE and DDEAUTO fields start programs on the reviewer's computer.",
    ),
    # Any file
    "disguised": Rule(
        _(
            "This file hides another file inside it (a ZIP archive or a PDF). Save it "
            "again from the program that made it and upload the new copy."
        ),
        "A polyglot is judged as one type here and opened as another elsewhere, "
        "escaping the checks meant for the second type.",
    ),
}


def refuse(code, **params):
    raise ValidationError(RULES[code].message, code=code, params=params or None)


# --- PDF -----------------------------------------------------------------------------

# An action's /S, or an annotation's or a stream's /Subtype, and the rule it breaks.
PDF_ACTIONS = {
    "/JavaScript": "pdf_javascript",
    "/Launch": "pdf_launch",
    "/SubmitForm": "pdf_form_submit",
    "/ImportData": "pdf_form_submit",
    "/URI": "pdf_external_link",
    "/GoToR": "pdf_external_link",
    "/GoToE": "pdf_embedded_file",
    "/Rendition": "pdf_media",
    "/Movie": "pdf_media",
    "/Sound": "pdf_media",
    "/GoTo3DView": "pdf_media",
    "/RichMediaExecute": "pdf_media",
}
PDF_SUBTYPES = {
    "/FileAttachment": "pdf_embedded_file",
    "/RichMedia": "pdf_media",
    "/Movie": "pdf_media",
    "/Sound": "pdf_media",
    "/Screen": "pdf_media",
    "/3D": "pdf_media",
    "/U3D": "pdf_media",
    "/PRC": "pdf_media",
}
PDF_TYPES = {"/EmbeddedFile": "pdf_embedded_file"}
# A key whose mere presence breaks a rule.
PDF_KEYS = {
    "/JS": "pdf_javascript",
    "/JavaScript": "pdf_javascript",
    "/EmbeddedFiles": "pdf_embedded_file",
    "/EF": "pdf_embedded_file",
    "/XFA": "pdf_xfa",
    "/RichMediaContent": "pdf_media",
}
DICTIONARY = pikepdf.ObjectType.dictionary
STREAM = pikepdf.ObjectType.stream
ARRAY = pikepdf.ObjectType.array
NAME = pikepdf.ObjectType.name_


# The addresses a /URI action may open when a reader clicks it.
CLICKED_LINK_SCHEMES = ("http", "https", "mailto")
# The entries whose actions a viewer runs by itself (on opening, on a page, a field).
TRIGGERS = ("/OpenAction", "/AA")
# How far a chain of actions (/Next) is followed from one trigger.
MAX_CHAINED_ACTIONS = 1000


def is_clicked_web_link(action):
    """Whether a /URI action's address is a web or mail address."""
    address = str(action.get("/URI", "")).strip()
    scheme = address.partition(":")[0].lower()
    return scheme in CLICKED_LINK_SCHEMES and not address.startswith("\\")


def triggered_actions(obj):
    """The actions a viewer runs without a click from the dictionary ``obj``: its
    /OpenAction (when an action, not a destination), each action of its /AA, and the
    actions chained to them by /Next."""
    pending = []
    for key in TRIGGERS:
        value = obj.get(key)
        if key == "/AA" and isinstance(value, pikepdf.Dictionary):
            pending.extend(value.values())
        elif value is not None:
            pending.append(value)
    seen = 0
    while pending and seen < MAX_CHAINED_ACTIONS:
        action = pending.pop()
        if isinstance(action, pikepdf.Array):
            pending.extend(action)
            continue
        if not isinstance(action, pikepdf.Dictionary):
            continue
        seen += 1
        yield action
        if "/Next" in action:
            pending.append(action.Next)


def opens_a_link_by_itself(obj):
    return any(action.get("/S") == "/URI" for action in triggered_actions(obj))


def pdf_finding(pdf):
    """The code of the first rule ``pdf`` breaks, or None. Every indirect object is
    visited once (qpdf lists those inside object streams too, and those nothing refers
    to), and the direct objects inside each; references are not followed, so cycles
    cannot trap the walk, and PDF_MAX_OBJECTS bounds it."""
    pending = [pdf.trailer]
    pending.extend(pdf.objects)
    budget = settings.PDF_MAX_OBJECTS  # dictionaries and arrays, direct ones too
    while pending:
        budget -= 1
        if budget < 0:
            return "pdf_too_complex"
        obj = pending.pop()
        kind = obj._type_code
        if kind == ARRAY:
            children = obj
        elif kind in (DICTIONARY, STREAM):
            if opens_a_link_by_itself(obj):
                return "pdf_external_link"
            children = []
            for key, value in obj.items():
                if key in PDF_KEYS:
                    return PDF_KEYS[key]
                # pikepdf gives numbers and booleans as Python's own.
                code = getattr(value, "_type_code", None)
                if code == NAME:
                    name = str(value)
                    if key == "/S" and name == "/URI":
                        if not is_clicked_web_link(obj):
                            return PDF_ACTIONS[name]
                    elif key == "/S" and name in PDF_ACTIONS:
                        return PDF_ACTIONS[name]
                    if key == "/Subtype" and name in PDF_SUBTYPES:
                        return PDF_SUBTYPES[name]
                    if key == "/Type" and name in PDF_TYPES:
                        return PDF_TYPES[name]
                elif code in (ARRAY, DICTIONARY):
                    children.append(value)
        else:
            continue
        for child in children:
            code = getattr(child, "_type_code", None)
            if code in (ARRAY, DICTIONARY) and not child.is_indirect:
                pending.append(child)
    return None


def check_pdf(stream):
    """Refuses a PDF that cannot be read or that holds active content (RULES)."""
    stream.seek(0)
    try:
        with pikepdf.open(stream) as pdf:
            finding = pdf_finding(pdf)
    except pikepdf.PasswordError:
        finding = "pdf_password"
    except (pikepdf.PdfError, RecursionError, ValueError):
        finding = "pdf_damaged"
    finally:
        stream.seek(0)
    if finding == "pdf_too_complex":
        refuse(finding, limit=settings.PDF_MAX_OBJECTS)
    if finding:
        refuse(finding)


# --- ZIP archives and office documents -------------------------------------------------

# filetype's names of the archive formats it recognises by their first bytes.
ARCHIVE_KINDS = {
    "epub", "zip", "tar", "rar", "gz", "bz2", "7z", "crx", "cab", "xz", "deb", "ar",
    "Z", "lzo", "lz", "lz4", "rpm", "zst",
}  # fmt: skip
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FILE_TYPES = {stat.S_IFREG, stat.S_IFDIR, 0}
SPECIAL_TYPES = {stat.S_IFCHR, stat.S_IFBLK, stat.S_IFIFO, stat.S_IFSOCK}
READABLE_METHODS = {
    zipfile.ZIP_STORED,
    zipfile.ZIP_DEFLATED,
    zipfile.ZIP_BZIP2,
    zipfile.ZIP_LZMA,
}
HEAD = 8192
# How deep documents may sit in one another: a chart's workbook in a document in a
# ZIP is three; anything deeper is refused.
MAX_DEPTH = 3
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(stream, depth=0):
    """Refuses a ZIP archive (an office document included) that breaks a rule of
    RULES: first what the central directory says of every member, then an office
    document's own rules, then what each member's content is."""
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        refuse("archive_damaged")
    try:
        check_directory(entries)
        if is_package(archive):
            check_package(archive)
        check_members(archive, entries, depth)
    finally:
        archive.close()
        stream.seek(0)


def check_directory(entries):
    if len(entries) > settings.ARCHIVE_MAX_MEMBERS:
        refuse("archive_too_many", limit=settings.ARCHIVE_MAX_MEMBERS)
    names = set()
    total = 0
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        parts = name.split("/")
        if name.startswith("/") or ".." in parts or ":" in parts[0]:
            refuse("archive_traversal")
        if name.lower() in names:
            refuse("archive_damaged")
        names.add(name.lower())
        if entry.flag_bits & 0x1 or entry.compress_type == 99:  # 99: WinZip AES
            refuse("archive_encrypted")
        kind = stat.S_IFMT(entry.external_attr >> 16)
        if kind == stat.S_IFLNK:
            refuse("archive_link")
        if kind in SPECIAL_TYPES or kind not in FILE_TYPES:
            refuse("archive_special")
        if entry.compress_type not in READABLE_METHODS:
            refuse("archive_method")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and ratio > settings.ARCHIVE_MAX_RATIO:
            refuse("archive_bomb")
    if total > settings.ARCHIVE_MAX_UNCOMPRESSED_BYTES:
        refuse("archive_too_large")


def read(archive, entry, size=None):
    """A member's first ``size`` bytes (all of it when None), spooled to disk when
    large; a member that does not unpack is a damaged archive."""
    try:
        with archive.open(entry) as member:
            if size is not None:
                return member.read(size)
            # The caller closes it (``with read(...) as member``).
            spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
            while chunk := member.read(1024 * 1024):
                spool.write(chunk)
            spool.seek(0)
            return spool
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        refuse("archive_damaged")
    except NotImplementedError:
        refuse("archive_method")
    except RuntimeError:  # zipfile's "File is encrypted, password required"
        refuse("archive_encrypted")


def check_members(archive, entries, depth):
    """Every member judged by its content, whatever its name: archives refused, except
    office documents, which are checked as documents; PDFs checked as PDFs; in an
    office document, embeddings/ holds nothing but documents (a chart's workbook)."""
    package = is_package(archive)
    for entry in entries:
        if entry.is_dir():
            continue
        head = read(archive, entry, HEAD)
        embedding = package and "/embeddings/" in f"/{entry.filename.lower()}"
        if head.startswith(OLE):
            refuse("office_embedded" if package else "archive_legacy_office")
        kind = filetype.guess(head) if head else None
        extension = kind.extension if kind else None
        if extension == "pdf":
            if embedding:
                refuse("office_embedded")
            with read(archive, entry) as member:
                check_pdf(member)
        elif extension in ARCHIVE_KINDS or head.startswith(b"PK\x03\x04"):
            with read(archive, entry) as member:
                if depth + 1 >= MAX_DEPTH or not is_document(member):
                    refuse("office_embedded" if embedding else "nested_archive")
                if package and not embedding:
                    refuse("nested_archive")
                check_zip(member, depth + 1)
        elif embedding:
            refuse("office_embedded")


def is_document(stream):
    """Whether ``stream`` is an office document (an OOXML or OpenDocument package)."""
    try:
        with zipfile.ZipFile(stream) as inner:
            return is_package(inner)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return False
    finally:
        stream.seek(0)


def is_package(archive):
    """Whether ``archive`` is an office document: an OOXML or OpenDocument package."""
    names = {name.lower(): name for name in archive.namelist()}
    if "[content_types].xml" in names:
        return True
    if "mimetype" not in names:
        return False
    entry = archive.getinfo(names["mimetype"])
    return read(archive, entry, 64).startswith(b"application/vnd.oasis.opendocument")


def parse(archive, name):
    """The XML part ``name``; entities and DTDs (billion laughs, external entities)
    are refused by defusedxml, as damage."""
    try:
        return ElementTree.fromstring(archive.read(name))
    except (
        ElementTree.ParseError,
        DefusedXmlException,
        ValueError,
        zipfile.BadZipFile,
        zlib.error,
    ):
        refuse("archive_damaged")


def check_package(archive):
    """The office document's own rules: macros, ActiveX, OLE objects, what it fetches
    from elsewhere when opened, DDE fields."""
    names = archive.namelist()
    for name in names:
        low = f"/{name.lower()}"
        if (
            low.endswith(("/vbaproject.bin", "/vbadata.xml"))
            or "/macrosheets/" in low
            or low.startswith(("/basic/", "/scripts/"))
        ):
            refuse("office_macros")
        if "/activex/" in low:
            refuse("office_activex")
    for name in names:
        low = name.lower()
        if low == "[content_types].xml":
            check_content_types(parse(archive, name))
        elif low.endswith(".rels"):
            check_relationships(parse(archive, name))
        elif low.startswith("word/") and low.endswith(".xml"):
            check_fields(parse(archive, name))
        elif low.startswith("xl/externallinks/") and low.endswith(".xml"):
            check_dde_links(parse(archive, name))


def check_content_types(root):
    for element in root:
        content_type = (element.get("ContentType") or "").lower()
        if "macroenabled" in content_type or "vbaproject" in content_type:
            refuse("office_macros")
        if "macrosheet" in content_type:
            refuse("office_macros")
        if "activex" in content_type:
            refuse("office_activex")
        if "oleobject" in content_type:
            refuse("office_embedded")


def check_relationships(root):
    for relationship in root.iter(f"{REL_NS}Relationship"):
        external = (relationship.get("TargetMode") or "").lower() == "external"
        kind = (relationship.get("Type") or "").rsplit("/", 1)[-1].lower()
        if kind == "vbaproject":
            refuse("office_macros")
        if kind == "afchunk":  # a foreign file (RTF, HTML, MHT) Word imports on opening
            refuse("office_embedded")
        if external and kind != "hyperlink":
            refuse("office_external")


def check_dde_links(root):
    """Excel's external links: a ddeLink starts a program (``cmd|' /c calc'!A0``)."""
    if any(element.tag.endswith("}ddeLink") for element in root.iter()):
        refuse("office_dde")


def check_fields(root):
    """Word's field codes (``w:instrText`` runs from one ``w:fldChar`` begin on, which
    Word joins, and ``w:fldSimple``): DDE runs a command when the field is updated;
    INCLUDEPICTURE, INCLUDETEXT, LINK and IMPORT with a web or network address fetch
    it."""
    codes = [""]
    for element in root.iter():
        if element.tag == f"{W_NS}fldSimple":
            codes.append(element.get(f"{W_NS}instr") or "")
        elif element.tag == f"{W_NS}instrText":
            codes[-1] += element.text or ""
        elif element.get(f"{W_NS}fldCharType") == "begin":
            codes.append("")
    for code in codes:
        words = code.split()
        command = words[0].upper() if words else ""
        if command in ("DDE", "DDEAUTO"):
            refuse("office_dde")
        if command in ("INCLUDEPICTURE", "INCLUDETEXT", "LINK", "IMPORT") and (
            "://" in code or "\\\\" in code
        ):
            refuse("office_external")


# --- Any file ------------------------------------------------------------------------


def check_disguise(stream, extension):
    """A PDF or an image must not also be a ZIP archive, and nothing but a PDF may carry
    a PDF header where viewers look for one (the first kilobyte)."""
    stream.seek(0)
    head = stream.read(1024)
    stream.seek(0)
    if extension != "pdf" and b"%PDF-" in head:
        refuse("disguised")
    try:
        with zipfile.ZipFile(stream) as archive:
            hidden = bool(archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        hidden = False
    finally:
        stream.seek(0)
    if hidden:
        refuse("disguised")
