"""A citizen's conversations and booking deadlines, seen and managed by staff: deadlines,
absence, summons (indkaldelse)."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from booking import deadlines
from booking.availability import free_slots
from booking.calendar import next_working_day
from booking.models import (
    Booking,
    BookingDeadline,
    CitizenAbsence,
    DeadlineStatus,
    Origin,
    Status,
)
from booking.tests.factories import BookingFactory
from citizens.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def da(msgid: str) -> str:
    with override("da"):
        return gettext(msgid)


def page_url(citizen) -> str:
    return reverse("booking:citizen_bookings", args=[citizen.public_id])


def give_deadline(citizen, consultant, days=10, **kwargs) -> BookingDeadline:
    today = timezone.localdate()
    values = {
        "citizen": citizen,
        "deadline": today + timedelta(days=days),
        "window_start": today,
        "window_end": today + timedelta(days=days + 14),
        "created_by": consultant,
        **kwargs,
    }
    return BookingDeadline.objects.create(**values)


@pytest.fixture
def exempt(centre, consultant):
    return CitizenFactory(
        job_centre=centre,
        responsible_consultant=consultant,
        self_booking_exempt=True,
        self_booking_exemption_reason="interpreter",
    )


# --- The page --------------------------------------------------------------------------------


def test_the_page_lists_coming_and_past_conversations_and_deadlines(client, consultant, citizen):
    now = timezone.now().replace(microsecond=0)
    BookingFactory(citizen=citizen, consultant=consultant, start=now + timedelta(days=3))
    BookingFactory(
        citizen=citizen,
        consultant=consultant,
        start=now - timedelta(days=3),
        status=Status.HELD,
        origin=Origin.SUMMONED,
    )
    give_deadline(citizen, consultant, days=-2, status=DeadlineStatus.MISSED)
    client.force_login(consultant)

    response = client.get(page_url(citizen))

    assert response.status_code == 200
    assert len(response.context["coming"]) == 1 and len(response.context["past"]) == 1
    body = response.content.decode()
    assert 'class="badge badge-warning"' in body  # the missed deadline is flagged
    assert 'class="alert alert-warning"' in body
    log = LookupLog.objects.get()
    assert (log.citizen, log.subject, log.purpose) == (citizen, Subject.BOOKINGS, Purpose.CASEWORK)


def test_the_citizen_detail_page_links_here(client, consultant, citizen):
    client.force_login(consultant)
    body = client.get(reverse("citizens:detail", args=[citizen.public_id])).content.decode()
    assert page_url(citizen) in body


def test_other_centres_get_404(client, other_consultant, citizen):
    client.force_login(other_consultant)
    assert client.get(page_url(citizen)).status_code == 404
    assert client.post(page_url(citizen), {}).status_code == 404
    absence = reverse("booking:citizen_absence", args=[citizen.public_id])
    assert client.post(absence, {}).status_code == 404
    assert not LookupLog.objects.exists()


def test_the_facilitate_button_for_those_who_hold_conversations(
    client, consultant, admin_user, citizen
):
    facilitate = reverse("booking:facilitate", args=[citizen.public_id])
    client.force_login(consultant)
    assert facilitate in client.get(page_url(citizen)).content.decode()
    client.force_login(admin_user)
    body = client.get(page_url(citizen)).content.decode()
    assert facilitate not in body
    assert 'name="frist-deadline"' not in body  # administrators do not give deadlines


# --- Deadlines -------------------------------------------------------------------------------


def test_the_deadline_form_has_lawful_defaults(client, consultant, citizen):
    client.force_login(consultant)
    form = client.get(page_url(citizen)).context["deadline_form"]
    today = timezone.localdate()
    earliest = deadlines.earliest_deadline(citizen, today)
    assert earliest >= today + timedelta(days=8)
    assert form["deadline"].initial == earliest
    assert form["window_start"].initial == next_working_day(today)  # today on a weekday
    assert form["window_end"].initial == earliest + timedelta(days=14)


def deadline_data(**overrides):
    today = timezone.localdate()
    earliest = next_working_day(today + timedelta(days=9))
    values = {
        "frist-topic": "",
        "frist-deadline": earliest.isoformat(),
        "frist-window_start": next_working_day(today).isoformat(),
        "frist-window_end": next_working_day(earliest + timedelta(days=14)).isoformat(),
        "frist-submission_token": str(uuid.uuid4()),
    }
    return {**values, **overrides}


def test_giving_a_deadline_once_however_often_it_is_sent(
    client, consultant, citizen, django_capture_on_commit_callbacks
):
    client.force_login(consultant)
    data = deadline_data()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(page_url(citizen), data)
        second = client.post(page_url(citizen), data)
    assert first.status_code == 302 and second.status_code == 302
    item = BookingDeadline.objects.get()
    assert item.citizen == citizen and item.created_by == consultant
    assert item.status == DeadlineStatus.OPEN
    assert citizen.user.notifications.filter(key=f"deadline:{item.pk}:given").exists()


def test_a_deadline_under_8_days_is_refused_and_nothing_saved(client, consultant, citizen):
    client.force_login(consultant)
    soon = timezone.localdate() + timedelta(days=3)
    response = client.post(page_url(citizen), deadline_data(**{"frist-deadline": soon}))
    assert response.status_code == 400
    errors = response.context["deadline_form"].errors
    assert "deadline" in errors
    body = response.content.decode()
    assert da("There is a problem") in body
    assert not BookingDeadline.objects.exists()
    assert f'value="{soon.isoformat()}"' in body  # what was typed is kept


def test_a_window_ending_before_the_deadline_is_refused(client, consultant, citizen):
    client.force_login(consultant)
    today = timezone.localdate()
    response = client.post(
        page_url(citizen),
        deadline_data(**{"frist-window_end": (today + timedelta(days=2)).isoformat()}),
    )
    assert response.status_code == 400
    assert "window_end" in response.context["deadline_form"].errors
    assert not BookingDeadline.objects.exists()


def test_only_conversation_staff_give_deadlines(client, admin_user, citizen):
    client.force_login(admin_user)
    assert client.post(page_url(citizen), deadline_data()).status_code == 403
    assert not BookingDeadline.objects.exists()


def test_withdrawing_a_deadline(client, consultant, citizen):
    item = give_deadline(citizen, consultant)
    url = reverse("booking:deadline_withdraw", args=[citizen.public_id, item.pk])
    client.force_login(consultant)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == DeadlineStatus.WITHDRAWN


def test_a_met_deadline_cannot_be_withdrawn(client, consultant, citizen):
    item = give_deadline(citizen, consultant, status=DeadlineStatus.FULFILLED)
    url = reverse("booking:deadline_withdraw", args=[citizen.public_id, item.pk])
    client.force_login(consultant)
    response = client.post(url, follow=True)
    assert da("The deadline has already been met.") in response.content.decode()
    item.refresh_from_db()
    assert item.status == DeadlineStatus.FULFILLED


def test_another_citizens_deadline_is_not_found(client, consultant, citizen, other_citizen):
    item = give_deadline(other_citizen, consultant)
    url = reverse("booking:deadline_withdraw", args=[citizen.public_id, item.pk])
    client.force_login(consultant)
    assert client.post(url).status_code == 404
    item.refresh_from_db()
    assert item.status == DeadlineStatus.OPEN


# --- Absence ---------------------------------------------------------------------------------


def test_registering_absence_moves_the_deadline(client, consultant, citizen):
    item = give_deadline(citizen, consultant, days=10)
    today = timezone.localdate()
    first, last = today + timedelta(days=8), today + timedelta(days=12)
    url = reverse("booking:citizen_absence", args=[citizen.public_id])
    client.force_login(consultant)
    response = client.post(
        url,
        {
            "fravaer-first_day": first.isoformat(),
            "fravaer-last_day": last.isoformat(),
            "fravaer-reason": "Ferie",
            "fravaer-submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    assert CitizenAbsence.objects.get().reason == "Ferie"
    item.refresh_from_db()
    assert item.deadline > last
    assert item.window_end >= item.deadline


def test_an_absence_ending_before_it_starts_is_refused(client, consultant, citizen):
    today = timezone.localdate()
    url = reverse("booking:citizen_absence", args=[citizen.public_id])
    client.force_login(consultant)
    response = client.post(
        url,
        {
            "fravaer-first_day": (today + timedelta(days=5)).isoformat(),
            "fravaer-last_day": (today + timedelta(days=2)).isoformat(),
            "fravaer-submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 400
    assert "last_day" in response.context["absence_form"].errors
    assert not CitizenAbsence.objects.exists()


# --- Summons ---------------------------------------------------------------------------------


def summon_url(citizen) -> str:
    return reverse("booking:summon", args=[citizen.public_id])


def first_free(topic, citizen, consultant):
    day = next_working_day(timezone.localdate() + timedelta(days=2))
    return free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=day,
        date_to=day + timedelta(days=7),
        consultant_id=consultant.pk,
    )


def summon_data(topic, consultant, slot, **overrides):
    local = timezone.localtime(slot.start)
    values = {
        "indkald-topic": topic.pk,
        "indkald-consultant": consultant.pk,
        "indkald-mode": "telefon",
        "indkald-day": local.date().isoformat(),
        "indkald-time": local.strftime("%H:%M"),
        "indkald-submission_token": str(uuid.uuid4()),
    }
    return {**values, **overrides}


def test_the_summons_form_shows_only_for_exempt_citizens(
    client, consultant, citizen, exempt, topic
):
    client.force_login(consultant)
    assert "summon_form" not in client.get(page_url(citizen)).context
    response = client.get(page_url(exempt))
    form = response.context["summon_form"]
    assert form["consultant"].initial == consultant.pk
    body = response.content.decode()
    assert summon_url(exempt) in body
    assert f'<option value="{consultant.pk}" selected>' in body
    assert f'<option value="{topic.pk}" selected>' in body


def test_summoning_books_a_summoned_conversation_once(
    client, consultant, exempt, topic, django_capture_on_commit_callbacks
):
    slot = first_free(topic, exempt, consultant)[0]
    data = summon_data(topic, consultant, slot)
    client.force_login(consultant)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(summon_url(exempt), data)
        second = client.post(summon_url(exempt), data)

    booking = Booking.objects.get()
    assert first.status_code == 302 and first["Location"] == second["Location"]
    assert first["Location"] == reverse("booking:staff_detail", args=[booking.public_id])
    assert booking.origin == Origin.SUMMONED and not booking.is_self_booked
    assert booking.citizen == exempt and booking.consultant == consultant
    assert booking.start == slot.start and booking.created_by == consultant
    assert exempt.user.notifications.exists()


def test_a_citizen_who_books_themselves_cannot_be_summoned(client, consultant, citizen, topic):
    slot = first_free(topic, citizen, consultant)[0]
    client.force_login(consultant)
    response = client.post(summon_url(citizen), summon_data(topic, consultant, slot))
    assert response.status_code == 400
    refusal = da(
        "The citizen books their own conversations. Give them a booking deadline, or book "
        "together with them (turn the screen)."
    )
    assert refusal in response.content.decode()
    assert not Booking.objects.exists()


def test_a_time_taken_meanwhile_gets_the_nearest_free_times(
    client, consultant, exempt, other_citizen, topic
):
    slots = first_free(topic, exempt, consultant)
    slot = slots[0]
    BookingFactory(citizen=other_citizen, consultant=consultant, topic=topic, start=slot.start)
    client.force_login(consultant)

    response = client.post(summon_url(exempt), summon_data(topic, consultant, slot))

    assert response.status_code == 400
    body = response.content.decode()
    assert da("The time has just been booked by someone else.") in body
    assert Booking.objects.count() == 1
    errors = response.context["summon_form"].errors["time"]
    assert any(f"{timezone.localtime(s.start):%H.%M}" in errors[0] for s in slots[1:8])


def test_the_free_times_reload_through_htmx(client, consultant, exempt, topic):
    slot = first_free(topic, exempt, consultant)[0]
    local = timezone.localtime(slot.start)
    client.force_login(consultant)
    response = client.get(
        summon_url(exempt),
        {
            "indkald-topic": topic.pk,
            "indkald-consultant": consultant.pk,
            "indkald-day": local.date().isoformat(),
        },
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<select") and "<html" not in body
    assert f'value="{local:%H:%M}"' in body
    assert not LookupLog.objects.exists()


def test_only_conversation_staff_summon(client, centre, exempt):
    client.force_login(StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR))
    assert client.get(summon_url(exempt)).status_code == 403
    assert client.post(summon_url(exempt), {}).status_code == 403


# --- Deadlines on days off, replaced, for exempt citizens (pinned clock) -----------------------


@pytest.fixture
def monday_small_hours():
    """Monday 21 December 2026 at 00.05: the earliest deadline is Tuesday 29 December."""
    with time_machine.travel(datetime(2026, 12, 21, 0, 5, tzinfo=CPH), tick=False):
        yield


def test_a_deadline_on_new_year_s_day_is_refused_under_its_field_with_the_reason(
    client, consultant, citizen, monday_small_hours
):
    client.force_login(consultant)
    data = deadline_data(**{"frist-deadline": "2027-01-01", "frist-window_start": "2026-12-21"})
    response = client.post(page_url(citizen), data)
    assert response.status_code == 400
    message = "1. januar er en helligdag (Nytårsdag). Vælg en hverdag, hvor jobcentret har åbent."
    assert response.context["deadline_form"].errors["deadline"] == [message]
    body = response.content.decode()
    field = body[body.index(f'for="id_frist-deadline">{da("Book no later than")}</label>') :]
    assert message in field[: field.index("<input")]  # under the field's label
    assert not BookingDeadline.objects.exists()


def test_the_form_s_defaults_are_working_days(client, consultant, citizen, monday_small_hours):
    client.force_login(consultant)
    form = client.get(page_url(citizen)).context["deadline_form"]
    assert form["deadline"].initial == date(2026, 12, 29)
    assert form["window_start"].initial == date(2026, 12, 21)
    assert form["window_end"].initial == date(2027, 1, 12)


def test_a_second_deadline_replaces_the_first_and_says_so(
    client, consultant, citizen, monday_small_hours, django_capture_on_commit_callbacks
):
    client.force_login(consultant)
    first_data = deadline_data(
        **{
            "frist-deadline": "2026-12-29",
            "frist-window_start": "2026-12-21",
            "frist-window_end": "2027-01-12",
        }
    )
    second_data = {**first_data, "frist-deadline": "2027-01-05"}
    second_data["frist-submission_token"] = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page_url(citizen), first_data).status_code == 302
        response = client.post(page_url(citizen), second_data, follow=True)
    body = response.content.decode()
    assert "Den nye frist erstatter den åbne frist 29.12.2026." in body
    assert BookingDeadline.objects.filter(status=DeadlineStatus.OPEN).count() == 1
    assert citizen.user.notifications.filter(key__endswith=":changed").count() >= 1
    open_item = BookingDeadline.objects.get(status=DeadlineStatus.OPEN)
    assert not citizen.user.notifications.filter(key=f"deadline:{open_item.pk}:given").exists()


def test_an_exempt_citizen_gets_no_deadline_form_and_a_post_is_refused(
    client, consultant, exempt, monday_small_hours
):
    client.force_login(consultant)
    response = client.get(page_url(exempt))
    assert "deadline_form" not in response.context
    assert 'name="frist-deadline"' not in response.content.decode()
    data = deadline_data(
        **{
            "frist-deadline": "2026-12-29",
            "frist-window_start": "2026-12-21",
            "frist-window_end": "2027-01-12",
        }
    )
    response = client.post(page_url(exempt), data)
    assert response.status_code == 400
    assert "Indkald borgeren til samtalen i stedet." in response.content.decode()
    assert not BookingDeadline.objects.exists()
