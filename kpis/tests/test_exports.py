"""Every table of the leaders' pages as Excel and CSV: cell by cell the page's numbers (the
same rounding, "< 5" where the page says so, empty where it has no figure), the period in the
file name, formulas kept as text, and a clear message for a request that names no table."""

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from kpis.definitions import KPIS
from kpis.selectors import NO_FIGURE
from kpis.tests.factories import SnapshotFactory, TargetFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
NOVEMBER = dt.date(2026, 11, 1)
EXPORT = reverse("kpis:export")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def team(centre):
    return TeamFactory(job_centre=centre, name="Jobparate dagpenge")


@pytest.fixture
def manager(client, centre):
    user = StaffFactory(job_centre=centre, role=Role.MANAGER, username="leder")
    client.force_login(user)  # Danish, as the files are
    return user


@pytest.fixture
def figures(centre, team):
    """A month of figures: shares, an average, a count over a thousand, a small cell, a cell
    with nothing to divide by, and a team and two consultants."""
    other = TeamFactory(job_centre=centre, name='=HYPERLINK("x")')
    anna = StaffFactory(job_centre=centre, team=team, name="Anna Andersen", username="anna")
    bo = StaffFactory(job_centre=centre, team=team, name="Bo Berg", username="bo")
    for scope in ({}, {"team": team}, {"team": other}, {"consultant": anna}, {"consultant": bo}):
        snap(centre, numerator=783, denominator=1000, **scope)
        snap(centre, kpi="no_show_rate", numerator=7, denominator=93, **scope)
        snap(centre, kpi="logbook_entries", numerator=1155, denominator=0, base=0, **scope)
        snap(centre, kpi="facilitated_share", numerator=2, denominator=3, base=3, **scope)
        snap(centre, kpi="conversations_per_week", numerator=0, denominator=0, base=0, **scope)
    for scope in ({}, {"team": team}, {"team": other}):
        snap(centre, kpi="satisfaction_average", numerator=425, denominator=52, **scope)
    snap(centre, kpi="satisfaction_average", consultant=anna, numerator=30, denominator=3)
    for month in range(1, 11):
        start = dt.date(2026, month, 1)
        snap(centre, numerator=60 + month, denominator=100, period_start=start)
    snap(centre, numerator=3, denominator=4, base=4, period_start=dt.date(2026, 5, 1))
    TargetFactory(job_centre=centre, value=75, starts_on=dt.date(2026, 3, 1))


def snap(centre, **kwargs):
    kwargs.setdefault("period_start", NOVEMBER)
    start = kwargs["period_start"]
    SnapshotFactory._meta.model.objects.filter(
        job_centre=centre,
        kpi=kwargs.get("kpi", "self_booking_share"),
        period_start=start,
        team=kwargs.get("team"),
        consultant=kwargs.get("consultant"),
        period_kind="month",
    ).delete()
    return SnapshotFactory(job_centre=centre, **kwargs)


# Reading the page and the files


def page_tables(page: str, name: str) -> list[list[list[str]]]:
    """The page's tables called `name`: rows of cell texts (a value cell: its figure only)."""
    tables = []
    pattern = rf'<table[^>]*data-table="{name}"[^>]*>(.*?)</table>'
    for table in re.findall(pattern, page, re.S):
        body = table.split("<tbody>")[1]
        rows = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = []
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S):
                value = re.search(r'<span class="kpi-value">(.*?)</span>', cell, re.S)
                text = value[1] if value else re.sub(r"<[^>]+>", " ", cell)
                cells.append(html.unescape(" ".join(text.split())))
            rows.append(cells)
        tables.append(rows)
    return tables


def number(text: str):
    """A page's or CSV's figure as a number, "< 5" as it is, no figure as None."""
    text = text.replace(" %", "").strip()
    if text in ("", NO_FIGURE):
        return None
    if text == "< 5":
        return text
    return float(text.replace(".", "").replace(",", "."))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def files(client, **params):
    xlsx = client.get(EXPORT, {**params, "format": "xlsx"})
    csv_file = client.get(EXPORT, {**params, "format": "csv"})
    assert xlsx.status_code == csv_file.status_code == 200
    return xlsx, csv_file


def danish(text: str) -> str:
    """The files are Danish: what `text` reads as there."""
    with override("da"):
        return gettext(text)


def as_number(value):
    return float(value) if isinstance(value, int | float) else value


# The overview


def test_the_overview_file_holds_the_pages_numbers(client, centre, team, manager, figures):
    page = client.get(reverse("kpis:dashboard")).content.decode()
    shown = [row for table in page_tables(page, "oversigt") for row in table]
    assert len(shown) == 18  # every KPI at the centre's level
    xlsx, csv_file = files(client, tabel="oversigt", periode="2026-11", team="jobcenter")
    sheet, text = xlsx_rows(xlsx)[1:], csv_rows(csv_file)[1:]
    assert len(sheet) == len(text) == len(shown)
    for page_row, xlsx_row, csv_row in zip(shown, sheet, text, strict=True):
        assert page_row[0] == xlsx_row[1] == csv_row[1]  # the KPI
        assert number(page_row[1]) == as_number(xlsx_row[2]) == number(csv_row[2])
    by_kpi = {kpi.key: row for kpi, row in zip(KPIS, sheet, strict=True)}
    assert by_kpi["self_booking_share"][2] == 78.3
    assert by_kpi["no_show_rate"][2] == 7.5
    assert by_kpi["logbook_entries"][2] == 1155
    assert by_kpi["facilitated_share"][2] == "< 5"
    assert by_kpi["conversations_per_week"][2] is None
    assert by_kpi["self_booking_share"][4] == danish("Green")  # the word, as on the page
    assert 'data-light="green"' in page
    target, _over_period, reached = by_kpi["self_booking_share"][5:8]
    assert target.endswith("75 %") and reached == danish("No")  # March to November


def test_the_file_name_has_the_table_the_scope_and_the_period(client, team, manager, figures):
    xlsx, csv_file = files(client, tabel="oversigt", periode="2026-W47", team=team.pk)
    assert (
        xlsx["Content-Disposition"]
        == f'attachment; filename="noegletal-oversigt-team-{team.pk}-2026-W47.xlsx"'
    )
    assert csv_file["Content-Disposition"].endswith('-2026-W47.csv"')
    assert csv_file["Content-Type"] == "text/csv; charset=utf-8"


# Per team and per consultant


def _merged(tables: list[list[list[str]]]) -> list[list[str]]:
    """The page's tables per KPI group side by side, as the file has them in one."""
    rows = [list(row) for row in tables[0]]
    for table in tables[1:]:
        for merged, row in zip(rows, table, strict=True):
            merged.extend(row[1:])
    return rows


def test_the_team_file_holds_the_pages_numbers(client, centre, team, manager, figures):
    page = client.get(reverse("kpis:teams"), {"periode": "2026-11"}).content.decode()
    shown = _merged(page_tables(page, "teams"))
    xlsx, csv_file = files(client, tabel="teams", periode="2026-11")
    sheet, text = xlsx_rows(xlsx), csv_rows(csv_file)
    assert sheet[0] == text[0]
    assert len(sheet[0]) == 19  # the team and every KPI shown per team
    assert len(shown) == len(sheet) - 1 == 3  # two teams and the centre in total
    for page_row, xlsx_row, csv_row in zip(shown, sheet[1:], text[1:], strict=True):
        assert page_row[0].startswith(xlsx_row[0].lstrip("'"))
        assert [number(v) for v in page_row[1:]] == [as_number(v) for v in xlsx_row[1:]]
        assert [number(v) for v in page_row[1:]] == [number(v) for v in csv_row[1:]]
    assert "< 5" in sheet[1] and 78.3 in sheet[1]


def test_the_consultant_file_holds_the_pages_numbers_and_never_satisfaction(
    client, centre, team, manager, figures
):
    url = reverse("kpis:consultants", args=[team.pk])
    page = client.get(url, {"periode": "2026-11"}).content.decode()
    shown = _merged(page_tables(page, "konsulenter"))
    xlsx, csv_file = files(client, tabel="konsulenter", team=team.pk, periode="2026-11")
    sheet, text = xlsx_rows(xlsx), csv_rows(csv_file)
    names = [row[0] for row in sheet[1:]]
    assert names == ["Anna Andersen", "Bo Berg", danish("The team in total")]
    assert not any("atisf" in str(header) or "answers" in str(header) for header in sheet[0])
    assert 10.0 not in [v for row in sheet for v in row]  # Anna's satisfaction snapshot
    for page_row, xlsx_row, csv_row in zip(shown, sheet[1:], text[1:], strict=True):
        assert page_row[0] == xlsx_row[0] == csv_row[0]
        assert [number(v) for v in page_row[1:]] == [as_number(v) for v in xlsx_row[1:]]
        assert [number(v) for v in page_row[1:]] == [number(v) for v in csv_row[1:]]


# The trend


def test_the_trend_file_holds_the_pages_numbers(client, centre, manager, figures):
    url = reverse("kpis:trend", args=["self_booking_share"])
    page = client.get(url).content.decode()
    shown = page_tables(page, "tendens")[0]
    xlsx, csv_file = files(client, tabel="tendens", kpi="self_booking_share")
    assert xlsx["Content-Disposition"].endswith(
        'noegletal-tendens-self_booking_share-jobcenter-maaneder-2026-11.xlsx"'
    )
    sheet, text = xlsx_rows(xlsx)[1:], csv_rows(csv_file)[1:]
    assert len(shown) == len(sheet) == len(text) == 12
    for page_row, xlsx_row, csv_row in zip(shown, sheet, text, strict=True):
        period, value, light, target = page_row
        assert period == xlsx_row[0] == csv_row[0]
        assert number(value) == as_number(xlsx_row[1]) == number(csv_row[1])
        assert light == (xlsx_row[2] or "") == csv_row[2]
        assert number(target) == as_number(xlsx_row[3]) == number(csv_row[3])
    assert [row[1] for row in sheet][4:7] == [64.0, "< 5", 66.0]  # May is built on 4
    assert sheet[0][3] is None and sheet[-1][3] == 75.0  # the target from March


def test_the_trend_in_weeks(client, centre, manager, figures):
    xlsx = client.get(
        EXPORT, {"tabel": "tendens", "kpi": "no_show_rate", "visning": "uger", "format": "xlsx"}
    )
    assert len(xlsx_rows(xlsx)) == 14
    assert "-uger-2026-W48.xlsx" in xlsx["Content-Disposition"]


# Text stays text


def test_formulas_are_written_as_text(client, centre, manager, figures):
    xlsx, csv_file = files(client, tabel="teams", periode="2026-11")
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    names = [cell for cell in sheet["A"] if str(cell.value).startswith("=")]
    assert names and all(cell.data_type == "s" for cell in names)
    assert any(row[0].startswith("'=HYPERLINK") for row in csv_rows(csv_file))


# Bad requests


@pytest.mark.parametrize(
    "params,message",
    [
        ({"tabel": "alt", "format": "xlsx"}, "Vælg, hvilken tabel der skal hentes"),
        ({"tabel": "teams", "format": "pdf"}, "Vælg filformat"),
        (
            {"tabel": "teams", "format": "csv", "periode": "2026-99"},
            "er ikke en periode, vi kender",
        ),
        ({"tabel": "konsulenter", "format": "csv"}, "Vælg det team, hvis konsulenter"),
        ({"tabel": "tendens", "format": "csv"}, "Vælg det nøgletal, hvis udvikling"),
    ],
)
def test_a_request_naming_no_table_gets_a_clear_message(client, manager, params, message):
    response = client.get(EXPORT, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_figures_and_other_teams_are_not_found(client, centre, other_centre, team, manager):
    foreign = TeamFactory(job_centre=other_centre)
    assert client.get(EXPORT, {"tabel": "tendens", "format": "csv", "kpi": "x"}).status_code == 404
    for params in (
        {"tabel": "konsulenter", "team": foreign.pk},
        {"tabel": "oversigt", "team": foreign.pk},
        {"tabel": "tendens", "team": foreign.pk, "kpi": "no_show_rate"},
    ):
        assert client.get(EXPORT, {**params, "format": "xlsx"}).status_code == 404
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=team, username="tl")
    other = TeamFactory(job_centre=centre)
    client.force_login(leader)
    params = {"tabel": "konsulenter", "team": other.pk, "format": "csv"}
    assert client.get(EXPORT, params).status_code == 404
    teams = csv_rows(client.get(EXPORT, {"tabel": "teams", "format": "csv"}))
    assert [row[0] for row in teams[1:]] == [team.name, danish("The job centre in total")]


def test_exports_are_for_leaders_only(client, centre, consultant):
    client.force_login(consultant)
    assert client.get(EXPORT, {"tabel": "teams", "format": "csv"}).status_code == 403
