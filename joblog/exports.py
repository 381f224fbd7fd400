"""The Joblog as files for the unemployment fund (CSV for Danish Excel, and .xlsx) and the
progress page's chart data. The files hold exactly the entries the list shows with the same
filter. The headings and labels are Danish, whatever language the citizen reads in."""

from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Font

from citizens.models import Citizen
from common import spreadsheets
from joblog.models import JoblogEntry
from joblog.selectors import Progress


def headers() -> list[str]:
    return [
        _("Date"),
        _("Activity"),
        _("Occupation"),
        _("Job title"),
        _("Employer"),
        _("Postcode"),
        _("Town"),
        _("How found or applied"),
        _("Status"),
        _("Plan"),
        _("Link to the ad"),
        _("Notes"),
    ]


def _row(entry: JoblogEntry) -> list:
    return [
        entry.date,
        str(entry.get_activity_display()),
        entry.occupation.title,
        entry.job_title,
        entry.employer,
        entry.postcode,
        entry.town,
        str(entry.get_channel_display()),
        str(entry.get_status_display()),
        entry.plan,
        entry.ad_url,
        entry.notes,
    ]


def _filename(suffix: str) -> str:
    return f"joblog-{timezone.localdate():%Y-%m-%d}.{suffix}"


def csv_response(citizen: Citizen, entries: list[JoblogEntry]) -> HttpResponse:
    with override("da"):
        rows = [headers(), *(_row(entry) for entry in entries)]
    return spreadsheets.csv_response(rows, filename=_filename("csv"))


def xlsx_response(citizen: Citizen, entries: list[JoblogEntry]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    with override("da"):
        sheet.title = "Joblog"
        sheet.append(headers())
        for entry in entries:
            sheet.append(
                [value if isinstance(value, date) else str(value) for value in _row(entry)]
            )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "DD-MM-YYYY"
        for cell in row[1:]:
            # openpyxl takes a string starting with "=" for a formula: keep it text.
            cell.data_type = "s"
    for column, width in zip(
        "ABCDEFGHIJKL", (12, 24, 28, 24, 28, 8, 16, 18, 16, 6, 40, 50), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return spreadsheets.xlsx_response(workbook, filename=_filename("xlsx"))


def period(filter_form, entries: list[JoblogEntry]) -> tuple[date | None, date | None]:
    """The period the printout covers: the filter's, else that of the entries."""
    data = filter_form.cleaned_data if filter_form.is_bound and filter_form.is_valid() else {}
    first = data.get("fra") or (entries[-1].date if entries else None)
    last = data.get("til") or (entries[0].date if entries else None)
    return first, last


def chart_data(progress: Progress) -> dict:
    """What the progress page's charts draw (read by joblog/progress.js via json_script)."""
    return {
        "weeks": {
            "labels": [_("Week %(n)d") % {"n": w.number} for w in progress.weeks],
            "values": [w.searches for w in progress.weeks],
            "goal": float(progress.summary.per_week),
            "label": _("Job searches"),
            "goal_label": _("The job centre's yardstick per week"),
        },
        "plans": {
            "labels": [label for _letter, label, _n in progress.plans],
            "values": [n for _letter, _label, n in progress.plans],
            "label": _("Entries"),
        },
    }
