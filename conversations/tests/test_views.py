import uuid
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from booking.calendar import next_working_day
from booking.models import BookingDeadline, Status
from booking.tests.conftest import local
from booking.tests.factories import BookingFactory, TopicFactory
from conversations import services
from conversations.models import GuideNote, JournalAmendment, JournalNote, Timeout
from learning.models import LogbookEntry
from plans.models import Agreement, Homework

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(citizen, consultant):
    return BookingFactory(
        citizen=citizen,
        consultant=consultant,
        start=timezone.now() - timedelta(minutes=10),
        talk_about="Jeg vil gerne tale om lagerjob",
    )


@pytest.fixture
def staff(client, consultant):
    client.force_login(consultant)
    return client


def url(name, booking, *args):
    return reverse(f"conversations:{name}", args=[booking.public_id, *args])


def htmx(client, path, data):
    return client.post(path, data, HTTP_HX_REQUEST="true")


def test_the_guide_shows_the_phases_the_citizens_words_and_logs_the_look(staff, booking):
    page = staff.get(url("guide", booking)).content.decode()
    for heading in ("Kontrakt og opstart", "Status", "Fremdrift", "Afslutning", "Timeout"):
        assert heading in page
    assert "Jeg vil gerne tale om lagerjob" in page
    assert "Job og arbejdsmarked" in page and "Ejerskab" in page and "Progression" in page
    log = LookupLog.objects.get()
    assert (log.subject, log.purpose) == (Subject.CONVERSATION, Purpose.CONVERSATION)


def test_the_guide_is_closed_to_colleagues_other_centres_and_citizens(
    client, booking, centre, other_consultant, citizen, other_citizen
):
    colleague = StaffFactory(job_centre=centre, username="colleague")
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl")
    for user, status in (
        (colleague, 403),
        (other_consultant, 404),
        (citizen.user, 403),
        (other_citizen.user, 404),
        (leader, 200),
    ):
        client.force_login(user)
        assert client.get(url("guide", booking)).status_code == status, user


def test_a_cancelled_conversation_has_no_guide(staff, booking):
    booking.status = Status.CANCELLED_BY_CITIZEN
    booking.save()
    assert staff.get(url("guide", booking)).status_code == 403


def test_notes_save_as_you_type_and_return_the_new_version(staff, booking):
    response = htmx(staff, url("guide_note", booking, "purpose"), {"text": "Job", "version": 0})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gemt kl." in body
    assert 'id="version-purpose" value="1" data-hx-swap-oob="true"' in body
    response = htmx(staff, url("guide_note", booking, "purpose"), {"text": "Lager", "version": 1})
    assert GuideNote.objects.get().text == "Lager"


def test_a_colleague_typing_in_the_same_field_is_told_not_overwritten(staff, booking, centre):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl")
    guide = services.guide_ensure(booking=booking, actor=leader)
    services.note_save(guide=guide, field="status", text="Lederens note", version=0, actor=leader)
    response = htmx(staff, url("guide_note", booking, "status"), {"text": "Min note", "version": 0})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Lederens note" in body
    assert 'value="1" data-hx-swap-oob="true"' in body
    assert GuideNote.objects.get().text == "Lederens note"


def test_html_in_a_note_is_refused_in_danish_and_nothing_saved(staff, booking):
    response = htmx(
        staff, url("guide_note", booking, "status"), {"text": "<script>x</script>", "version": 0}
    )
    assert response.status_code == 422
    assert "HTML" in response.content.decode()
    assert "Ikke gemt" in response.content.decode()
    assert not GuideNote.objects.exists()


def test_a_note_sent_as_the_tab_closes_is_saved(staff, booking):
    path = url("guide_note", booking, "summary")
    response = staff.post(path, {"text": "Borgeren opsummerede", "version": 0, "beacon": "1"})
    assert response.status_code == 204
    assert GuideNote.objects.get().text == "Borgeren opsummerede"


def test_a_note_saved_without_javascript_returns_to_the_guide(staff, booking):
    path = url("guide_note", booking, "agenda")
    response = staff.post(path, {"text": "1. CV 2. Joblog", "version": 0})
    assert response.status_code == 302
    assert response["Location"].endswith("#note-agenda")
    leader = StaffFactory(job_centre=booking.job_centre, role=Role.TEAM_LEADER, username="tl")
    staff.force_login(leader)  # another person, loaded before the first save
    response = staff.post(path, {"text": "Gammel version", "version": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Gammel version" in page and "1. CV 2. Joblog" in page


def test_unknown_note_fields_are_404(staff, booking):
    assert (
        staff.post(url("guide_note", booking, "nope"), {"text": "x", "version": 0}).status_code
        == 404
    )


def test_agreements_and_homework_land_in_min_plan_once(staff, booking, client, citizen):
    token = str(uuid.uuid4())
    path = url("agreement", booking)
    for _ in range(2):  # a double click
        response = htmx(
            staff, path, {"aftale-text": "Søg 3 lagerjob", "aftale-submission_token": token}
        )
        assert response.status_code == 200
    # The progression bearing beside the guide follows along.
    assert 'id="progression-counts" data-hx-swap-oob="true">1 aftale' in response.content.decode()
    response = staff.post(
        url("homework", booking),
        {
            "opgave-title": "Opdatér CV",
            "opgave-due": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "opgave-submission_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.text, agreement.conversation) == ("Søg 3 lagerjob", booking)
    assert Homework.objects.get().conversation == booking
    client.force_login(citizen.user)
    page = client.get(reverse("plans:own")).content.decode()
    assert "Søg 3 lagerjob" in page and "Opdatér CV" in page


def test_empty_agreements_and_homework_in_the_past_are_refused_in_danish(staff, booking):
    response = htmx(
        staff,
        url("agreement", booking),
        {"aftale-text": " ", "aftale-submission_token": uuid.uuid4()},
    )
    assert response.status_code == 400
    assert "Skriv aftalen" in response.content.decode()
    response = staff.post(
        url("homework", booking),
        {
            "opgave-title": "Ansøgning",
            "opgave-due": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "opgave-submission_token": uuid.uuid4(),
        },
    )
    assert response.status_code == 400
    assert not Agreement.objects.exists() and not Homework.objects.exists()


def test_a_booking_deadline_is_given_from_the_guide(staff, booking, centre):
    from booking.deadlines import earliest_deadline

    TopicFactory(job_centre=centre)
    deadline = earliest_deadline(booking.citizen, timezone.localdate())
    response = staff.post(
        url("deadline", booking),
        {
            "frist-deadline": deadline.isoformat(),
            "frist-window_start": next_working_day(timezone.localdate()).isoformat(),
            "frist-window_end": next_working_day(deadline + timedelta(days=14)).isoformat(),
            "frist-submission_token": uuid.uuid4(),
        },
    )
    assert response.status_code == 302
    assert BookingDeadline.objects.get().deadline == deadline


def test_timeouts_are_noted_with_htmx(staff, booking):
    response = htmx(staff, url("timeout", booking), {"timeout-note": "Tilbage til jobbet"})
    assert response.status_code == 200
    assert "Tilbage til jobbet" in response.content.decode()
    assert Timeout.objects.count() == 1


def test_finishing_marks_held_and_opens_the_journal_with_a_draft(staff, booking):
    guide = services.guide_ensure(booking=booking, actor=booking.consultant)
    services.note_save(
        guide=guide, field="next_step", text="Ring fredag", version=0, actor=booking.consultant
    )
    response = staff.post(url("finish", booking))
    assert response["Location"] == url("journal", booking)
    booking.refresh_from_db()
    assert booking.status == Status.HELD
    page = staff.get(url("journal", booking)).content.decode()
    assert "Næste skridt: Ring fredag" in page


def test_the_journal_note_is_a_draft_then_final_then_only_amended(staff, booking):
    path = url("journal", booking)
    assert staff.post(path, {"journal-text": "Udkast", "journal-version": 0}).status_code == 302
    assert staff.post(path, {"journal-text": "Udkast 2", "journal-version": 1}).status_code == 302
    assert staff.post(url("finalise", booking), {"endelig-version": 2}).status_code == 302
    note = JournalNote.objects.get()
    assert note.is_final and note.text == "Udkast 2"
    # Editing a finalised note by its URL is refused.
    assert staff.post(path, {"journal-text": "Ændret", "journal-version": 2}).status_code == 403
    assert staff.post(url("finalise", booking), {"endelig-version": 2}).status_code == 403
    response = staff.post(
        url("amend", booking),
        {"tilfoejelse-text": "Tilføjet bagefter", "tilfoejelse-submission_token": uuid.uuid4()},
    )
    assert response.status_code == 302
    page = staff.get(path).content.decode()
    assert "Udkast 2" in page and "Tilføjet bagefter" in page and "Endeligt" not in page
    assert JournalAmendment.objects.count() == 1
    note.refresh_from_db()
    assert note.text == "Udkast 2"


def test_two_people_saving_the_journal_draft_at_once_lose_nothing(staff, booking, client, centre):
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl")
    services.journal_save(booking=booking, actor=booking.consultant, text="Første", version=0)
    services.journal_save(booking=booking, actor=leader, text="Lederens", version=1)
    response = staff.post(url("journal", booking), {"journal-text": "Mit", "journal-version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Lederens" in page and "Mit" in page
    assert JournalNote.objects.get().text == "Lederens"


def test_the_self_rating_is_saved_in_the_logbook(staff, booking):
    response = staff.post(
        url("self_rating", booking),
        {"selv-score": "6", "selv-reflection": "Flere timeouts", "selv-next_step": "Kontrakt"},
    )
    assert response.status_code == 302
    entry = LogbookEntry.objects.get()
    assert (entry.score, entry.booking, entry.from_guide) == (6, booking, True)
    assert (entry.reflection, entry.next_step) == ("Flere timeouts", "Kontrakt")
    response = staff.post(url("self_rating", booking), {"selv-score": "12"})
    assert response.status_code == 400
    assert LogbookEntry.objects.get().score == 6
    page = staff.get(url("journal", booking)).content.decode()
    assert "Flere timeouts" in page


def test_the_calendar_day_offers_to_prepare_and_names_the_approach(staff, booking):
    page = staff.get(reverse("booking:calendar_day")).content.decode()
    assert url("prepare", booking) in page
    assert "Tilgang" in page


def test_before_the_conversation_begins_the_guide_writes_no_agreements_or_homework(
    client, citizen, consultant
):
    start = local(2026, 12, 14, 8, 30)  # a Monday morning
    booking = BookingFactory(citizen=citizen, consultant=consultant, start=start)
    agreement = {"aftale-text": "Søg 3 lagerjob", "aftale-submission_token": str(uuid.uuid4())}
    homework = {
        "opgave-title": "Opdatér CV",
        "opgave-due": "2026-12-21",
        "opgave-submission_token": str(uuid.uuid4()),
    }
    with time_machine.travel(start - timedelta(minutes=1), tick=False):
        client.force_login(consultant)
        page = client.get(url("guide", booking)).content.decode()
        assert "Tilføj aftale" not in page and "Tilføj hjemmeopgave" not in page
        assert "når samtalen er begyndt" in page
        refused = htmx(client, url("agreement", booking), agreement)
        assert refused.status_code == 400
        assert "begynder mandag 14. december kl. 08.30" in refused.content.decode()
        refused = client.post(url("homework", booking), homework)
        assert refused.status_code == 400
        assert "begynder mandag 14. december kl. 08.30" in refused.content.decode()
    assert not Agreement.objects.exists() and not Homework.objects.exists()
    with time_machine.travel(start, tick=False):
        client.force_login(consultant)
        assert "Tilføj aftale" in client.get(url("guide", booking)).content.decode()
        assert htmx(client, url("agreement", booking), agreement).status_code == 200
    assert Agreement.objects.get().conversation == booking
