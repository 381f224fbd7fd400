"""The preparation page: who may open it, the lookup log, what it shows and that the citizen's
own words are escaped."""

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from booking.models import Status
from booking.tests.factories import BookingFactory
from citizens.tests.factories import CitizenFactory
from conversations.tests.test_preparation import citizen_with_history
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from joblog.tests.factories import EntryFactory
from occupations.models import Occupation
from plans.tests.factories import JobTrackFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 10) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def booking(citizen, consultant):
    return BookingFactory(
        citizen=citizen,
        consultant=consultant,
        start=_at(1),
        talk_about="Jeg vil gerne tale om <script>alert(1)</script> truckjob.",
        take_away="",
    )


def _url(booking) -> str:
    return reverse("conversations:prepare", args=[booking.public_id])


def _get(client, user, booking):
    """The page in English (the language switch's cookie), so the assertions read the msgids."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(_url(booking))


def test_the_bookings_consultant_opens_it_and_the_look_is_logged(client, consultant, booking):
    response = _get(client, consultant, booking)
    assert response.status_code == 200
    [log] = LookupLog.objects.all()
    assert (log.actor, log.citizen, log.subject, log.purpose) == (
        consultant,
        booking.citizen,
        Subject.PREPARATION,
        Purpose.PREPARATION,
    )
    html = response.content.decode()
    assert reverse("conversations:guide", args=[booking.public_id]) in html
    assert booking.citizen.user.name in html


def test_a_team_leader_of_the_centre_opens_it(client, centre, booking):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl")
    assert _get(client, leader, booking).status_code == 200


def test_another_consultant_of_the_same_centre_is_refused(client, centre, booking):
    colleague = StaffFactory(job_centre=centre, username="jc2")
    assert _get(client, colleague, booking).status_code == 403
    assert not LookupLog.objects.exists()


def test_outside_the_centre_and_for_citizens_it_does_not_exist(
    client, other_consultant, other_citizen, booking
):
    assert _get(client, other_consultant, booking).status_code == 404
    assert _get(client, other_citizen.user, booking).status_code == 404
    assert not LookupLog.objects.exists()


def test_the_bookings_own_citizen_is_refused(client, citizen, booking):
    # The citizen reaches their own booking, but not the staff's preparation of it.
    assert _get(client, citizen.user, booking).status_code == 403


def test_only_get(client, consultant, booking):
    client.force_login(consultant)
    assert client.post(_url(booking)).status_code == 405


def test_a_cancelled_conversation_can_still_be_read(client, consultant, booking):
    booking.status = Status.CANCELLED_BY_CITIZEN
    booking.save()
    response = _get(client, consultant, booking)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Start the conversation guide" not in html
    assert "the guide cannot be started" in html


def test_the_citizens_words_are_quoted_and_escaped(client, consultant, booking):
    html = _get(client, consultant, booking).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "The citizen has not written anything." in html  # take_away is empty


def test_the_page_names_an_occupation_sought_but_never_applied_for(
    client, consultant, citizen, booking
):
    cv = CVFactory(citizen=citizen)
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Truckfører"))
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Lagerarbejder"))
    EntryFactory(
        citizen=citizen,
        occupation=Occupation.objects.get(title="Lagerarbejder"),
        date=timezone.localdate() - timedelta(days=2),
        employer="Dagrofa & Co",
    )
    html = _get(client, consultant, booking).content.decode()
    assert "there are no applications as truckfører in the last 12 weeks" in html
    assert "Truckcertifikat" in html  # Lagerarbejder requires it; the CV does not show it
    assert "Dagrofa &amp; Co" in html  # the entry behind the finding, one click away


def test_the_widen_suggestion_and_the_approach_are_shown(client, consultant, citizen, booking):
    plan = PlanFactory(citizen=citizen)
    JobTrackFactory(plan=plan, letter="A", widen_from=timezone.localdate() - timedelta(days=1))
    citizen.needs_it_support = True
    citizen.save()
    html = _get(client, consultant, booking).content.decode()
    assert "Perhaps it is time to also look for jobs in Plan B?" in html
    assert "Active and hands-on" in html and "Needs help with IT" in html


def test_the_page_reads_as_many_queries_for_two_years_of_history_as_for_none(
    client, centre, consultant
):
    today = timezone.localdate()
    little = citizen_with_history(centre, consultant, today, weeks=2, conversations=1)
    much = citizen_with_history(centre, consultant, today, weeks=104, conversations=30, hour=13)
    client.force_login(consultant)
    counts = []
    for booking in (little, much):
        client.get(_url(booking))  # the session and the templates
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(booking)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_first_meeting_without_plan_cv_or_history_renders(client, centre, consultant):
    citizen = CitizenFactory(job_centre=centre)
    booking = BookingFactory(citizen=citizen, consultant=consultant, start=_at(3))
    html = _get(client, consultant, booking).content.decode()
    assert "The citizen has not made a CV yet" in html
    assert "No earlier conversations have been held." in html


def test_what_the_citizen_changed_with_help_since_the_last_conversation_is_shown(
    client, consultant, citizen, booking
):
    """Co-service: the CV and the Joblog are the citizen's own, but the consultant sees that
    they were updated with help, where and by whom (coservice.CoServiceChange)."""
    from coservice.tests.factories import SessionFactory

    SessionFactory(
        place__job_centre=citizen.job_centre,
        place__name="Brøndby Bibliotek",
        helper__name="Lone Bibliotekar",
        citizen=citizen,
        started_at=_at(-3),
        changes=["cv", "joblog"],
    )
    page = _get(client, consultant, booking).content.decode()
    helped = page.split('id="prep-helped"', 1)[1].split("</section>", 1)[0]
    assert "Lone Bibliotekar" in helped and "Brøndby Bibliotek" in helped
    assert "CV, Joblog" in helped
