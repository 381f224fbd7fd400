"""Action-learning records for tests. A team with a team leader and consultants is the usual
start: `team_with_members()`."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from learning.models import (
    AgendaItem,
    AgendaKind,
    FocusArea,
    LearningMeeting,
    LogbookEntry,
    Observation,
    SparringCase,
    SparringEvent,
    SparringKind,
    Technique,
)


def team_with_members(consultants: int = 3, **team_kwargs):
    """(team, team leader, [consultants]) in one job centre."""
    team = TeamFactory(**team_kwargs)
    leader = StaffFactory(role=Role.TEAM_LEADER, job_centre=team.job_centre, team=team)
    members = [
        StaffFactory(role=Role.JOB_CONSULTANT, job_centre=team.job_centre, team=team)
        for _ in range(consultants)
    ]
    return team, leader, members


class TechniqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Technique

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Teknik {n}")


class LogbookEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogbookEntry

    consultant = factory.SubFactory(StaffFactory)
    date = factory.LazyFunction(timezone.localdate)
    what_happened = "Jeg prøvede at lave kontrakt i starten."
    reflection = "Borgeren tog mere ordet, end jeg havde ventet."
    score = 6
    next_step = "Spørge nysgerrigt til borgerens egne idéer."


class ObservationFactory(factory.django.DjangoModelFactory):
    """A requested observation of `booking` (give it one whose consultant is `observed`)."""

    class Meta:
        model = Observation

    observed = factory.SelfAttribute("booking.consultant")
    observer = factory.SubFactory(
        StaffFactory, job_centre=factory.SelfAttribute("..booking.job_centre")
    )


class LearningMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningMeeting

    team = factory.SubFactory(TeamFactory)
    facilitator = factory.SubFactory(
        StaffFactory,
        role=Role.TEAM_LEADER,
        job_centre=factory.SelfAttribute("..team.job_centre"),
        team=factory.SelfAttribute("..team"),
    )
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    place = "Mødelokale 2"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(LearningMeetingFactory)
    position = factory.Sequence(int)
    kind = AgendaKind.WELCOME
    title = "Velkommen og formål"
    planned_minutes = 10


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    meeting = factory.SubFactory(LearningMeetingFactory)
    text = factory.Sequence(lambda n: f"Fokusområde {n}")


class SparringEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SparringEvent

    team = factory.SubFactory(TeamFactory)
    kind = SparringKind.WEEK
    title = "Uge 39"
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=4))
    goal_count = 16
    created_by = factory.SubFactory(
        StaffFactory,
        role=Role.TEAM_LEADER,
        job_centre=factory.SelfAttribute("..team.job_centre"),
        team=factory.SelfAttribute("..team"),
    )


class SparringCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SparringCase

    event = factory.SubFactory(SparringEventFactory)
    slot = 1
    pseudonym = factory.Sequence(lambda n: f"Borger {n + 1}")


# observations


def conversation_of(consultant, *, start=None, **kwargs):
    """A booked conversation of `consultant` with a citizen of their job centre, by default in
    three days at 10.00 (aware, the current time zone), in a room of its own."""
    from datetime import datetime, time

    from booking.tests.factories import BookingFactory, RoomFactory
    from citizens.tests.factories import CitizenFactory

    if start is None:
        day = timezone.localdate() + timedelta(days=3)
        start = datetime.combine(day, time(10, 0), tzinfo=timezone.get_current_timezone())
    # A name no generated staff name contains: the tests check that it never shows.
    citizen = CitizenFactory(
        job_centre=consultant.job_centre,
        responsible_consultant=consultant,
        user__name="Xenia Samtaleborger",
    )
    if "room" not in kwargs:
        # A room of its own: PostgreSQL refuses two bookings in one room at once.
        kwargs["room"] = RoomFactory(job_centre=consultant.job_centre, location="1. sal")
    return BookingFactory(citizen=citizen, consultant=consultant, start=start, **kwargs)


# --- meetings (learning-group meetings) ---


class LearningPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.LearningPoint"

    meeting = factory.SubFactory(LearningMeetingFactory)
    consultant = factory.SubFactory(
        StaffFactory,
        job_centre=factory.SelfAttribute("..meeting.team.job_centre"),
        team=factory.SelfAttribute("..meeting.team"),
    )
    text = "Tælle til fem, før jeg kommer med egne forslag."


# logbook


def held_conversation_of(consultant, *, days_ago: int = 1, hour: int = 10, **kwargs):
    """A held conversation of `consultant` `days_ago` days back at `hour` o'clock, with a
    citizen of their job centre (pass `citizen__user__name=` to name them)."""
    from datetime import datetime, time

    from booking.models import Status
    from booking.tests.factories import BookingFactory
    from citizens.tests.factories import CitizenFactory

    day = timezone.localdate() - timedelta(days=days_ago)
    start = datetime.combine(day, time(hour, 0), tzinfo=timezone.get_current_timezone())
    citizen_kwargs = {
        k[len("citizen__") :]: v for k, v in kwargs.items() if k.startswith("citizen__")
    }
    kwargs = {k: v for k, v in kwargs.items() if not k.startswith("citizen__")}
    citizen = CitizenFactory(
        job_centre=consultant.job_centre, responsible_consultant=consultant, **citizen_kwargs
    )
    kwargs.setdefault("status", Status.HELD)
    return BookingFactory(citizen=citizen, consultant=consultant, start=start, **kwargs)
