from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from joblog import services
from joblog.models import EntryStatus, JoblogEntry, JoblogExemption
from joblog.tests.conftest import TODAY
from joblog.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def fields(occupation, **changes):
    data = {
        "activity": "application",
        "occupation": occupation,
        "employer": "  Arla Foods  ",
        "date": TODAY,
        "status": EntryStatus.SENT,
    }
    data.update(changes)
    return data


def test_an_entry_is_created_for_the_citizen_with_the_text_trimmed(citizen, occupation):
    entry = services.entry_create(citizen=citizen, today=TODAY, **fields(occupation))
    assert entry.citizen == citizen and entry.employer == "Arla Foods"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employer": ""}, "employer"),
        ({"date": date(1999, 12, 31)}, "date"),
        ({"date": TODAY + timedelta(days=1)}, "date"),
        ({"date": TODAY + timedelta(days=366), "status": EntryStatus.PLANNED}, "date"),
        ({"notes": "n" * 100_000}, "notes"),
        ({"ad_url": "javascript:alert(1)"}, "ad_url"),
        ({"ad_url": "ftp://example.dk/x"}, "ad_url"),
        ({"postcode": "12"}, "postcode"),
        ({"status": "bogus"}, "status"),
    ],
)
def test_the_service_refuses_what_the_rules_forbid(citizen, occupation, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.entry_create(citizen=citizen, today=TODAY, **fields(occupation, **changes))
    assert field in refused.value.message_dict
    assert not JoblogEntry.objects.exists()


def test_planned_activities_may_lie_up_to_a_year_ahead(citizen, occupation):
    entry = services.entry_create(
        citizen=citizen,
        today=TODAY,
        **fields(occupation, date=TODAY + timedelta(days=365), status=EntryStatus.PLANNED),
    )
    assert entry.status == EntryStatus.PLANNED


def test_unknown_fields_are_a_programming_error(citizen, occupation):
    with pytest.raises(TypeError):
        services.entry_create(citizen=citizen, today=TODAY, **fields(occupation, citizen_id=1))


def test_only_the_citizens_own_entries_are_changed(citizen, other_citizen, occupation):
    theirs = EntryFactory(citizen=other_citizen, occupation=occupation)
    with pytest.raises(PermissionDenied):
        services.entry_update(entry=theirs, citizen=citizen, employer="X")
    with pytest.raises(PermissionDenied):
        services.entry_set_status(entry=theirs, citizen=citizen, status="hired")
    with pytest.raises(PermissionDenied):
        services.entry_delete(entry=theirs, citizen=citizen)
    assert JoblogEntry.objects.get().employer == theirs.employer


def test_the_status_follows_the_answer(citizen, occupation):
    entry = EntryFactory(citizen=citizen, occupation=occupation, date=TODAY)
    for status in (EntryStatus.INTERVIEW, EntryStatus.HIRED):
        services.entry_set_status(entry=entry, citizen=citizen, status=status, today=TODAY)
        entry.refresh_from_db()
        assert entry.status == status
    with pytest.raises(ValidationError):
        services.entry_set_status(entry=entry, citizen=citizen, status="fired", today=TODAY)


def test_a_planned_activity_in_the_future_cannot_be_marked_done(citizen, occupation):
    entry = EntryFactory(
        citizen=citizen,
        occupation=occupation,
        date=TODAY + timedelta(days=3),
        status=EntryStatus.PLANNED,
    )
    with pytest.raises(ValidationError):
        services.entry_set_status(entry=entry, citizen=citizen, status="sent", today=TODAY)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PLANNED


def test_an_exemption_is_recorded_and_ended(citizen, consultant):
    exemption = services.exemption_create(
        citizen=citizen,
        actor=consultant,
        first_day=TODAY - timedelta(days=10),
        last_day=None,
        reason="Sygdom",
        documentation="Ugentlig samtale med mentor",
    )
    with pytest.raises(ValidationError):
        services.exemption_create(
            citizen=citizen,
            actor=consultant,
            first_day=TODAY + timedelta(days=30),
            last_day=None,
            reason="Igen",
            documentation="-",
        )
    services.exemption_end(exemption=exemption, actor=consultant, today=TODAY)
    exemption.refresh_from_db()
    assert exemption.last_day == TODAY
    later = services.exemption_create(
        citizen=citizen,
        actor=consultant,
        first_day=TODAY + timedelta(days=1),
        last_day=TODAY + timedelta(days=20),
        reason="Kursus",
        documentation="Kursusbevis",
    )
    assert services.exemption_end(exemption=later, actor=consultant, today=TODAY) is None
    assert list(JoblogExemption.objects.all()) == [exemption]


def test_an_exemption_cannot_end_before_it_begins(citizen, consultant):
    with pytest.raises(ValidationError) as refused:
        services.exemption_create(
            citizen=citizen,
            actor=consultant,
            first_day=TODAY,
            last_day=TODAY - timedelta(days=1),
            reason="x",
            documentation="y",
        )
    assert "last_day" in refused.value.message_dict
