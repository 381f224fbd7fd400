"""The week's batch (once per week, never the same opening twice, the deadline past holidays
and absence), the citizen's answers, and how a "not relevant" answer tunes later weeks."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from booking.models import CitizenAbsence, ClosingDay
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from joblog.tests.factories import OccupationFactory
from labour.matching import Candidate
from labour.models import EmploymentType, JobOpening
from labour.tests.factories import CompanyFactory, OpeningFactory
from occupations.models import Occupation
from suggestions import services
from suggestions.models import JobSuggestion, Reason, Status, SuggestionBatch, SuggestionRule
from suggestions.rules import Rule, rule_for
from suggestions.tests.factories import BatchFactory, SuggestionFactory
from suggestions.tuning import DOWN_WEIGHT, Tuning, tuning_for

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
WEEK = Rule(check_every_days=7, suggestions_per_week=10, remind_days_before=1)


def test_the_week_batch_is_made_once(job_seeker, nurse_openings):
    today = timezone.localdate()
    batch = services.suggestions_make(citizen=job_seeker, today=today)
    again = services.suggestions_make(citizen=job_seeker, today=services.week_start(today))
    assert again == batch
    assert SuggestionBatch.objects.count() == 1
    assert batch.suggestions.count() == 10  # the default rule's number a week
    assert batch.week_start == services.week_start(today)
    assert [s.rank for s in batch.suggestions.order_by("rank")] == list(range(1, 11))
    assert all(s.why for s in batch.suggestions.all())


def test_an_opening_is_not_suggested_again_within_the_rest(job_seeker, nurse_openings):
    today = timezone.localdate()
    first = services.suggestions_make(citizen=job_seeker, today=today)
    second = services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=7))
    assert second.suggestions.count() == 2  # the twelve openings less the ten of last week
    first_ids = set(first.suggestions.values_list("opening_id", flat=True))
    assert first_ids.isdisjoint(second.suggestions.values_list("opening_id", flat=True))
    with pytest.raises(IntegrityError), transaction.atomic():  # never twice in one week
        JobSuggestion.objects.create(
            batch=second, citizen=job_seeker, opening=second.suggestions.first().opening, rank=9
        )


def test_a_good_opening_left_unanswered_comes_back_once_after_the_rest(job_seeker, nurse_openings):
    """Not excluded only because it was suggested before and left unanswered: after the rule's
    two weeks it comes again, saying so; a third time it does not."""
    today = services.week_start(timezone.localdate())
    first = services.suggestions_make(citizen=job_seeker, today=today)
    best = first.suggestions.get(rank=1).opening
    services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=7))
    third = services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=14))
    assert third is not None
    again = third.suggestions.get(opening=best)
    assert again.rank == 1
    assert again.why.startswith("Foreslået igen · ")
    later = [
        services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=7 * n))
        for n in (3, 4, 5)
    ]
    assert all(best.pk not in {s.opening_id for s in b.suggestions.all()} for b in later if b)
    assert JobSuggestion.objects.filter(citizen=job_seeker, opening=best).count() == 2


def test_an_answered_opening_never_comes_back(job_seeker, nurse_openings):
    today = services.week_start(timezone.localdate())
    first = services.suggestions_make(citizen=job_seeker, today=today)
    saved, dropped = first.suggestions.get(rank=1), first.suggestions.get(rank=2)
    JobSuggestion.objects.filter(pk=saved.pk).update(status=Status.SAVED)
    JobSuggestion.objects.filter(pk=dropped.pk).update(
        status=Status.NOT_RELEVANT, reason=Reason.OTHER
    )
    services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=7))
    third = services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=14))
    shown = set(third.suggestions.values_list("opening_id", flat=True))
    assert shown and not shown & {saved.opening_id, dropped.opening_id}
    assert len(shown) == 8  # the other eight of the first week, once more


def test_the_centre_sets_the_rest(job_seeker, nurse_openings, centre):
    SuggestionRule.objects.create(job_centre=centre, target_group="", resuggest_after_weeks=4)
    today = services.week_start(timezone.localdate())
    JobOpening.objects.update(valid_through=today + timedelta(days=60))
    services.suggestions_make(citizen=job_seeker, today=today)
    services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=7))
    assert services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=14)) is None
    assert services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=28))


def test_the_rule_sets_the_number_and_the_deadline(job_seeker, nurse_openings, centre):
    SuggestionRule.objects.create(
        job_centre=centre, target_group="", check_every_days=3, suggestions_per_week=4
    )
    today = timezone.localdate()
    batch = services.suggestions_make(citizen=job_seeker, today=today)
    assert batch.suggestions.count() == 4
    assert batch.due_on == services.check_deadline(job_seeker, today, rule_for(job_seeker))
    assert batch.due_on >= today + timedelta(days=3)


def test_a_group_rule_beats_the_rule_for_all(job_seeker, centre):
    SuggestionRule.objects.create(job_centre=centre, target_group="", suggestions_per_week=4)
    SuggestionRule.objects.create(
        job_centre=centre, target_group=job_seeker.target_group, suggestions_per_week=6
    )
    assert rule_for(job_seeker).suggestions_per_week == 6


def test_the_deadline_skips_christmas_and_the_weekend(citizen):
    # Friday 18 December 2026 + 7 days = Juledag (Friday 25th), then Saturday and Sunday.
    assert services.check_deadline(citizen, date(2026, 12, 18), WEEK) == date(2026, 12, 28)


def test_the_deadline_skips_easter(citizen):
    # Thursday 18 March 2027 + 7 = Skærtorsdag; Langfredag, the weekend, 2. påskedag follow.
    assert services.check_deadline(citizen, date(2027, 3, 18), WEEK) == date(2027, 3, 30)


def test_the_deadline_skips_the_citizens_absence_and_closing_days(citizen, centre):
    monday = date(2027, 2, 1)
    CitizenAbsence.objects.create(
        citizen=citizen, first_day=date(2027, 2, 8), last_day=date(2027, 2, 10)
    )
    ClosingDay.objects.create(job_centre=centre, date=date(2027, 2, 11))
    assert services.check_deadline(citizen, monday, WEEK) == date(2027, 2, 12)


def test_the_deadline_across_christmas_and_new_year(citizen, centre):
    # Thursday 24 December + 7 = New Year's Eve, a closing day; New Year's Day, the weekend.
    ClosingDay.objects.create(job_centre=centre, date=date(2026, 12, 31), name="Nytårsaftensdag")
    assert services.check_deadline(citizen, date(2026, 12, 24), WEEK) == date(2027, 1, 4)
    CitizenAbsence.objects.create(
        citizen=citizen, first_day=date(2027, 1, 4), last_day=date(2027, 1, 5), reason="Syg"
    )
    assert services.check_deadline(citizen, date(2026, 12, 24), WEEK) == date(2027, 1, 6)


def test_the_deadline_reads_the_calendar_in_a_fixed_number_of_queries(
    citizen, centre, django_assert_num_queries
):
    for day in (date(2027, 1, 7), date(2027, 1, 8), date(2027, 1, 11)):
        ClosingDay.objects.create(job_centre=centre, date=day, name="Flytning")
    with django_assert_num_queries(2):
        assert services.check_deadline(citizen, date(2026, 12, 31), WEEK) == date(2027, 1, 12)


def test_the_week_batch_made_on_a_sunday_night_is_due_past_the_holidays(job_seeker, nurse_openings):
    # The openings as they stand that night, whenever the suite's clock made them.
    JobOpening.objects.filter(pk__in=[o.pk for o in nurse_openings]).update(
        date_posted=date(2026, 12, 18), valid_through=date(2027, 1, 15)
    )
    with time_machine.travel(datetime(2026, 12, 20, 23, 30, tzinfo=CPH), tick=False):
        batch = services.suggestions_make(citizen=job_seeker)
    assert batch.week_start == date(2026, 12, 14)
    assert batch.due_on == date(2026, 12, 28)  # 27 December is a Sunday after Christmas


def test_seen_saved_and_not_relevant_check_the_batch(citizen):
    batch = BatchFactory(citizen=citizen)
    seen, saved, away = SuggestionFactory.create_batch(3, batch=batch)
    services.suggestion_mark_seen(suggestion=seen, citizen=citizen)
    services.suggestion_save_to_joblog(suggestion=saved, citizen=citizen)
    batch.refresh_from_db()
    assert batch.checked_at is None
    services.suggestion_not_relevant(
        suggestion=away, citizen=citizen, reason=Reason.TOO_FAR, text=" 2 timer med bus "
    )
    batch.refresh_from_db()
    assert batch.checked_at is not None and batch.checked_on_time
    away.refresh_from_db()
    assert (away.status, away.reason, away.reason_text) == (
        Status.NOT_RELEVANT,
        Reason.TOO_FAR,
        "2 timer med bus",
    )
    checked = batch.checked_at
    services.suggestion_mark_seen(suggestion=seen, citizen=citizen)
    batch.refresh_from_db()
    assert batch.checked_at == checked


def test_seen_does_not_undo_an_answer(citizen):
    suggestion = SuggestionFactory(batch__citizen=citizen)
    services.suggestion_save_to_joblog(suggestion=suggestion, citizen=citizen)
    services.suggestion_mark_seen(suggestion=suggestion, citizen=citizen)
    suggestion.refresh_from_db()
    assert suggestion.status == Status.SAVED


def test_a_bad_reason_saves_nothing(citizen):
    suggestion = SuggestionFactory(batch__citizen=citizen)
    with pytest.raises(ValidationError) as refused:
        services.suggestion_not_relevant(
            suggestion=suggestion, citizen=citizen, reason="keine", text="x" * 301
        )
    assert set(refused.value.message_dict) == {"reason", "text"}
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW and suggestion.responded_at is None


def test_another_citizens_suggestion_is_refused(citizen, other_citizen):
    suggestion = SuggestionFactory(batch__citizen=other_citizen)
    with pytest.raises(PermissionDenied):
        services.suggestion_mark_seen(suggestion=suggestion, citizen=citizen)
    with pytest.raises(PermissionDenied):
        services.suggestion_not_relevant(
            suggestion=suggestion, citizen=citizen, reason=Reason.OTHER
        )


def test_save_to_joblog_fills_in_the_opening(citizen, nurse):
    suggestion = SuggestionFactory(
        batch__citizen=citizen,
        opening__title="Sygeplejerske til akutmodtagelsen",
        opening__employer_name="Hvidovre Hospital",
        opening__postcode="2650",
        opening__town="Hvidovre",
        opening__url="https://job.example/akut",
        opening__occupation=nurse,
    )
    today = date(2026, 11, 23)
    initial = services.joblog_initial(suggestion, today)
    assert initial["job_title"] == "Sygeplejerske til akutmodtagelsen"
    assert initial["employer"] == "Hvidovre Hospital"
    assert (initial["postcode"], initial["town"]) == ("2650", "Hvidovre")
    assert initial["ad_url"] == "https://job.example/akut"
    assert initial["occupation"] == nurse.pk
    assert initial["date"] == today


def test_a_saved_suggestion_is_linked_to_its_joblog_entry(citizen, nurse):
    from joblog.services import entry_create

    suggestion = SuggestionFactory(batch__citizen=citizen, opening__occupation=nurse)
    fields = services.joblog_initial(suggestion, timezone.localdate())
    fields["occupation"] = nurse  # the form turns the pk into the occupation
    entry = entry_create(citizen=citizen, **fields)
    services.suggestion_save_to_joblog(suggestion=suggestion, citizen=citizen, entry=entry)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.joblog_entry) == (Status.SAVED, entry)
    assert entry.employer == suggestion.opening.employer


def _two_kinds(centre, job_seeker, nurse):
    """Nursing jobs (fresh) rank above warehouse jobs (three weeks old); one a week."""
    warehouse = OccupationFactory(title="Lagerarbejder", disco_code="9333")
    SoughtOccupationFactory(cv=job_seeker.cv, occupation=warehouse)
    SuggestionRule.objects.create(job_centre=centre, suggestions_per_week=1)
    hospital = CompanyFactory(job_centre=centre)
    today = timezone.localdate()
    for n in range(3):
        OpeningFactory(
            job_centre=centre, title=f"Sygeplejerske {n}", occupation=nurse, company=hospital
        )
        OpeningFactory(
            job_centre=centre,
            title=f"Lagerarbejder {n}",
            occupation=warehouse,
            date_posted=today - timedelta(days=21),
        )
    return today


@pytest.mark.parametrize(
    ("reason", "next_week"), [(Reason.OTHER, "Sygeplejerske"), (Reason.NOT_MY_INDUSTRY, "Lager")]
)
def test_not_my_industry_tunes_the_next_week(centre, job_seeker, nurse, reason, next_week):
    today = _two_kinds(centre, job_seeker, nurse)
    first = services.suggestions_make(citizen=job_seeker, today=today).suggestions.get()
    assert first.opening.occupation == nurse
    services.suggestion_not_relevant(suggestion=first, citizen=job_seeker, reason=reason)
    later = services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=7))
    assert later.suggestions.get().opening.title.startswith(next_week)


def test_the_tuning_from_the_answers(citizen, centre, nurse):
    from labour.models import Industry

    industry = Industry.objects.order_by("pk").first()
    company = CompanyFactory(job_centre=centre, industry=industry)
    sister = CompanyFactory(job_centre=centre, industry=industry)
    elsewhere = CompanyFactory(job_centre=centre, industry=None)
    batch = BatchFactory(citizen=citizen)
    answers = [
        (Reason.NOT_MY_INDUSTRY, {"company": company, "occupation": nurse}),
        (Reason.HOURS, {"employment_type": EmploymentType.PART_TIME, "company": elsewhere}),
        (Reason.TOO_FAR, {}),
        (Reason.TOO_FAR, {}),
    ]
    for n, (reason, opening) in enumerate(answers):
        suggestion = SuggestionFactory(
            batch=batch,
            distance_km=[5, 5, 30, 45][n],
            **{f"opening__{k}": v for k, v in opening.items()},
        )
        services.suggestion_not_relevant(suggestion=suggestion, citizen=citizen, reason=reason)
    tuning = tuning_for(citizen)
    assert tuning.occupation_ids == {nurse.pk}
    assert tuning.company_ids == {company.pk, sister.pk}
    assert tuning.employment_types == {EmploymentType.PART_TIME}
    assert tuning.too_far_km == 30  # closer than the nearest opening marked too far


def _candidate(**fields):
    values = {
        "id": 1,
        "title": "Sygeplejerske",
        "occupation_id": None,
        "occupation_title": "",
        "company_id": None,
        "employment_type": EmploymentType.FULL_TIME,
        "postcode": "2605",
        "town": "Brøndby",
        "date_posted": date(2026, 11, 23),
        "distance_km": 12.0,
    }
    return Candidate(**{**values, **fields})


def test_too_far_shrinks_the_radius_and_the_rest_weigh_less():
    """What matching's penalty hook is given for each candidate opening."""
    tuning = Tuning(
        occupation_ids=frozenset({7}),
        company_ids=frozenset({3}),
        employment_types=frozenset({EmploymentType.PART_TIME}),
        too_far_km=30,
    )
    assert tuning.penalty(_candidate()) == 1.0
    assert tuning.penalty(_candidate(distance_km=29.4)) == 1.0
    assert tuning.penalty(_candidate(distance_km=30.0)) == 0.0
    assert tuning.penalty(_candidate(distance_km=None)) == 1.0
    assert tuning.penalty(_candidate(occupation_id=7)) == DOWN_WEIGHT
    assert tuning.penalty(_candidate(occupation_id=7, company_id=3)) == DOWN_WEIGHT**2
    assert tuning.penalty(_candidate(employment_type=EmploymentType.PART_TIME)) == DOWN_WEIGHT


def test_weekly_run_for_job_ready_citizens_with_a_cv(job_seeker, nurse_openings, other_citizen):
    from citizens.models import TargetGroup
    from citizens.tests.factories import CitizenFactory

    activity_ready = CitizenFactory(
        job_centre=job_seeker.job_centre, target_group=TargetGroup.ACTIVITY_READY
    )
    CVFactory(citizen=activity_ready)
    today = timezone.localdate()
    assert services.make_weekly(today) == 1
    assert services.make_weekly(today) == 0
    assert list(SuggestionBatch.objects.values_list("citizen", flat=True)) == [job_seeker.pk]


@pytest.mark.parametrize(
    ("reason", "next_town"), [(Reason.OTHER, "Roskilde"), (Reason.TOO_FAR, "Brøndby")]
)
def test_too_far_shrinks_the_radius_of_later_weeks(centre, job_seeker, nurse, reason, next_town):
    job_seeker.postcode, job_seeker.travel_radius_km = "2605", 40
    job_seeker.save()
    SuggestionRule.objects.create(job_centre=centre, suggestions_per_week=1)
    for n in range(2):  # the title says it: these rank first while they are in reach
        OpeningFactory(
            job_centre=centre,
            title=f"Sygeplejerske {n}",
            occupation=nurse,
            postcode="4000",
            town="Roskilde",
        )
    # Near, but a weaker match: an occupation related to the one she seeks.
    OpeningFactory(
        job_centre=centre,
        title="Hjemmeplejen søger",
        occupation=Occupation.objects.get(title="Social- og sundhedsassistent"),
        postcode="2605",
        town="Brøndby",
    )
    today = timezone.localdate()
    first = services.suggestions_make(citizen=job_seeker, today=today).suggestions.get()
    assert first.opening.town == "Roskilde" and 15 < first.distance_km < 30
    services.suggestion_not_relevant(suggestion=first, citizen=job_seeker, reason=reason)
    later = services.suggestions_make(citizen=job_seeker, today=today + timedelta(days=7))
    assert later.suggestions.get().opening.town == next_town


def test_a_check_just_after_midnight_on_the_day_after_is_late(citizen):
    """00:30 on Thursday in Copenhagen is still Wednesday in UTC (as the database gives it
    back): the check is a day late."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    cph = ZoneInfo("Europe/Copenhagen")
    batch = BatchFactory(citizen=citizen, week_start=date(2026, 12, 7), due_on=date(2026, 12, 9))
    for checked_at, on_time in (
        (datetime(2026, 12, 10, 0, 30, tzinfo=cph), False),
        (datetime(2026, 12, 9, 23, 59, tzinfo=cph), True),
    ):
        SuggestionBatch.objects.filter(pk=batch.pk).update(checked_at=checked_at)
        batch.refresh_from_db()
        assert batch.checked_on_time is on_time
