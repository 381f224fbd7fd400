"""What every CSV and Excel file we write shares: a cell that a spreadsheet would read as a
formula ("=", "+", "-", "@", tab, carriage return first) is written as text, so a job title
or an employer's name can never run as a formula on a consultant's machine (CSV injection);
dates are Danish (dd-mm-yyyy)."""

from datetime import date

#: Cells starting with these are formulas to a spreadsheet; they are written as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value) -> str:
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text
