"""What every CSV and Excel file we write shares: a cell that a spreadsheet would read as a
formula ("=", "+", "-", "@", tab, carriage return first) is written as text, so a job title
or an employer's name can never run as a formula on a consultant's machine (CSV injection);
dates are Danish (dd-mm-yyyy); a CSV file has semicolons, CRLF line ends and a UTF-8
byte-order mark, as Danish Excel opens it."""

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

#: Cells starting with these are formulas to a spreadsheet; they are written as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_text(value) -> str:
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    rows: Iterable[Iterable[Any]], *, filename: str, cell: Callable[[Any], str] = cell_text
) -> HttpResponse:
    """The rows (the headings first) as a CSV file; each value is written as `cell` makes it
    (by default `cell_text`: formulas as text, Danish dates)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([cell(value) for value in row] for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_response(workbook: Workbook, *, filename: str) -> HttpResponse:
    output = io.BytesIO()
    workbook.save(output)
    return _attachment(HttpResponse(output.getvalue(), content_type=XLSX), filename)
