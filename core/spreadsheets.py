"""The one way the portal writes a spreadsheet: every CSV and XLSX download (the admin's
registers, bulk exports, reports, the authority's notice of an incident) goes through
``spreadsheet_response``, so they all open the same way in Excel.

What a person typed is never a formula in the reviewer's spreadsheet: a text that begins
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written to the CSV behind a
single quote (the usual defence: Excel and LibreOffice then read it as text), and to the
XLSX as a text cell marked "quote prefix", which stays text even when the cell is edited."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse

CSV = "csv"
XLSX = "xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def could_be_a_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_csv_value(value):
    """``value`` as the CSV writes it: a text a spreadsheet would run as a formula is
    behind a single quote."""
    return f"'{value}" if could_be_a_formula(value) else value


def spreadsheet_response(filename, headings, rows, spreadsheet_format=CSV):
    """``headings`` and then ``rows`` (lists of values) as a download named
    ``filename``.csv or .xlsx. The CSV is UTF-8 with a byte-order mark, without which
    Excel reads Cyrillic as mojibake; in the XLSX every text stays text (never a
    formula)."""
    headings = [str(heading) for heading in headings]
    if spreadsheet_format == XLSX:
        return _xlsx_response(filename, headings, rows)
    response = StreamingHttpResponse(
        _csv_lines(headings, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


class _Line:
    """What csv.writer writes to, handing each line back instead of keeping it."""

    def write(self, line):
        return line


def _csv_lines(headings, rows):
    """The CSV line by line (a register of 100,000 rows is never held in memory)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(headings)
    for row in rows:
        yield writer.writerow([as_csv_value(value) for value in row])


def _xlsx_response(filename, headings, rows):
    from openpyxl import Workbook  # noqa: PLC0415 (openpyxl is loaded only for XLSX)
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 (as above)

    book = Workbook(write_only=True, iso_dates=True)
    sheet = book.create_sheet(title="Sheet1")
    sheet.append(headings)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f" or could_be_a_formula(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
