"""The one spreadsheet writer: what a reviewer opens in Excel."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.spreadsheets import spreadsheet_response


def test_a_csv_opens_in_excel_with_its_cyrillic_and_its_columns():
    response = spreadsheet_response(
        "applications", ["Номер", "Название"], [["OPI-2026-00001", "Очистка воды"]]
    )
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="applications.csv"'
    assert body.startswith("\ufeff".encode())
    assert body.decode("utf-8-sig").splitlines() == [
        "Номер,Название",
        "OPI-2026-00001,Очистка воды",
    ]


def test_an_xlsx_keeps_text_that_looks_like_a_formula_as_text():
    response = spreadsheet_response(
        "incident", ["Имя", "Телефон"], [["=HYPERLINK(1)", "+7 701"]], "xlsx"
    )
    assert response["Content-Disposition"] == 'attachment; filename="incident.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("Имя", "Телефон"), ("=HYPERLINK(1)", "+7 701")]
    assert sheet["A2"].data_type == "s"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_a_spreadsheet_would_run_is_never_a_formula(start):
    """A formula typed by an applicant (=HYPERLINK(…), +cmd|…, @SUM(…)) reaches the
    reviewer's spreadsheet as text, in the CSV and in the XLSX, whatever it starts with;
    numbers and ordinary text are written as they are."""
    typed = f'{start}HYPERLINK("http://evil.example";"click")'
    rows = [[typed, 42, "Очистка воды"]]
    csv_body = b"".join(
        spreadsheet_response("x", ["a", "b", "c"], rows).streaming_content
    ).decode("utf-8-sig")
    [line] = list(csv.reader(io.StringIO(csv_body)))[1:]
    assert line == ["'" + typed, "42", "Очистка воды"]

    response = spreadsheet_response("x", ["a", "b", "c"], rows, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["A2"]
    # (XML reads a carriage return back as a line feed)
    assert cell.value.replace("\n", "\r") == typed
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert (sheet["B2"].value, sheet["C2"].quotePrefix) == (42, False)
