"""The leaders' tables as files: .xlsx (openpyxl) and a CSV for Danish Excel (semicolons, a
UTF-8 byte-order mark, decimal commas). Each file renders the `kpis.selectors.Table` its page
renders, so it holds the page's numbers: the same rounding, "< 5" or "skjult" where the page
says so, and an empty cell where the page has no figure. Text that a spreadsheet would take
for a formula is written as text."""

from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common import spreadsheets
from kpis.definitions import COUNT
from kpis.selectors import Cell, Table


def _value(item):
    """A table item as the file holds it: a number, text, or None (no figure)."""
    return item.exported if isinstance(item, Cell) else item


def csv_text(item) -> str:
    value = _value(item)
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_format(value, 0 if isinstance(value, int) else 1, use_l10n=True)
    return spreadsheets.cell_text(value)


def xlsx_workbook(table: Table) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = table.sheet[:31]
    sheet.append([str(header) for header in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in table.rows:
        sheet.append([_value(item) for item in row])
        for item, cell in zip(row, sheet[sheet.max_row], strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl takes "=..." for a formula: keep it text
            elif isinstance(item, Cell):
                cell.number_format = "0" if item.kpi.unit == COUNT else "0.0"
            elif isinstance(cell.value, float):
                cell.number_format = "0.0"
    sheet.column_dimensions["A"].width = 36
    sheet.freeze_panes = "B2"
    about = workbook.create_sheet(_("About the figures")[:31])
    for line in [table.title, *table.notes]:
        about.append([line])
        about.cell(about.max_row, 1).data_type = "s"
    about.column_dimensions["A"].width = 100
    return workbook


def response(table: Table, *, fmt: str) -> HttpResponse:
    filename = f"{table.filename}.{fmt}"
    if fmt == "csv":
        rows = [table.headers, *table.rows]
        return spreadsheets.csv_response(rows, filename=filename, cell=csv_text)
    return spreadsheets.xlsx_response(xlsx_workbook(table), filename=filename)
