from datetime import date

import pytest

from common.spreadsheets import cell_text, csv_response


@pytest.mark.parametrize("value", ["=1+1", "+45 1234", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_what_a_spreadsheet_would_run_is_written_as_text(value):
    assert cell_text(value) == f"'{value}"


def test_plain_values_and_danish_dates():
    assert cell_text("Lagerarbejder") == "Lagerarbejder"
    assert cell_text(12) == "12"
    assert cell_text(date(2026, 11, 23)) == "23-11-2026"


def test_a_csv_file_opens_in_danish_excel_and_runs_no_formula():
    response = csv_response([["Dato", "Titel"], [date(2026, 3, 9), "=1+1"]], filename="a.csv")
    assert response.content == "\ufeffDato;Titel\r\n09-03-2026;'=1+1\r\n".encode()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="a.csv"'
