"""The annual wheel: weeks that exist in the year and come in order, the services, and the
year view's selector."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from labour import wheel
from labour.forms.wheel import WheelEventForm
from labour.models import Industry, WheelEvent
from labour.tests.factories import CompanyFactory, WheelEventFactory
from occupations.models import Occupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def business(centre):
    return StaffFactory(
        job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk", name="Bo Virksomhed"
    )


def _form(centre, **data):
    base = {"title": "20 lagermedarbejdere", "year": "2026", "week_from": "40", "week_to": "44"}
    return WheelEventForm({**base, **data}, centre=centre)


def test_iso_weeks_of_long_and_short_years():
    assert wheel.weeks_in_year(2026) == 53
    assert wheel.weeks_in_year(2027) == 52
    assert wheel.weeks_in_year(2020) == 53
    assert wheel.week_monday(2026, 53) == date(2026, 12, 28)
    assert wheel.week_sunday(2026, 53) == date(2027, 1, 3)
    assert wheel.week_monday(2025, 1) == date(2024, 12, 30)


def test_week_53_only_in_a_long_year(centre):
    assert _form(centre, year="2026", week_from="50", week_to="53").is_valid()
    form = _form(centre, year="2027", week_from="50", week_to="53")
    assert not form.is_valid()
    assert list(form.errors) == ["week_to"]
    with override("en"):
        form = _form(centre, year="2027", week_from="53", week_to="53")
        assert not form.is_valid()
        assert "2027 has 52 weeks" in form.errors["week_from"][0]


def test_the_last_week_cannot_come_before_the_first(centre):
    with override("en"):
        form = _form(centre, week_from="44", week_to="40")
        assert not form.is_valid()
        assert form.errors["week_to"] == ["The last week cannot be before the first week."]


@pytest.mark.parametrize("week", ["0", "54", "-1", "uge 4", ""])
def test_weeks_outside_1_to_53_or_not_numbers(centre, week):
    form = _form(centre, week_from=week)
    assert not form.is_valid()
    assert "week_from" in form.errors


def test_the_service_refuses_what_the_form_would(centre, business):
    with pytest.raises(ValidationError) as error:
        wheel.wheel_event_create(
            centre=centre, actor=business, title="x", year=2027, week_from=52, week_to=53
        )
    assert "week_to" in error.value.message_dict
    with pytest.raises(ValidationError):
        wheel.wheel_event_create(
            centre=centre, actor=business, title="x", year=2026, week_from=5, week_to=4
        )
    assert not WheelEvent.objects.exists()


def test_another_centres_company_is_refused(centre, other_centre, business):
    stranger = CompanyFactory(job_centre=other_centre)
    form = _form(centre, company=str(stranger.pk))
    assert not form.is_valid() and "company" in form.errors
    with pytest.raises(ValidationError):
        wheel.wheel_event_create(
            centre=centre,
            actor=business,
            title="x",
            year=2026,
            week_from=1,
            week_to=2,
            company=stranger,
        )


def test_the_form_resolves_the_occupation_by_title(centre):
    form = _form(centre, occupation="Lagerarbejder", positions="20")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["occupation"] == Occupation.objects.get(title="Lagerarbejder")
    assert form.cleaned_data["positions"] == 20


def test_create_update_delete(centre, business):
    company = CompanyFactory(job_centre=centre, name="Lager X")
    event = wheel.wheel_event_create(
        centre=centre,
        actor=business,
        title="20 lagermedarbejdere",
        year=2026,
        week_from=40,
        week_to=44,
        company=company,
        positions=20,
    )
    assert (event.job_centre, event.added_by, event.company) == (centre, business, company)
    wheel.wheel_event_update(
        event=event, title="25 lagermedarbejdere", year=2026, week_from=41, week_to=45
    )
    event.refresh_from_db()
    assert (event.title, event.week_from, event.week_to, event.company) == (
        "25 lagermedarbejdere",
        41,
        45,
        None,
    )
    wheel.wheel_event_delete(event=event)
    assert not WheelEvent.objects.exists()


def test_the_year_view_has_the_years_weeks_by_month_and_marks_this_week(centre, business):
    view = wheel.wheel_year(user=business, year=2026, today=date(2026, 11, 23))
    assert len(view.weeks) == 53
    assert view.current_week == 48
    assert [w.number for w in view.weeks if w.is_current] == [48]
    assert sum(m.weeks for m in view.months) == 53
    assert [m.number for m in view.months] == list(range(1, 13))
    assert view.months[0].weeks == 5  # weeks 1-5: Thursdays 1, 8, 15, 22, 29 January
    other = wheel.wheel_year(user=business, year=2027, today=date(2026, 11, 23))
    assert other.current_week is None and len(other.weeks) == 52


def test_the_year_view_groups_by_industry_and_places_bars(centre, other_centre, business):
    storage = Industry.objects.get(code="521000")
    care = Industry.objects.get(code="873000")
    lager = CompanyFactory(job_centre=centre, name="Lager X", industry=storage)
    plejehjem = CompanyFactory(job_centre=centre, name="Solhjem", industry=care)
    christmas = WheelEventFactory(job_centre=centre, company=lager, week_from=40, week_to=44)
    summer = WheelEventFactory(job_centre=centre, company=plejehjem, week_from=26, week_to=32)
    loose = WheelEventFactory(job_centre=centre, company=None, week_from=1, week_to=1)
    WheelEventFactory(job_centre=centre, company=lager, year=2027)
    WheelEventFactory(job_centre=other_centre, week_from=10, week_to=12)

    view = wheel.wheel_year(user=business, year=2026, today=date(2026, 10, 1))
    labels = [g.label for g in view.groups]
    assert labels[:2] == sorted([storage.name, care.name])
    assert len(labels) == 3  # the event without a company comes last, "No industry"
    assert [r.event for r in view.groups[-1].rows] == [loose]
    assert {r.event for r in view.rows} == {christmas, summer, loose}

    row = next(r for r in view.rows if r.event == christmas)
    assert sum(c.span for c in row.cells) == 53
    bar = next(c for c in row.cells if c.event)
    assert bar.span == 5
    assert row.cells.index(bar) == 39
    assert bar.is_current  # 1 October 2026 is in week 40
    assert (row.first_day, row.last_day) == (date(2026, 9, 28), date(2026, 11, 1))

    by_company = wheel.wheel_year(user=business, year=2026, group_by=wheel.GROUP_BY_COMPANY)
    assert [g.label for g in by_company.groups][:2] == ["Lager X", "Solhjem"]

    only_care = wheel.wheel_year(user=business, year=2026, industry=care)
    assert [r.event for r in only_care.rows] == [summer]


def test_the_year_view_filters_by_occupation(centre, business):
    lager = Occupation.objects.get(title="Lagerarbejder")
    wanted = WheelEventFactory(job_centre=centre, occupation=lager)
    WheelEventFactory(job_centre=centre, occupation=Occupation.objects.get(title="Kok"))
    view = wheel.wheel_year(user=business, year=2026, occupation=lager)
    assert [r.event for r in view.rows] == [wanted]


def test_a_new_feed_token_revokes_the_old(business):
    first = wheel.calendar_feed_create(user=business)
    assert wheel.calendar_feed_owner(first) == business
    second = wheel.calendar_feed_create(user=business)
    assert first != second and len(second) >= 40
    assert wheel.calendar_feed_owner(first) is None
    assert wheel.calendar_feed_owner(second) == business
    feed = wheel.calendar_feed_of(user=business)
    assert second not in feed.token_hash and len(feed.token_hash) == 64
    wheel.calendar_feed_revoke(user=business)
    assert wheel.calendar_feed_owner(second) is None
