import datetime as dt

import factory
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import JobCentreFactory
from kpis.models import (
    ImplementationPlan,
    Level,
    Milestone,
    PeriodKind,
    PlanStatus,
    Snapshot,
    Target,
)


class SnapshotFactory(factory.django.DjangoModelFactory):
    """A centre-level month snapshot by default; pass `team=` (level TEAM) or `consultant=`
    (level CONSULTANT, and its team) for the other levels. `value` defaults to what
    `kpis.definitions.value_of` makes of numerator/denominator."""

    class Meta:
        model = Snapshot

    job_centre = factory.SubFactory(JobCentreFactory)
    kpi = "self_booking_share"
    level = factory.LazyAttribute(
        lambda o: Level.CONSULTANT if o.consultant else (Level.TEAM if o.team else Level.CENTRE)
    )
    team = None
    consultant = None
    period_kind = PeriodKind.MONTH
    period_start = dt.date(2026, 10, 1)
    period_end = factory.LazyAttribute(
        lambda o: (
            o.period_start + dt.timedelta(days=6)
            if o.period_kind == PeriodKind.WEEK
            else (o.period_start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            - dt.timedelta(days=1)
        )
    )
    numerator = 8
    denominator = 10
    value = factory.LazyAttribute(lambda o: _value(o.kpi, o.numerator, o.denominator))
    base = factory.LazyAttribute(lambda o: int(o.denominator))
    consultants = 3
    computed_at = factory.LazyFunction(timezone.now)


def _value(key, numerator, denominator):
    from kpis.definitions import BY_KEY, value_of

    return value_of(BY_KEY[key], numerator, denominator)


class ManagerFactory(StaffFactory):
    role = Role.MANAGER


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    job_centre = factory.SubFactory(JobCentreFactory)
    team = None
    kpi = "self_booking_share"
    value = 75
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    created_by = factory.SubFactory(
        ManagerFactory, job_centre=factory.SelfAttribute("..job_centre")
    )


# Factories added by helpers E and F2 go below.


# targets


class ImplementationPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImplementationPlan

    job_centre = factory.SubFactory(JobCentreFactory)
    project_leader = "Peter Lykke Andersen"
    status = PlanStatus.UNDER_WAY


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(ImplementationPlanFactory)
    title = factory.Sequence(lambda n: f"Milepæl {n}")
    due_on = dt.date(2026, 6, 1)
    done_on = None
