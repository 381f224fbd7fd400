from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from audit.services import lookup_record
from booking.tests.factories import BookingFactory
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory
from joblog.models import JoblogEntry
from joblog.tests.factories import EntryFactory
from notifications.models import Notification
from privacy.models import CorrectionRequest, RetentionRule, RetentionRun
from privacy.retention import ANONYMISED_CPR, DATA_TYPES, months_before
from privacy.services import correction_request_create, retention_apply, retention_rule_set

NOW = datetime(2031, 6, 15, 3, 15, tzinfo=timezone.get_fixed_timezone(120))


@contextmanager
def clock(moment):
    """Rows made inside are stamped `moment` (auto_now and auto_now_add read timezone.now)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _lookup(consultant, citizen, at):
    with clock(at):
        lookup_record(
            actor=consultant, citizen=citizen, subject=Subject.CV, purpose=Purpose.CASEWORK
        )


def test_months_before_keeps_the_day_or_the_end_of_the_month():
    assert months_before(NOW, 60) == NOW.replace(year=2026)
    end_of_march = datetime(2031, 3, 31, tzinfo=NOW.tzinfo)
    assert months_before(end_of_march, 1).day == 28


def test_the_data_migration_wrote_the_registrys_defaults(db):
    for key, kind in DATA_TYPES.items():
        rule = RetentionRule.objects.get(job_centre=None, data_type=key)
        assert (rule.years, rule.months, rule.action) == kind.default


def test_the_lookup_log_goes_exactly_after_five_years(citizen, consultant):
    limit = NOW.replace(year=2026)
    _lookup(consultant, citizen, limit - timedelta(days=1))
    _lookup(consultant, citizen, limit + timedelta(days=1))

    run = retention_apply(now=NOW)

    remaining = list(LookupLog.objects.filter(citizen=citizen))
    assert [r.created_at for r in remaining] == [limit + timedelta(days=1)]
    assert run.counts["lookup_log"] == {"deleted": 1, "anonymised": 0}
    assert RetentionRun.objects.filter(pk=run.pk, finished_at__isnull=False).exists()


def test_a_centres_own_rule_applies_to_its_own_data_only(citizen, consultant, other_centre):
    other_staff = StaffFactory(job_centre=other_centre)
    other = CitizenFactory(job_centre=other_centre)
    two_years_ago = NOW.replace(year=2029) - timedelta(days=1)
    _lookup(consultant, citizen, two_years_ago)
    _lookup(other_staff, other, two_years_ago)
    retention_rule_set(
        job_centre=citizen.job_centre, data_type="lookup_log", years=2, months=0, action="delete"
    )

    retention_apply(now=NOW)

    assert not LookupLog.objects.filter(citizen=citizen).exists()
    assert LookupLog.objects.filter(citizen=other).count() == 1  # the default: 5 years


def test_joblog_entries_are_anonymised_by_date_and_still_counted(citizen):
    limit = months_before(NOW, 36).date()
    old = EntryFactory(citizen=citizen, date=limit - timedelta(days=1), notes="Ringede til Bo")
    inside = EntryFactory(citizen=citizen, date=limit + timedelta(days=1))

    run = retention_apply(now=NOW)

    old.refresh_from_db()
    inside.refresh_from_db()
    assert (old.employer, old.notes, old.job_title, old.town) == ("", "", "", "")
    assert old.activity and old.date == limit - timedelta(days=1)
    assert inside.employer.startswith("Firma")
    assert JoblogEntry.objects.filter(citizen=citizen).count() == 2
    assert run.counts["joblog_entries"]["anonymised"] == 1


def test_notifications_go_after_a_year(citizen):
    limit = months_before(NOW, 12)
    for at, key in [(limit - timedelta(days=1), "old"), (limit + timedelta(days=1), "new")]:
        with clock(at):
            Notification.objects.create(
                recipient=citizen.user, channel="email", key=key, body="Hej", scheduled_for=at
            )
    retention_apply(now=NOW)
    assert list(Notification.objects.values_list("key", flat=True)) == ["new"]


def _idle_citizen(centre, at, **kwargs):
    with clock(at):
        return CitizenFactory(job_centre=centre, **kwargs)


def test_closed_cases_are_anonymised_and_their_counts_kept(centre, consultant):
    limit = NOW.replace(year=2026)
    closed = _idle_citizen(centre, limit - timedelta(days=1), postcode="8000")
    active = _idle_citizen(centre, limit - timedelta(days=400))
    with clock(limit - timedelta(days=1)):
        EntryFactory(citizen=closed, date=(limit - timedelta(days=1)).date())
        correction_request_create(citizen=closed, what_is_wrong="Navn", should_be="Andet navn")
        EntryFactory(citizen=active)
    BookingFactory(citizen=active, consultant=consultant, start=limit + timedelta(days=1))
    name, cpr, cpr_hash = closed.user.name, closed.cpr, closed.cpr_hash

    run = retention_apply(now=NOW)

    closed.refresh_from_db()
    closed.user.refresh_from_db()
    assert closed.user.name != name and closed.cpr != cpr and closed.cpr == ANONYMISED_CPR
    assert (closed.mobile, closed.postcode, closed.user.email) == ("", "", "")
    assert not closed.user.is_active and not closed.user.has_usable_password()
    assert closed.cpr_hash != cpr_hash and not Citizen.objects.filter(cpr_hash=cpr_hash).exists()
    assert not CorrectionRequest.objects.filter(citizen=closed).exists()
    assert JoblogEntry.objects.filter(citizen=closed).count() == 1  # kept for the figures
    active.refresh_from_db()
    assert active.cpr != ANONYMISED_CPR
    assert run.counts["closed_cases"] == {"deleted": 0, "anonymised": 1}

    again = retention_apply(now=NOW)
    assert again.counts["closed_cases"] == {"deleted": 0, "anonymised": 0}


def test_an_anonymised_citizens_queued_messages_are_withdrawn_not_sent_empty(centre):
    limit = NOW.replace(year=2026)
    closed = _idle_citizen(centre, limit - timedelta(days=1))
    with clock(limit - timedelta(days=1)):
        queued = Notification.objects.create(
            recipient=closed.user,
            key="cv:1:reminder",
            channel="sms",
            subject="CV",
            body="Hej",
            scheduled_for=NOW,
        )
    retention_apply(now=NOW)
    queued.refresh_from_db()
    assert (queued.status, queued.subject, queued.body) == ("withdrawn", "", "")


def test_a_recent_login_keeps_a_case_open(centre):
    limit = NOW.replace(year=2026)
    citizen = _idle_citizen(centre, limit - timedelta(days=10))
    citizen.user.last_login = limit + timedelta(days=1)
    citizen.user.save(update_fields=["last_login"])
    retention_apply(now=NOW)
    citizen.refresh_from_db()
    assert citizen.cpr != ANONYMISED_CPR


def test_closed_cases_can_be_deleted_by_a_centres_rule(centre):
    limit = NOW.replace(year=2026)
    closed = _idle_citizen(centre, limit - timedelta(days=1))
    retention_rule_set(
        job_centre=centre, data_type="closed_cases", years=5, months=0, action="delete"
    )
    retention_apply(now=NOW)
    assert not Citizen.objects.filter(pk=closed.pk).exists()


def test_conversation_notes_go_with_the_conversations_date(citizen, consultant):
    from conversations.models import JournalNote

    limit = NOW.replace(year=2026)
    old = BookingFactory(citizen=citizen, consultant=consultant, start=limit - timedelta(days=1))
    new = BookingFactory(citizen=citizen, consultant=consultant, start=limit + timedelta(days=1))
    for booking in (old, new):
        JournalNote.objects.create(
            booking=booking, text="Notat", author=consultant, updated_by=consultant
        )
    retention_apply(now=NOW)
    assert list(JournalNote.objects.values_list("booking_id", flat=True)) == [new.pk]


def test_the_batches_take_everything_past_the_limit(citizen, consultant):
    for _ in range(5):
        _lookup(consultant, citizen, NOW.replace(year=2025))
    run = retention_apply(now=NOW, batch_size=2)
    assert run.counts["lookup_log"]["deleted"] == 5
    assert not LookupLog.objects.exists()


def test_the_lookup_log_can_be_deleted_but_still_not_changed(citizen, consultant):
    from django.db import DatabaseError, transaction

    _lookup(consultant, citizen, NOW.replace(year=2020))
    with pytest.raises(DatabaseError), transaction.atomic():
        LookupLog.objects.update(purpose=Purpose.FOLLOW_UP)
    retention_apply(now=NOW)
    assert not LookupLog.objects.exists()


def test_the_run_holds_no_personal_data(citizen, consultant):
    _lookup(consultant, citizen, NOW.replace(year=2020))
    run = retention_apply(now=NOW)
    text = str(run.counts)
    assert citizen.user.name not in text and citizen.cpr not in text
    assert set(run.counts) == set(DATA_TYPES)
