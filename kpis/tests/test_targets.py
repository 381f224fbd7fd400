"""Targets (måltal): the rules a target must pass, overlap, ceilings, progress from the month
snapshots counted by hand, and small numbers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from kpis.definitions import BY_KEY
from kpis.models import PeriodKind, Target
from kpis.targets import (
    format_value,
    progress,
    target_create,
    target_delete,
    target_get,
    target_update,
    target_value,
    targets_in_force,
    targets_progress,
    targets_visible_to,
)
from kpis.tests.factories import ManagerFactory, SnapshotFactory, TargetFactory

JAN, DEC = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture
def manager(centre):
    return ManagerFactory(job_centre=centre, username="leder")


@pytest.fixture
def team(centre):
    return TeamFactory(job_centre=centre, name="Jobparate dagpenge")


def create(manager, **kwargs):
    values = {"kpi": "self_booking_share", "value": 75, "starts_on": JAN, "ends_on": DEC}
    return target_create(actor=manager, job_centre=manager.job_centre, **{**values, **kwargs})


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


# --- Creating, changing and deleting -----------------------------------------------------


def test_the_manager_sets_a_target_for_the_centre_and_for_a_team(manager, team):
    centre_target = create(manager)
    team_target = create(manager, team=team, value=Decimal("80.5"))
    assert centre_target.team is None and centre_target.created_by == manager
    assert team_target.team == team and team_target.value == Decimal("80.5")
    assert Target.objects.count() == 2


@pytest.mark.parametrize("role", [Role.TEAM_LEADER, Role.ADMINISTRATOR, Role.JOB_CONSULTANT])
def test_only_the_manager_sets_targets(centre, role):
    user = StaffFactory(job_centre=centre, role=role)
    with pytest.raises(PermissionDenied):
        target_create(
            actor=user,
            job_centre=centre,
            kpi="self_booking_share",
            value=75,
            starts_on=JAN,
            ends_on=DEC,
        )
    assert not Target.objects.exists()


def test_a_manager_of_another_centre_cannot_set_this_centres_targets(centre, other_centre):
    stranger = ManagerFactory(job_centre=other_centre)
    with pytest.raises(PermissionDenied):
        target_create(
            actor=stranger,
            job_centre=centre,
            kpi="self_booking_share",
            value=75,
            starts_on=JAN,
            ends_on=DEC,
        )


def test_the_kpi_must_be_one_of_the_registry(manager):
    assert "kpi" in errors_of(lambda: create(manager, kpi="happiness"))


def test_the_team_must_be_the_centres_own(manager, other_centre):
    foreign = TeamFactory(job_centre=other_centre)
    assert "team" in errors_of(lambda: create(manager, team=foreign))
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("kpi", "value", "words"),
    [
        ("self_booking_share", 140, ["0", "100 %"]),
        ("self_booking_share", -5, ["0", "100 %"]),
        ("no_show_rate", Decimal("100.1"), ["0", "100 %"]),
        ("satisfaction_average", 11, ["1", "10"]),
        ("satisfaction_average", Decimal("0.5"), ["1", "10"]),
        ("feedback_given", -1, ["negative"]),
        ("conversations_per_week", -2, ["negative"]),
    ],
)
def test_a_value_outside_the_kpis_bounds_is_refused_naming_the_range(manager, kpi, value, words):
    with override("en"):
        message = errors_of(lambda: create(manager, kpi=kpi, value=value))["value"][0]
    assert all(word in message for word in words)
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("kpi", "value"),
    [
        ("self_booking_share", 0),
        ("self_booking_share", 100),
        ("satisfaction_average", 1),
        ("satisfaction_average", 10),
        ("feedback_given", 1000),
        ("searches_per_week", Decimal("1.5")),
    ],
)
def test_the_bounds_themselves_are_allowed(manager, kpi, value):
    assert create(manager, kpi=kpi, value=value).value == Decimal(value)


def test_more_than_one_decimal_and_no_number_are_refused(manager):
    assert "value" in errors_of(lambda: create(manager, value=Decimal("75.25")))
    assert "value" in errors_of(lambda: create(manager, value="NaN"))
    assert "value" in errors_of(lambda: create(manager, value="sju"))


def test_a_backwards_period_is_refused(manager):
    with override("en"):
        message = errors_of(lambda: create(manager, starts_on=DEC, ends_on=JAN))["ends_on"][0]
    assert message == "The end date is before the start date."


def test_a_period_of_one_day_and_of_three_years_is_allowed_but_not_longer(manager, team):
    assert create(manager, starts_on=JAN, ends_on=JAN)
    assert create(manager, team=team, starts_on=JAN, ends_on=dt.date(2028, 12, 31))
    errors = errors_of(
        lambda: create(manager, kpi="no_show_rate", starts_on=JAN, ends_on=dt.date(2029, 1, 1))
    )
    assert "ends_on" in errors


def test_an_overlapping_target_for_the_same_kpi_and_scope_is_refused_naming_the_first(
    manager,
):
    create(manager, starts_on=JAN, ends_on=DEC)
    with override("da"):
        errors = errors_of(
            lambda: create(manager, starts_on=dt.date(2026, 12, 31), ends_on=dt.date(2027, 6, 30))
        )
    message = errors["__all__"][0]
    assert "01.01.2026" in message and "31.12.2026" in message and "75 %" in message
    with override("en"):
        errors = errors_of(lambda: create(manager, starts_on=DEC, ends_on=DEC))
    assert "“Self-booking share” for the whole job centre" in errors["__all__"][0]
    assert Target.objects.count() == 1


def test_targets_that_do_not_overlap_or_differ_in_kpi_or_scope_are_allowed(manager, team):
    create(manager, starts_on=JAN, ends_on=DEC)
    create(manager, starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 12, 31))
    create(manager, team=team)
    create(manager, team=TeamFactory(job_centre=manager.job_centre))
    create(manager, kpi="no_show_rate", value=6)
    assert Target.objects.count() == 5


def test_another_centres_target_does_not_clash(manager, other_centre):
    TargetFactory(job_centre=other_centre)
    assert create(manager)


def test_a_target_is_changed_and_may_keep_its_own_period(manager):
    target = create(manager)
    target_update(actor=manager, target=target, value=80, starts_on=JAN, ends_on=DEC)
    target.refresh_from_db()
    assert target.value == 80


def test_a_change_into_another_targets_period_or_out_of_bounds_saves_nothing(manager):
    create(manager, starts_on=JAN, ends_on=dt.date(2026, 6, 30))
    second = create(manager, starts_on=dt.date(2026, 7, 1), ends_on=DEC)
    errors = errors_of(
        lambda: target_update(
            actor=manager, target=second, value=75, starts_on=dt.date(2026, 6, 1), ends_on=DEC
        )
    )
    assert "__all__" in errors
    assert "value" in errors_of(
        lambda: target_update(
            actor=manager, target=second, value=140, starts_on=second.starts_on, ends_on=DEC
        )
    )
    second.refresh_from_db()
    assert (second.starts_on, second.value) == (dt.date(2026, 7, 1), 75)


def test_only_the_manager_changes_and_deletes(manager, centre):
    target = create(manager)
    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER)
    with pytest.raises(PermissionDenied):
        target_update(actor=leader, target=target, value=1, starts_on=JAN, ends_on=DEC)
    with pytest.raises(PermissionDenied):
        target_delete(actor=leader, target=target)
    target_delete(actor=manager, target=target)
    assert not Target.objects.exists()


# --- Reading -----------------------------------------------------------------------------


def test_targets_in_force_on_a_day_in_one_query(manager, team, django_assert_num_queries):
    in_force = create(manager, team=team)
    centre_target = create(manager, kpi="no_show_rate", value=6)
    create(manager, starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 12, 31))
    TargetFactory(job_centre=TeamFactory().job_centre)
    with django_assert_num_queries(1):
        targets = targets_in_force(job_centre=manager.job_centre, on=dt.date(2026, 5, 1))
        names = [t.team.name if t.team else "" for t in targets]
    assert targets == [in_force, centre_target]  # the registry's order
    assert names == ["Jobparate dagpenge", ""]
    assert targets_in_force(job_centre=manager.job_centre, on=dt.date(2025, 12, 31)) == []


def test_a_team_leader_sees_the_centres_targets_and_their_own_teams_only(manager, team):
    other_team = TeamFactory(job_centre=manager.job_centre)
    centre_target, own, _other = (
        create(manager),
        create(manager, team=team),
        create(manager, team=other_team),
    )
    leader = StaffFactory(job_centre=manager.job_centre, role=Role.TEAM_LEADER, team=team)
    assert targets_visible_to(user=leader, job_centre=manager.job_centre) == [centre_target, own]
    assert len(targets_visible_to(user=manager, job_centre=manager.job_centre)) == 3


def test_another_centres_target_is_not_found(manager, other_centre):
    foreign = TargetFactory(job_centre=other_centre)
    with pytest.raises(Http404):
        target_get(user=manager, pk=foreign.pk)
    assert target_get(user=manager, pk=create(manager).pk).job_centre == manager.job_centre


# --- Progress from the month snapshots ---------------------------------------------------


def month(centre, start: dt.date, numerator, denominator, **kwargs):
    return SnapshotFactory(
        job_centre=centre,
        period_start=start,
        numerator=numerator,
        denominator=denominator,
        **kwargs,
    )


def test_the_value_combines_the_month_snapshots_of_the_period_by_hand(
    manager, team, django_assert_num_queries
):
    centre = manager.job_centre
    month(centre, dt.date(2026, 1, 1), 8, 10)
    month(centre, dt.date(2026, 2, 1), 3, 10)
    month(centre, dt.date(2026, 3, 1), 20, 20)  # after the period
    month(centre, dt.date(2025, 12, 1), 0, 50)  # before it
    month(centre, dt.date(2026, 1, 1), 0, 40, team=team)  # the team's, not the centre's
    month(centre, dt.date(2026, 1, 1), 1, 1, kpi="no_show_rate")  # another KPI
    SnapshotFactory(
        job_centre=centre,
        period_kind=PeriodKind.WEEK,
        period_start=dt.date(2026, 1, 5),
        numerator=0,
        denominator=30,
    )
    target = create(manager, starts_on=dt.date(2026, 1, 15), ends_on=dt.date(2026, 2, 28))
    with django_assert_num_queries(1):
        value, base = target_value(target)
    # January counts whole though the target starts on the 15th: (8 + 3) / (10 + 10).
    assert value == pytest.approx(55.0)
    assert base == 10


def test_a_team_targets_value_comes_from_the_teams_snapshots(manager, team):
    centre = manager.job_centre
    month(centre, dt.date(2026, 4, 1), 9, 10, team=team)
    month(centre, dt.date(2026, 5, 1), 18, 20, team=team)
    month(centre, dt.date(2026, 4, 1), 1, 10)
    month(centre, dt.date(2026, 4, 1), 0, 10, team=TeamFactory(job_centre=centre))
    value, base = target_value(create(manager, team=team))
    assert value == pytest.approx(27 / 30 * 100)
    assert base == 20


def test_a_counts_target_is_per_month_and_compared_with_the_average_month(manager):
    centre = manager.job_centre
    for start, count in [(dt.date(2026, 1, 1), 3), (dt.date(2026, 2, 1), 5)]:
        month(centre, start, count, 0, kpi="feedback_given", base=count)
    target = create(manager, kpi="feedback_given", value=4)
    value, base = target_value(target)
    assert (value, base) == (4.0, 5)
    assert progress(target, value=value, base=base).reached is True


def test_no_snapshots_means_no_value_and_no_verdict(manager):
    target = create(manager)
    value, base = target_value(target)
    assert (value, base) == (None, 0)
    result = progress(target, value=value, base=base)
    assert result.reached is None and result.share_of_target is None
    with override("en"):
        assert progress(target, value=None, base=0).shown == "no figures yet"


def test_a_target_is_reached_at_or_above_it(manager):
    target = create(manager, value=75)
    assert progress(target, value=75.0, base=40).reached is True
    assert progress(target, value=74.96, base=40).reached is True  # shown as 75,0 %
    assert progress(target, value=74.9, base=40).reached is False
    result = progress(target, value=90.0, base=40)
    assert result.share_of_target == pytest.approx(120.0) and result.bar == 100


def test_a_ceiling_kpi_is_reached_at_or_below_the_target(manager):
    target = create(manager, kpi="no_show_rate", value=6)
    assert BY_KEY["no_show_rate"].higher_is_better is False
    assert progress(target, value=5.2, base=40).reached is True
    assert progress(target, value=6.0, base=40).reached is True
    assert progress(target, value=8.2, base=40).reached is False
    assert progress(target, value=8.2, base=40).bar is None


@pytest.mark.parametrize("base", [1, 4])
def test_a_protected_figure_on_fewer_than_five_is_shown_as_under_five(manager, base):
    target = create(manager)
    result = progress(target, value=100.0, base=base)
    assert result.shown == "< 5"
    assert result.value is None and result.reached is None and result.share_of_target is None


def test_five_is_enough_and_an_unprotected_count_is_shown_on_any_base(manager):
    with override("da"):
        shown = progress(create(manager), value=80.0, base=5).shown
        assert shown == "80,0 %"
    target = create(manager, kpi="feedback_given", value=4)
    result = progress(target, value=3.0, base=3)
    assert result.reached is False and result.shown != "< 5"


def test_figures_read_the_danish_way():
    with override("da"):
        assert format_value(BY_KEY["self_booking_share"], 87.54) == "87,5 %"
        assert format_value(BY_KEY["satisfaction_average"], Decimal("8")) == "8,0"
    with override("en"):
        assert format_value(BY_KEY["feedback_given"], 4) == "4 per month"
        assert format_value(BY_KEY["searches_per_week"], 1.46) == "1.5 per week"


def test_progress_of_many_targets_takes_one_query(manager, team, django_assert_num_queries):
    centre = manager.job_centre
    targets = [
        create(manager),
        create(manager, team=team),
        create(manager, kpi="no_show_rate", value=6),
    ]
    month(centre, dt.date(2026, 3, 1), 30, 40)
    month(centre, dt.date(2026, 3, 1), 20, 20, team=team)
    month(centre, dt.date(2026, 3, 1), 2, 40, kpi="no_show_rate")
    with django_assert_num_queries(1):
        rows = targets_progress(targets, job_centre=centre)
    assert [(p.reached, round(p.value)) for p in rows] == [(True, 75), (True, 100), (True, 5)]


def test_a_one_day_target_is_in_force_on_that_day(manager):
    """targets_in_force uses the day it is given, not the factories' year."""
    today = timezone.localdate()
    target = create(manager, starts_on=today, ends_on=today)
    assert targets_in_force(job_centre=manager.job_centre, on=today) == [target]
