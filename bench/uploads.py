"""How long the upload pipeline's content checks take on large honest files.

Run with ``.venv/bin/python bench/uploads.py`` (never by the tests). It builds, in
memory, with pikepdf, zipfile and openpyxl:

- a 10 MB PDF (a few pages, each with a large incompressible image),
- a 1000-page PDF of text (every page its own content stream, font shared), saved
  plainly and again with compressed object streams,
- a 20 MB ZIP of 200 small PDFs and 200 text files,
- an XLSX of 20,000 rows,

and prints, for each, its size, its number of PDF objects or ZIP members, and the
median of ``--runs`` runs of ``validate_application_file`` (type by content, name,
content checks; no antivirus) in milliseconds.
"""

import argparse
import io
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def big_image_pdf(target=10 * 1024 * 1024):
    import pikepdf  # noqa: PLC0415 (imported at run time, after the environment)
    from pikepdf import Dictionary, Name  # noqa: PLC0415 (as above)

    pdf = pikepdf.new()
    pages = 5
    side = int(((target / pages) / 3) ** 0.5)
    for number in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
        image = pdf.make_stream(
            os.urandom(side * side * 3),
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=side,
            Height=side,
            ColorSpace=Name.DeviceRGB,
            BitsPerComponent=8,
        )
        page = pdf.pages[number]
        page.Resources = Dictionary(XObject=Dictionary(Im0=image))
        page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    return save(pdf)


def thousand_rich_pages():
    """1000 pages, each with its own font, a small image and three internal links:
    about 6000 objects, as a long scanned-and-OCRed report has."""
    import pikepdf  # noqa: PLC0415 (imported at run time, after the environment)
    from pikepdf import Array, Dictionary, Name  # noqa: PLC0415 (as above)

    pdf = pikepdf.new()
    for _page in range(1000):
        pdf.add_blank_page(page_size=(595, 842))
    for number, page in enumerate(pdf.pages):
        font = pdf.make_indirect(
            Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        )
        image = pdf.make_stream(
            os.urandom(48 * 48 * 3),
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=48,
            Height=48,
            ColorSpace=Name.DeviceRGB,
            BitsPerComponent=8,
        )
        page.Resources = Dictionary(
            Font=Dictionary(F1=font), XObject=Dictionary(Im0=image)
        )
        page.Contents = pdf.make_stream(
            b"q 48 0 0 48 500 780 cm /Im0 Do Q BT /F1 10 Tf 50 800 Td (Page %d) Tj ET"
            % number
        )
        target = pdf.pages[(number + 1) % 1000].obj
        page.Annots = Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Link,
                        Rect=Array([50, 700 - 20 * link, 200, 715 - 20 * link]),
                        A=Dictionary(S=Name.GoTo, D=Array([target, Name.Fit])),
                    )
                )
                for link in range(3)
            ]
        )
    return save(pdf)


def thousand_pages(object_streams=False):
    import pikepdf  # noqa: PLC0415 (imported at run time, after the environment)
    from pikepdf import Dictionary, Name  # noqa: PLC0415 (as above)

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    for number in range(1000):
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[number]
        page.Resources = Dictionary(Font=Dictionary(F1=font))
        lines = b"".join(
            b"(Page %d, line %d: test protocol of the leak sensor) Tj T* "
            % (number, line)
            for line in range(40)
        )
        page.Contents = pdf.make_stream(
            b"BT /F1 10 Tf 14 TL 50 800 Td " + lines + b"ET"
        )
    mode = pikepdf.ObjectStreamMode
    return save(
        pdf, object_stream_mode=mode.generate if object_streams else mode.preserve
    )


def save(pdf, **options):
    buffer = io.BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def zip_of_pdfs():
    buffer = io.BytesIO()
    small = big_image_pdf(100 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(200):
            archive.writestr(f"протоколы/{number}.pdf", small)
            archive.writestr(f"заметки/{number}.txt", "Замечание. " * 200)
    return buffer.getvalue()


def big_workbook():
    import openpyxl  # noqa: PLC0415 (imported at run time, after the environment)

    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(20000):
        sheet.append([row, f"Датчик {row}", row * 1.5, "газопровод"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def count(name, content):
    import pikepdf  # noqa: PLC0415 (imported at run time, after the environment)

    if name.endswith(".pdf"):
        with pikepdf.open(io.BytesIO(content)) as pdf:
            return f"{len(pdf.objects)} objects"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return f"{len(archive.infolist())} members"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django  # noqa: PLC0415 (Django is set up at run time, after the environment)

    django.setup()
    from django.conf import settings  # noqa: PLC0415 (as above)
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from submissions.validators import validate_application_file  # noqa: PLC0415

    settings.CLAMD_SOCKET = ""
    settings.APPLICATION_FILE_MAX_BYTES = 100 * 1024 * 1024
    files = {
        "10 MB PDF (images)": ("big.pdf", big_image_pdf()),
        "1000-page PDF": ("pages.pdf", thousand_pages()),
        "1000-page PDF, object streams": ("pages.pdf", thousand_pages(True)),
        "1000 pages, fonts, images, links": ("rich.pdf", thousand_rich_pages()),
        "ZIP of 200 PDFs + 200 texts": ("pdfs.zip", zip_of_pdfs()),
        "XLSX, 20,000 rows": ("rows.xlsx", big_workbook()),
    }
    print(f"{'file':34} {'size':>9} {'parts':>15} {'median ms':>10} {'max ms':>8}")
    for label, (name, content) in files.items():
        timings = []
        for _run in range(options.runs):
            upload = SimpleUploadedFile(name, content)
            start = time.perf_counter()
            validate_application_file(upload)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:34} {len(content) / 1024 / 1024:7.1f}MB "
            f"{count(name, content):>15} {statistics.median(timings):10.0f} "
            f"{max(timings):8.0f}"
        )


if __name__ == "__main__":
    main()
