from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import Status
from booking.tests.factories import BookingFactory
from conversations import services
from conversations.models import GuideNote, JournalAmendment, JournalNote, NoteField
from learning.models import LogbookEntry
from learning.services.logbook import logbook_rate_conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(citizen, consultant):
    start = timezone.now() - timedelta(minutes=10)
    return BookingFactory(citizen=citizen, consultant=consultant, start=start)


@pytest.fixture
def guide(booking, consultant):
    return services.guide_ensure(booking=booking, actor=consultant)


@pytest.fixture
def leader(centre):
    return StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, username="tl")


def test_a_note_is_created_then_updated_by_version(guide, consultant):
    note = services.note_save(
        guide=guide, field=NoteField.PURPOSE, text="Jobsøgning", version=0, actor=consultant
    )
    assert note.version == 1
    note = services.note_save(
        guide=guide, field=NoteField.PURPOSE, text="Lagerjob", version=1, actor=consultant
    )
    assert (note.text, note.version) == ("Lagerjob", 2)
    assert GuideNote.objects.count() == 1


def test_a_stale_note_is_a_conflict_carrying_what_is_saved(guide, consultant, leader):
    services.note_save(guide=guide, field="status", text="Første", version=0, actor=consultant)
    services.note_save(guide=guide, field="status", text="Lederens", version=1, actor=leader)
    with pytest.raises(services.Conflict) as caught:
        services.note_save(guide=guide, field="status", text="Min", version=1, actor=consultant)
    assert caught.value.current.text == "Lederens"
    assert GuideNote.objects.get().text == "Lederens"


def test_two_first_saves_of_one_field_conflict_instead_of_overwriting(guide, consultant, leader):
    services.note_save(guide=guide, field="summary", text="A", version=0, actor=consultant)
    with pytest.raises(services.Conflict):
        services.note_save(guide=guide, field="summary", text="B", version=0, actor=leader)


def test_notes_refuse_html_unknown_fields_and_length(guide, consultant):
    with pytest.raises(ValidationError, match="HTML"):
        services.note_save(
            guide=guide, field="status", text="<b>hej</b>", version=0, actor=consultant
        )
    with pytest.raises(ValidationError):
        services.note_save(guide=guide, field="nope", text="x", version=0, actor=consultant)
    with pytest.raises(ValidationError):
        services.note_save(
            guide=guide, field="status", text="x" * 4001, version=0, actor=consultant
        )
    assert not GuideNote.objects.exists()


def test_only_the_conversations_consultant_or_a_team_leader_runs_it(booking, centre, leader):
    colleague = StaffFactory(job_centre=centre, username="colleague")
    with pytest.raises(PermissionDenied):
        services.guide_ensure(booking=booking, actor=colleague)
    assert services.guide_ensure(booking=booking, actor=leader).booking == booking


def test_finishing_marks_the_conversation_held_once(guide, consultant):
    services.guide_finish(guide=guide, actor=consultant)
    guide.booking.refresh_from_db()
    assert guide.booking.status == Status.HELD
    first = guide.finished_at
    services.guide_finish(guide=guide, actor=consultant)
    assert guide.finished_at == first


def test_a_conversation_cannot_be_finished_before_it_begins(citizen, consultant):
    coming = BookingFactory(
        citizen=citizen, consultant=consultant, start=timezone.now() + timedelta(hours=2)
    )
    guide = services.guide_ensure(booking=coming, actor=consultant)
    with pytest.raises(ValidationError):
        services.guide_finish(guide=guide, actor=consultant)
    coming.refresh_from_db()
    assert coming.status == Status.BOOKED


def test_timeouts_are_noted(guide, consultant):
    services.timeout_add(guide=guide, actor=consultant, note="Tilbage til jobsøgningen")
    services.timeout_add(guide=guide, actor=consultant)
    assert [t.note for t in guide.timeouts.all()] == ["Tilbage til jobsøgningen", ""]


def test_journal_draft_is_versioned_and_a_stale_save_conflicts(booking, consultant, leader):
    note = services.journal_save(booking=booking, actor=consultant, text="Udkast", version=0)
    services.journal_save(booking=booking, actor=leader, text="Lederens udkast", version=1)
    with pytest.raises(services.Conflict) as caught:
        services.journal_save(booking=booking, actor=consultant, text="Mit", version=1)
    assert caught.value.current.text == "Lederens udkast"
    note.refresh_from_db()
    assert (note.text, note.version) == ("Lederens udkast", 2)


def test_an_empty_journal_note_is_refused(booking, consultant):
    with pytest.raises(ValidationError):
        services.journal_save(booking=booking, actor=consultant, text="  ", version=0)
    assert not JournalNote.objects.exists()


def test_a_finalised_note_is_frozen_and_only_amended(booking, consultant):
    note = services.journal_save(booking=booking, actor=consultant, text="Notat", version=0)
    with pytest.raises(ValidationError):
        services.journal_amend(note=note, actor=consultant, text="For tidligt")
    services.journal_finalise(note=note, actor=consultant, version=1)
    with pytest.raises(PermissionDenied):
        services.journal_save(booking=booking, actor=consultant, text="Ændret", version=1)
    with pytest.raises(PermissionDenied):
        services.journal_finalise(note=note, actor=consultant, version=1)
    services.journal_amend(note=note, actor=consultant, text="Borgeren ringede bagefter.")
    note.refresh_from_db()
    assert note.text == "Notat"
    assert list(JournalAmendment.objects.values_list("text", flat=True)) == [
        "Borgeren ringede bagefter."
    ]


def test_finalising_a_draft_someone_changed_meanwhile_conflicts(booking, consultant, leader):
    note = services.journal_save(booking=booking, actor=consultant, text="Notat", version=0)
    services.journal_save(booking=booking, actor=leader, text="Rettet", version=1)
    with pytest.raises(services.Conflict):
        services.journal_finalise(note=note, actor=consultant, version=1)
    note.refresh_from_db()
    assert not note.is_final


def test_the_self_rating_is_one_logbook_entry_per_conversation_kept_in_range(booking, consultant):
    logbook_rate_conversation(booking=booking, actor=consultant, score=6, reflection="Godt")
    logbook_rate_conversation(booking=booking, actor=consultant, score=8, next_step="Timeout")
    entry = LogbookEntry.objects.get()
    assert (entry.score, entry.reflection, entry.next_step) == (8, "", "Timeout")
    assert (entry.booking, entry.consultant, entry.from_guide) == (booking, consultant, True)
    with pytest.raises(ValidationError):
        logbook_rate_conversation(booking=booking, actor=consultant, score=11)
    assert LogbookEntry.objects.get().score == 8


def test_a_colleague_cannot_rate_anothers_conversation(booking, centre):
    colleague = StaffFactory(job_centre=centre, username="colleague")
    with pytest.raises(PermissionDenied):
        logbook_rate_conversation(booking=booking, actor=colleague, score=5)
    assert not LogbookEntry.objects.exists()


def test_a_stale_save_of_ones_own_note_overwrites_it(guide, consultant):
    services.note_save(guide=guide, field="summary", text="Borg", version=0, actor=consultant)
    note = services.note_save(
        guide=guide, field="summary", text="Borgeren opsummerer", version=0, actor=consultant
    )
    assert (note.text, note.version) == ("Borgeren opsummerer", 2)
