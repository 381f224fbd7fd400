"""Co-service at the library, as a helper and the citizen beside them would use it."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import policy
from accounts.tests.factories import PASSWORD
from audit.models import LookupLog, Purpose, Subject
from booking.availability import free_slots
from booking.models import Booking, Origin
from citizens.tests.factories import CitizenFactory
from coservice.models import CoServiceSession, EndReason
from coservice.tests.conftest import TUESDAY, local
from coservice.tests.factories import HelperFactory, HelpPlaceFactory

pytestmark = pytest.mark.django_db


def start(client, place, citizen, password=PASSWORD):
    data = {"place": place.pk, "username": citizen.user.username, "password": password}
    return client.post(reverse("coservice:start"), data)


def book_first_free(client, topic, citizen, consultant):
    today = timezone.localdate()
    slot = free_slots(
        topic=topic,
        target_group=citizen.target_group,
        date_from=today + timedelta(days=2),
        date_to=today + timedelta(days=30),
    )[0]
    tid = timezone.localtime(slot.start).strftime("%Y-%m-%dT%H:%M")
    url = f"{reverse('booking:start')}?emne={topic.pk}&konsulent={consultant.pk}&tid={tid}"
    data = {"mode": "telefon", "talk_about": "", "take_away": "", "submission_token": uuid.uuid4()}
    return client.post(url, data)


def test_a_library_helper_books_updates_the_cv_and_checks_suggestions_with_the_citizen(
    client, helper_client, helper, library, citizen, topic, consultant
):
    with time_machine.travel(TUESDAY, tick=False):
        assert start(helper_client, library, citizen).status_code == 302
        home = helper_client.get(reverse("dashboard:home")).content.decode()
        assert "Medbetjening:" in home and "Lone Bibliotekar" in home
        assert "Brøndby Bibliotek" in home and "Afslut" in home

        assert book_first_free(helper_client, topic, citizen, consultant).status_code == 302
        cv = helper_client.post(reverse("cv:profile"), {"profile_text": "Lagermedarbejder"})
        assert cv.status_code == 302
        assert helper_client.get(reverse("suggestions:own")).status_code == 200

        assert helper_client.post(reverse("coservice:end")).status_code == 302
        booking = Booking.objects.get()
        # After the session the helper reaches none of it.
        for url in (
            reverse("cv:own"),
            reverse("booking:list"),
            reverse("booking:detail", args=[booking.public_id]),
            reverse("citizens:detail", args=[citizen.public_id]),
            reverse("cv:staff_view", args=[citizen.public_id]),
        ):
            assert helper_client.get(url).status_code in (403, 404), url
        assert helper_client.get(reverse("coservice:start")).status_code == 200

    # Recorded as the citizen's own booking, facilitated by the helper, self-booked.
    assert booking.origin == Origin.SELF_BOOKED and booking.facilitated_by == helper
    assert booking.created_by == citizen.user
    session = CoServiceSession.objects.get()
    assert session.end_reason == EndReason.HELPER
    assert session.areas == ["booking", "cv", "suggestions"]
    logged = LookupLog.objects.filter(citizen=citizen, actor=helper)
    assert {row.subject for row in logged} == {
        Subject.CO_SERVICE,
        Subject.BOOKINGS,
        Subject.CV,
        Subject.SUGGESTIONS,
    }
    assert {(row.purpose, row.place) for row in logged} == {
        (Purpose.CO_SERVICE, "Brøndby Bibliotek")
    }

    client.force_login(citizen.user)
    lookups = client.get(reverse("audit:own_lookups")).content.decode()
    assert "Lone Bibliotekar" in lookups and "Medbetjener" in lookups
    assert "Brøndby Bibliotek" in lookups
    assert "Lagermedarbejder" in client.get(reverse("cv:own")).content.decode()
    mine = client.get(reverse("booking:list")).content.decode()
    assert "Du bookede den med hjælp fra Lone Bibliotekar." in mine


def test_a_move_in_a_session_is_marked_facilitated(
    helper_client, helper, library, citizen, topic, consultant
):
    from booking.services import bookings as booking_services
    from booking.services.bookings import BookingRequest

    with time_machine.travel(TUESDAY, tick=False):
        today = timezone.localdate()
        first, second = free_slots(
            topic=topic,
            target_group=citizen.target_group,
            date_from=today + timedelta(days=2),
            date_to=today + timedelta(days=30),
        )[:2]
        booking, _ = booking_services.book(
            citizen=citizen,
            request=BookingRequest(topic=topic, start=first.start, mode="telefon"),
            actor=citizen.user,
        )
        assert booking.facilitated_by is None
        start(helper_client, library, citizen)
        tid = timezone.localtime(second.start).strftime("%Y-%m-%dT%H:%M")
        url = reverse("booking:reschedule", args=[booking.public_id])
        moved = helper_client.post(f"{url}?tid={tid}", {})
    booking.refresh_from_db()
    assert moved.status_code == 302, moved.content.decode()[:500]
    assert booking.start == second.start and booking.facilitated_by == helper


@pytest.mark.parametrize(
    "moment",
    [
        local(12, 6, 23, 30),  # Sunday night
        local(12, 8, 9, 59),  # a minute before opening
        local(12, 8, 12, 0),  # closing time itself
        local(12, 9, 11, 0),  # Wednesday: no hours that day
        local(12, 10, 15, 5),  # Thursday, after closing
        local(5, 14, 14, 0),  # Thursday within the hours, but Kristi himmelfartsdag
        local(4, 2, 14, 0),  # and Skærtorsdag
    ],
)
def test_a_session_cannot_start_outside_the_places_hours(helper, library, citizen, moment):
    with time_machine.travel(moment, tick=False):
        helper_client = Client()
        helper_client.force_login(helper)
        response = start(helper_client, library, citizen)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Brøndby Bibliotek er lukket nu. Der er medbetjening tirsdag 10-12" in page
    assert not CoServiceSession.objects.exists() and not LookupLog.objects.exists()


@pytest.mark.parametrize(
    ("moment", "closes"), [(local(12, 8, 10, 0), 12), (local(12, 10, 13, 0), 15)]
)
def test_a_session_starts_at_opening_time_and_ends_at_closing(
    helper_client, helper, library, citizen, moment, closes
):
    with time_machine.travel(moment, tick=False):
        helper_client = Client()
        helper_client.force_login(helper)
        assert start(helper_client, library, citizen).status_code == 302
    session = CoServiceSession.objects.get()
    assert timezone.localtime(session.closes_at).hour == closes


def test_another_centres_citizen_is_refused(helper_client, library, other_centre):
    stranger = CitizenFactory(job_centre=other_centre, user__username="fremmed")
    with time_machine.travel(TUESDAY, tick=False):
        response = start(helper_client, library, stranger)
    assert response.status_code == 400
    assert "Du hører til et andet jobcenter" in response.content.decode()
    assert not CoServiceSession.objects.exists() and not LookupLog.objects.exists()


def test_another_centres_place_or_a_place_not_ones_own_is_refused(
    helper_client, helper, citizen, centre, other_centre
):
    foreign = HelpPlaceFactory(job_centre=other_centre, helpers=[helper])
    not_mine = HelpPlaceFactory(job_centre=centre)
    with time_machine.travel(TUESDAY, tick=False):
        for place in (foreign, not_mine):
            assert start(helper_client, place, citizen).status_code == 400
    assert not CoServiceSession.objects.exists() and not LookupLog.objects.exists()


def test_a_wrong_password_starts_nothing(helper_client, library, citizen):
    with time_machine.travel(TUESDAY, tick=False):
        response = start(helper_client, library, citizen, password="forkert")
    assert response.status_code == 400
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    assert not CoServiceSession.objects.exists()


def test_a_staff_login_cannot_confirm(helper_client, library, consultant):
    consultant.citizen = None
    with time_machine.travel(TUESDAY, tick=False):
        data = {"place": library.pk, "username": consultant.username, "password": PASSWORD}
        response = helper_client.post(reverse("coservice:start"), data)
    assert response.status_code == 400 and not CoServiceSession.objects.exists()


def test_the_idle_time_ends_the_session(helper_client, library, citizen, centre):
    centre.coservice_idle_minutes = 10
    centre.save()
    with time_machine.travel(TUESDAY, tick=False) as clock:
        start(helper_client, library, citizen)
        clock.shift(timedelta(minutes=9))
        assert helper_client.get(reverse("cv:own")).status_code == 200
        clock.shift(timedelta(minutes=10))
        response = helper_client.get(reverse("cv:own"), follow=True)
        assert "fordi der ikke skete noget i 10 minutter" in response.content.decode()
        assert helper_client.get(reverse("cv:own")).status_code == 403
    assert CoServiceSession.objects.get().end_reason == EndReason.IDLE


def test_closing_time_ends_the_session_midway(
    helper_client, helper, library, citizen, topic, consultant
):
    with time_machine.travel(local(12, 8, 11, 55), tick=False) as clock:
        helper_client = Client()
        helper_client.force_login(helper)
        start(helper_client, library, citizen)
        clock.move_to(local(12, 8, 12, 1))
        response = book_first_free(helper_client, topic, citizen, consultant)
        assert response.status_code == 302 and response.url == reverse("coservice:start")
        page = helper_client.get(response.url).content.decode()
    assert "fordi Brøndby Bibliotek er lukket" in page
    assert CoServiceSession.objects.get().end_reason == EndReason.CLOSING
    assert not Booking.objects.exists()


def test_the_citizen_ends_the_session_from_her_phone(
    client, helper, library, citizen, topic, consultant
):
    phone = Client()
    phone.force_login(citizen.user)
    client.force_login(helper)
    with time_machine.travel(TUESDAY, tick=False):
        start(client, library, citizen)
        own = phone.get(reverse("coservice:own")).content.decode()
        assert "Lone Bibliotekar hjælper dig på Brøndby Bibliotek" in own
        session = CoServiceSession.objects.get()
        phone.post(reverse("coservice:own_end", args=[session.public_id]))
        assert "Ingen hjælper dig lige nu" in phone.get(reverse("coservice:own")).content.decode()
        response = book_first_free(client, topic, citizen, consultant)
        assert response.url == reverse("coservice:start")
        page = client.get(response.url).content.decode()
    assert "Borgeren har afsluttet medbetjeningen fra sin telefon" in page
    session.refresh_from_db()
    assert session.end_reason == EndReason.CITIZEN and not Booking.objects.exists()


def test_another_citizen_cannot_end_her_session(
    client, helper_client, library, citizen, other_citizen
):
    with time_machine.travel(TUESDAY, tick=False):
        start(helper_client, library, citizen)
        session = CoServiceSession.objects.get()
        client.force_login(other_citizen.user)
        response = client.post(reverse("coservice:own_end", args=[session.public_id]))
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.ended_at is None


def test_logging_out_ends_the_session_not_the_helpers_login(helper_client, library, citizen):
    with time_machine.travel(TUESDAY, tick=False):
        start(helper_client, library, citizen)
        response = helper_client.post(reverse("accounts:logout"))
        assert response.url == reverse("coservice:start")
        assert helper_client.get(reverse("coservice:start")).status_code == 200
    assert CoServiceSession.objects.get().end_reason == EndReason.LOGOUT


def test_pages_beyond_the_job_search_stay_closed_in_a_session(helper_client, library, citizen):
    with time_machine.travel(TUESDAY, tick=False):
        start(helper_client, library, citizen)
        for name in ("plans:own", "citizens:own_profile", "privacy:own_data"):
            response = helper_client.get(reverse(name))
            assert response.url == reverse("dashboard:home"), name


def test_a_helper_sees_no_citizen_outside_a_session(helper, citizen, helper_client):
    assert not policy.visible_to(helper, "citizens").exists()
    assert not policy.visible_to(helper, "bookings").exists()
    assert not policy.can(helper, "citizen.view", citizen)
    assert helper_client.get(reverse("citizens:list")).status_code == 403
    assert helper_client.get(reverse("citizens:detail", args=[citizen.public_id])).status_code in (
        403,
        404,
    )


def test_a_helper_not_attached_to_the_place_cannot_start(client, centre, library, citizen):
    stranger = HelperFactory(job_centre=centre, username="andenhjaelper")
    client.force_login(stranger)
    with time_machine.travel(TUESDAY, tick=False):
        assert start(client, library, citizen).status_code == 400
    assert not CoServiceSession.objects.exists()


def test_her_phones_home_page_says_someone_is_helping_her(client, helper_client, library, citizen):
    from django.test import Client

    start(helper_client, library, citizen)
    phone = Client()
    phone.force_login(citizen.user)
    home = phone.get(reverse("dashboard:home")).content.decode()
    assert "Lone Bibliotekar hjælper dig på Brøndby Bibliotek lige nu." in home
    assert reverse("coservice:own") in home
    # On the helper's screen the banner says it instead.
    screen = helper_client.get(reverse("dashboard:home")).content.decode()
    assert "hjælper dig på Brøndby Bibliotek lige nu" not in screen


def test_wrong_passwords_lock_the_citizens_login_and_start_nothing(helper_client, library, citizen):
    for _ in range(4):
        assert start(helper_client, library, citizen, password="forkert").status_code == 400
    # The fifth wrong try locks the login (django-axes); then even the right one, for a while.
    assert start(helper_client, library, citizen, password="forkert").status_code == 429
    assert start(helper_client, library, citizen).status_code == 429
    assert not CoServiceSession.objects.exists() and not LookupLog.objects.exists()
