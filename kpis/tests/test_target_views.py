"""The targets pages: the manager sets, changes and deletes targets; team leaders see them;
consultants and other job centres do not; bad input is refused with nothing saved."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from kpis.models import Target
from kpis.tests.factories import (
    ImplementationPlanFactory,
    ManagerFactory,
    MilestoneFactory,
    SnapshotFactory,
    TargetFactory,
)

TODAY = timezone.localdate()
YEAR_START, YEAR_END = dt.date(TODAY.year, 1, 1), dt.date(TODAY.year, 12, 31)


@pytest.fixture
def manager(centre):
    return ManagerFactory(job_centre=centre, username="leder")


@pytest.fixture
def team(centre):
    return TeamFactory(job_centre=centre, name="Jobparate dagpenge")


@pytest.fixture
def team_leader(centre, team):
    return StaffFactory(job_centre=centre, team=team, role=Role.TEAM_LEADER, username="tl")


@pytest.fixture
def target(centre, manager):
    return TargetFactory(
        job_centre=centre, created_by=manager, starts_on=YEAR_START, ends_on=YEAR_END
    )


def form_data(**kwargs) -> dict:
    data = {
        "kpi": "self_booking_share",
        "team": "",
        "value": "75",
        "starts_on": YEAR_START.isoformat(),
        "ends_on": YEAR_END.isoformat(),
        "submission_token": str(uuid.uuid4()),
    }
    return {**data, **kwargs}


# --- Seeing the targets ------------------------------------------------------------------


def test_the_manager_sees_the_targets_in_force_with_progress_and_reached_highlighted(
    client, manager, target, team
):
    TargetFactory(
        job_centre=manager.job_centre,
        created_by=manager,
        team=team,
        kpi="no_show_rate",
        value=6,
        starts_on=YEAR_START,
        ends_on=YEAR_END,
    )
    month = TODAY.replace(day=1)
    SnapshotFactory(job_centre=manager.job_centre, period_start=month, numerator=9, denominator=10)
    SnapshotFactory(
        job_centre=manager.job_centre,
        team=team,
        kpi="no_show_rate",
        period_start=month,
        numerator=3,
        denominator=20,
    )
    client.force_login(manager)
    response = client.get(reverse("kpis:targets"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="target-{target.pk}"' in html
    assert 'data-reached="yes" class="target-reached"' in html  # 90 % of a target of 75
    assert 'data-kpi="no_show_rate" data-reached="no"' in html  # 15 %, over a ceiling of 6
    assert "90,0 %" in html and "15,0 %" in html
    assert reverse("kpis:target_edit", args=[target.pk]) in html
    assert reverse("kpis:target_create") in html


def test_coming_and_past_targets_are_listed_apart(client, manager, target):
    coming = TargetFactory(
        job_centre=manager.job_centre,
        created_by=manager,
        starts_on=YEAR_END + dt.timedelta(days=1),
        ends_on=YEAR_END + dt.timedelta(days=365),
    )
    past = TargetFactory(
        job_centre=manager.job_centre,
        created_by=manager,
        starts_on=YEAR_START - dt.timedelta(days=365),
        ends_on=YEAR_START - dt.timedelta(days=1),
    )
    client.force_login(manager)
    html = client.get(reverse("kpis:targets")).content.decode()
    in_force, coming_part, past_part = (
        html.split('id="in-force"')[1].split('id="coming-heading"')[0],
        html.split('id="coming"')[1].split('id="past-heading"')[0],
        html.split('id="past"')[1],
    )
    assert f"target-{target.pk}" in in_force
    assert f"target-{coming.pk}" in coming_part and f"target-{past.pk}" in past_part


def test_the_targets_page_shows_the_plans_status_and_next_milestone(client, manager):
    plan = ImplementationPlanFactory(job_centre=manager.job_centre)
    MilestoneFactory(plan=plan, title="Kick-off", due_on=TODAY, done_on=TODAY)
    MilestoneFactory(plan=plan, title="Evaluering", due_on=TODAY + dt.timedelta(days=30))
    client.force_login(manager)
    html = client.get(reverse("kpis:targets")).content.decode()
    assert "Evaluering" in html and "Kick-off" not in html
    assert reverse("kpis:implementation") in html


def test_an_empty_centre_shows_an_empty_page(client, manager):
    client.force_login(manager)
    response = client.get(reverse("kpis:targets"))
    assert response.status_code == 200


def test_the_page_takes_the_same_queries_for_many_targets(
    client, manager, team, django_assert_max_num_queries
):
    client.force_login(manager)
    TargetFactory(job_centre=manager.job_centre, created_by=manager, team=team)
    client.get(reverse("kpis:targets"))  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("kpis:targets"))
    for kpi in ("no_show_rate", "joblog_active_30", "satisfaction_average", "feedback_given"):
        TargetFactory(job_centre=manager.job_centre, created_by=manager, kpi=kpi, team=team)
    with django_assert_max_num_queries(len(one)):
        client.get(reverse("kpis:targets"))


def test_a_team_leader_sees_the_targets_but_cannot_change_them(client, team_leader, target):
    client.force_login(team_leader)
    response = client.get(reverse("kpis:targets"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="target-{target.pk}"' in html
    assert reverse("kpis:target_edit", args=[target.pk]) not in html
    assert reverse("kpis:target_create") not in html
    assert client.get(reverse("kpis:target_create")).status_code == 403
    assert client.post(reverse("kpis:target_create"), form_data()).status_code == 403
    assert client.get(reverse("kpis:target_edit", args=[target.pk])).status_code == 403
    assert client.post(reverse("kpis:target_delete", args=[target.pk])).status_code == 403
    assert Target.objects.count() == 1


def test_a_team_leader_does_not_see_another_teams_target(client, team_leader, manager):
    other = TargetFactory(
        job_centre=manager.job_centre,
        created_by=manager,
        team=TeamFactory(job_centre=manager.job_centre, name="Virksomhedsservice"),
    )
    client.force_login(team_leader)
    assert f'id="target-{other.pk}"' not in client.get(reverse("kpis:targets")).content.decode()


def test_a_job_consultant_is_refused(client, consultant, target):
    client.force_login(consultant)
    assert client.get(reverse("kpis:targets")).status_code == 403
    assert client.get(reverse("kpis:target_create")).status_code == 403


def test_another_centres_target_is_not_found(client, other_centre, target):
    client.force_login(ManagerFactory(job_centre=other_centre))
    assert client.get(reverse("kpis:target_edit", args=[target.pk])).status_code == 404
    assert client.post(reverse("kpis:target_delete", args=[target.pk])).status_code == 404
    assert Target.objects.filter(pk=target.pk).exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("kpis:targets"))
    assert response.status_code == 302 and "log-ind" in response["Location"]


# --- Setting, changing and deleting ------------------------------------------------------


def test_the_manager_sets_a_target_for_a_team(client, manager, team):
    client.force_login(manager)
    form = client.get(reverse("kpis:target_create"))
    assert form.status_code == 200
    assert "<optgroup" in form.content.decode()  # the registry grouped by KPI group
    response = client.post(reverse("kpis:target_create"), form_data(team=team.pk, value="80,5"))
    target = Target.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("kpis:targets") + f"#target-{target.pk}"
    assert (target.team, str(target.value), target.created_by) == (team, "80.5", manager)


def test_the_form_can_start_from_a_figure_and_a_team(client, manager, team):
    client.force_login(manager)
    url = reverse("kpis:target_create") + f"?kpi=no_show_rate&team={team.pk}"
    form = client.get(url).context["form"]
    assert form["kpi"].value() == "no_show_rate" and form["team"].value() == team.pk
    assert "loft" in str(form.fields["value"].help_text)  # "the target is a ceiling"


def test_a_double_submit_sets_one_target(client, manager):
    client.force_login(manager)
    data = form_data()
    first = client.post(reverse("kpis:target_create"), data)
    second = client.post(reverse("kpis:target_create"), data)
    assert Target.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "140"}, "value"),
        ({"value": "-5"}, "value"),
        ({"value": "sytten"}, "value"),
        ({"starts_on": "2026-12-31", "ends_on": "2026-01-01"}, "ends_on"),
        ({"kpi": "lykke"}, "kpi"),
        ({"kpi": "satisfaction_average", "value": "11"}, "value"),
    ],
)
def test_bad_input_is_refused_nothing_is_saved_and_the_form_keeps_it(
    client, manager, changes, field
):
    client.force_login(manager)
    data = form_data(**changes)
    response = client.post(reverse("kpis:target_create"), data)
    assert response.status_code == 400
    assert not Target.objects.exists()
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert 'data-module="error-summary"' in html
    if field == "value":
        assert f'value="{data["value"]}"' in html


def test_the_value_is_refused_with_the_allowed_range(client, manager):
    client.force_login(manager)
    response = client.post(reverse("kpis:target_create"), form_data(value="140"))
    assert "100 %" in response.context["form"].errors["value"][0]


def test_another_centres_team_is_refused(client, manager, other_centre):
    foreign = TeamFactory(job_centre=other_centre)
    client.force_login(manager)
    response = client.post(reverse("kpis:target_create"), form_data(team=foreign.pk))
    assert response.status_code == 400 and "team" in response.context["form"].errors
    assert not Target.objects.exists()


def test_an_overlapping_target_is_refused_naming_the_existing(client, manager, target):
    client.force_login(manager)
    response = client.post(reverse("kpis:target_create"), form_data(value="90"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert Target.objects.count() == 1


def test_the_manager_changes_a_target(client, manager, target):
    client.force_login(manager)
    page = client.get(reverse("kpis:target_edit", args=[target.pk]))
    assert page.status_code == 200 and 'value="75,0"' in page.content.decode()
    response = client.post(
        reverse("kpis:target_edit", args=[target.pk]),
        {"value": "80", "starts_on": YEAR_START.isoformat(), "ends_on": YEAR_END.isoformat()},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == 80


def test_a_bad_change_saves_nothing(client, manager, target):
    client.force_login(manager)
    response = client.post(
        reverse("kpis:target_edit", args=[target.pk]),
        {"value": "140", "starts_on": YEAR_START.isoformat(), "ends_on": YEAR_END.isoformat()},
    )
    assert response.status_code == 400 and 'value="140"' in response.content.decode()
    target.refresh_from_db()
    assert target.value == 75


def test_the_manager_deletes_a_target_after_confirming(client, manager, target):
    client.force_login(manager)
    confirm = client.get(reverse("kpis:target_delete", args=[target.pk]))
    assert confirm.status_code == 200 and Target.objects.exists()
    response = client.post(reverse("kpis:target_delete", args=[target.pk]))
    assert response.status_code == 302 and not Target.objects.exists()
