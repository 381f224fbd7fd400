"""The preparation selector reads the same number of queries for a citizen with two years of
history as for one with almost none, and picks the right period, agreements and conversations."""

import random
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from booking.models import Booking, Status
from booking.tests.factories import BookingFactory, TopicFactory
from citizens.tests.factories import CitizenFactory
from conversations.findings import MISSING, UNSEARCHED, cv_facts
from conversations.models import JournalAmendment, JournalNote
from conversations.preparation import EARLIER, preparation_for
from conversations.selectors import conversation_get
from cv.models import CV
from cv.tests.factories import CourseFactory, CVFactory, SoughtOccupationFactory, complete_cv
from joblog.models import ActivityType, Channel, EntryStatus, JoblogEntry
from joblog.tests.factories import EntryFactory
from occupations.models import Occupation, Skill
from plans.tests.factories import (
    AgreementFactory,
    HomeworkFactory,
    JobTrackFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db

#: The preparation's own queries (the view adds the session, the user, the booking and the
#: lookup-log row). The widening check counts whenever the plan has tracks, due or not; the
#: co-service changes one (two when there are any).
QUERIES = 17


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _note(booking: Booking, consultant, *, final: bool, amendments: int = 0) -> JournalNote:
    note = JournalNote.objects.create(
        booking=booking,
        text=f"Samtale om jobsøgning {booking.start:%d.%m}.",
        author=consultant,
        updated_by=consultant,
        finalised_at=booking.end if final else None,
        finalised_by=consultant if final else None,
    )
    for n in range(amendments):
        JournalAmendment.objects.create(note=note, text=f"Tilføjelse {n}", author=consultant)
    return note


def citizen_with_history(centre, consultant, today, *, weeks, conversations, hour=9):
    """A citizen with a plan, a CV, `weeks` weeks of Joblog (8 entries a week) and
    `conversations` held conversations (each with agreements, a journal note and amendments),
    and the coming booking to prepare, tomorrow. Each conversation starts at `hour`: give two
    citizens of one consultant different hours (PostgreSQL refuses overlapping bookings)."""
    citizen = CitizenFactory(
        job_centre=centre,
        responsible_consultant=consultant,
        registered_on=today - timedelta(weeks=weeks + 1),
    )
    topic = TopicFactory(job_centre=centre)
    occupations = list(
        Occupation.objects.filter(title__in=["Lagerarbejder", "Truckfører", "Sygeplejerske", "Kok"])
    )
    plan = PlanFactory(citizen=citizen, next_contact=today + timedelta(days=14))
    JobTrackFactory(
        plan=plan, letter="A", occupations=occupations[:1], widen_from=today + timedelta(days=30)
    )
    JobTrackFactory(plan=plan, letter="B", occupations=occupations[1:3])
    cv = complete_cv(citizen)
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Truckfører"))
    for homework in range(max(1, weeks // 10)):
        HomeworkFactory(plan=plan, due=today - timedelta(days=homework * 3 - 2))
    rng = random.Random(weeks)
    JoblogEntry.objects.bulk_create(
        JoblogEntry(
            citizen=citizen,
            activity=rng.choice(
                [ActivityType.APPLICATION, ActivityType.UNSOLICITED, ActivityType.INTERVIEW]
            ),
            occupation=rng.choice(occupations),
            employer=f"Firma {rng.randrange(100)}",
            town=rng.choice(["Brøndby", "Glostrup", "glostrup", ""]),
            date=today - timedelta(days=rng.randrange(weeks * 7)),
            channel=rng.choice(Channel.values),
            status=rng.choice(EntryStatus.values),
            plan=rng.choice(["A", "B", "C", ""]),
        )
        for _ in range(weeks * 8)
    )
    for n in range(conversations):
        day = today - timedelta(days=7 * (weeks * n // max(conversations, 1)) + 3)
        held = BookingFactory(
            citizen=citizen,
            consultant=consultant,
            topic=topic,
            start=_at(day, hour),
            status=Status.HELD,
        )
        _note(held, consultant, final=n % 3 != 0, amendments=n % 3)
        for _agreement in range(2):
            AgreementFactory(plan=plan, conversation=held, created_by=consultant)
    booking = BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=topic,
        start=_at(today + timedelta(days=1), hour),
        talk_about="Jeg vil gerne tale om truckjob.",
    )
    return conversation_get(user=consultant, public_id=booking.public_id)


def _queries(booking, today) -> int:
    with CaptureQueriesContext(connection) as queries:
        preparation_for(booking=booking, today=today)
    return len(queries)


def test_the_queries_do_not_grow_with_two_years_of_history(
    centre, consultant, django_assert_num_queries
):
    today = timezone.localdate()
    little = citizen_with_history(centre, consultant, today, weeks=2, conversations=1)
    much = citizen_with_history(centre, consultant, today, weeks=104, conversations=30, hour=13)
    assert JoblogEntry.objects.filter(citizen=much.citizen).count() == 832
    assert _queries(little, today) == _queries(much, today)
    with django_assert_num_queries(QUERIES):
        prep = preparation_for(booking=much, today=today)
    assert len(prep.earlier) == EARLIER and prep.more_earlier
    assert all(item.note is not None for item in prep.earlier)
    assert sum(len(item.amendments) for item in prep.earlier) > 0
    assert all(len(item.agreements) == 2 for item in prep.earlier)


def test_a_first_meeting_reads_no_more_than_a_long_history(centre, consultant):
    today = timezone.localdate()
    much = citizen_with_history(centre, consultant, today, weeks=104, conversations=30, hour=13)
    citizen = CitizenFactory(job_centre=centre)
    first = BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(today + timedelta(days=2))
    )
    first = conversation_get(user=consultant, public_id=first.public_id)
    assert _queries(first, today) <= _queries(much, today)
    prep = preparation_for(booking=first, today=today)
    assert prep.plan is None and prep.earlier == () and not prep.findings.has_cv
    assert prep.joblog.last_conversation is None
    assert prep.joblog.days == 28  # the yardstick's period


def test_the_joblog_period_runs_from_the_last_held_conversation(centre, consultant):
    today = date(2026, 11, 23)
    citizen = CitizenFactory(job_centre=centre)
    BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(date(2026, 10, 1)), status=Status.HELD
    )
    last = BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(date(2026, 11, 9)), status=Status.HELD
    )
    BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(date(2026, 11, 16)), status=Status.NO_SHOW
    )
    coming = BookingFactory(citizen=citizen, consultant=consultant, start=_at(date(2026, 11, 24)))
    lager = Occupation.objects.get(title="Lagerarbejder")
    for day in (date(2026, 11, 8), date(2026, 11, 9), date(2026, 11, 12), date(2026, 11, 20)):
        EntryFactory(citizen=citizen, occupation=lager, date=day, town="Køge")
    EntryFactory(
        citizen=citizen,
        occupation=lager,
        date=date(2026, 11, 21),
        status=EntryStatus.INTERVIEW,
        activity=ActivityType.INTERVIEW,
    )
    EntryFactory(
        citizen=citizen, occupation=lager, date=date(2026, 11, 22), status=EntryStatus.PLANNED
    )
    prep = preparation_for(
        booking=conversation_get(user=consultant, public_id=coming.public_id), today=today
    )
    joblog = prep.joblog
    assert joblog.last_conversation.pk == last.pk
    assert (joblog.since, joblog.until, joblog.days) == (date(2026, 11, 9), today, 15)
    assert joblog.entries == 4 and joblog.searches == 3 and joblog.interviews == 1
    assert str(joblog.per_week) == "1.4"  # 3 searches over 15 days
    assert str(joblog.yardstick_per_week) == "1.5"
    assert not joblog.met
    assert [(c.label, c.count) for c in joblog.occupations] == [("Lagerarbejder", 4)]
    assert [(c.label, c.count) for c in joblog.towns] == [("Køge", 3), ("Aarhus C", 1)]
    assert [(row.label, row.count) for row in joblog.plans][-1] == ("Not placed in a plan", 4)


def test_agreements_of_the_last_conversation_else_the_latest(centre, consultant):
    today = timezone.localdate()
    citizen = CitizenFactory(job_centre=centre, responsible_consultant=consultant)
    plan = PlanFactory(citizen=citizen)
    older = BookingFactory(
        citizen=citizen,
        consultant=consultant,
        start=_at(today - timedelta(days=30)),
        status=Status.HELD,
    )
    AgreementFactory(plan=plan, conversation=older, text="Søg tre job om ugen.")
    coming = BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(today + timedelta(days=1))
    )
    booking = conversation_get(user=consultant, public_id=coming.public_id)
    prep = preparation_for(booking=booking, today=today)
    assert prep.agreements_from_last_conversation
    assert [a.text for a in prep.agreements] == ["Søg tre job om ugen."]

    last = BookingFactory(
        citizen=citizen,
        consultant=consultant,
        start=_at(today - timedelta(days=7)),
        status=Status.HELD,
    )
    AgreementFactory(plan=plan, conversation=None, text="Opdatér CV'et.")
    prep = preparation_for(booking=booking, today=today)
    assert prep.joblog.last_conversation.pk == last.pk
    assert not prep.agreements_from_last_conversation
    assert [a.text for a in prep.agreements] == ["Opdatér CV'et.", "Søg tre job om ugen."]


def test_homework_open_only_and_overdue_marked(centre, consultant):
    today = timezone.localdate()
    citizen = CitizenFactory(job_centre=centre, responsible_consultant=consultant)
    plan = PlanFactory(citizen=citizen)
    HomeworkFactory(plan=plan, title="Late", due=today - timedelta(days=2))
    HomeworkFactory(plan=plan, title="Today", due=today)
    HomeworkFactory(plan=plan, title="Coming", due=today + timedelta(days=5))
    HomeworkFactory(plan=plan, title="Done", due=today - timedelta(days=9), done_at=timezone.now())
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(today + timedelta(days=1))
    )
    prep = preparation_for(
        booking=conversation_get(user=consultant, public_id=booking.public_id), today=today
    )
    assert [(h.homework.title, h.overdue, h.due_today) for h in prep.homework] == [
        ("Late", True, False),
        ("Today", False, True),
        ("Coming", False, False),
    ]


def test_the_findings_hold_the_cv_against_the_last_12_weeks(centre, consultant):
    today = timezone.localdate()
    citizen = CitizenFactory(job_centre=centre)
    cv = CVFactory(citizen=citizen)
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Truckfører"))
    SoughtOccupationFactory(cv=cv, occupation=Occupation.objects.get(title="Lagerarbejder"))
    lager = Occupation.objects.get(title="Lagerarbejder")
    EntryFactory(citizen=citizen, occupation=lager, date=today - timedelta(days=3))
    EntryFactory(
        citizen=citizen,
        occupation=Occupation.objects.get(title="Truckfører"),
        date=today - timedelta(weeks=13),
    )
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(today + timedelta(days=1))
    )
    prep = preparation_for(
        booking=conversation_get(user=consultant, public_id=booking.public_id), today=today
    )
    questions = {q.key: q for q in prep.findings.questions}
    assert [f.text for f in questions[UNSEARCHED].findings] == [
        'Truckfører is under "I am looking for a job as", but there are no applications as '
        "truckfører in the last 12 weeks."
    ]
    [missing] = questions[MISSING].findings  # Lagerarbejder needs Truckcertifikat (starter data)
    assert "Truckcertifikat" in missing.text and missing.evidence[0].day == today - timedelta(
        days=3
    )


def test_cv_facts_count_courses_and_a_car_licence_as_shown(centre):
    cv = CVFactory(
        citizen=CitizenFactory(job_centre=centre),
        driving_licences=["B"],
        other_skills="Svejsning MIG",
    )
    CourseFactory(cv=cv, name="Truckcertifikat B")
    cv = CV.objects.prefetch_related(
        "sought_occupations", "work_experiences", "skills", "courses"
    ).get(pk=cv.pk)
    facts = cv_facts(cv)
    assert "truckcertifikat b" in facts.other_text
    assert "kørekort b" in facts.other_text and "svejsning mig" in facts.other_text
    assert Skill.objects.filter(name="Kørekort B").exists()


def test_the_joblog_mix_places_untagged_entries_by_the_plan_of_their_occupation(centre, consultant):
    today = date(2026, 11, 23)
    citizen = CitizenFactory(job_centre=centre, responsible_consultant=consultant)
    driver, cook = (Occupation.objects.get(title=t) for t in ("Truckfører", "Kok"))
    plan = PlanFactory(citizen=citizen)
    JobTrackFactory(plan=plan, letter="A", occupations=[cook])
    JobTrackFactory(plan=plan, letter="B", occupations=[driver])
    for occupation, tag in ((driver, ""), (driver, "A"), (cook, ""), (driver, "")):
        EntryFactory(citizen=citizen, occupation=occupation, date=today, plan=tag)
    booking = BookingFactory(
        citizen=citizen, consultant=consultant, start=_at(today + timedelta(days=1))
    )
    prep = preparation_for(
        booking=conversation_get(user=consultant, public_id=booking.public_id), today=today
    )
    assert [row.count for row in prep.joblog.plans] == [2, 2, 0, 0]
