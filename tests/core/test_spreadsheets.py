"""The one spreadsheet writer: what a reviewer opens in Excel."""

import io

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
