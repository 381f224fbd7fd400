"""The implementation plan: the manager records it and its milestones (with htmx and without),
team leaders see it beside the targets in force, others are refused."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres.tests.factories import TeamFactory
from kpis import implementation
from kpis.models import ImplementationPlan, Milestone, PlanStatus
from kpis.tests.factories import (
    ImplementationPlanFactory,
    ManagerFactory,
    MilestoneFactory,
    SnapshotFactory,
    TargetFactory,
)

TODAY = timezone.localdate()
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def manager(centre):
    return ManagerFactory(job_centre=centre, username="leder")


@pytest.fixture
def team_leader(centre):
    team = TeamFactory(job_centre=centre)
    return StaffFactory(job_centre=centre, team=team, role=Role.TEAM_LEADER, username="tl")


@pytest.fixture
def plan(centre):
    return ImplementationPlanFactory(job_centre=centre)


@pytest.fixture
def milestone(plan):
    return MilestoneFactory(plan=plan, title="Kick-off", due_on=TODAY - dt.timedelta(days=3))


# --- Services ----------------------------------------------------------------------------


def test_the_plan_is_made_on_first_save_and_then_changed(manager):
    centre = manager.job_centre
    assert implementation.implementation_plan_get(job_centre=centre) is None
    implementation.implementation_plan_save(
        actor=manager,
        job_centre=centre,
        project_leader="Peter Lykke Andersen ",
        steering_group="Peter\nSusanne",
        status=PlanStatus.UNDER_WAY,
    )
    implementation.implementation_plan_save(
        actor=manager, job_centre=centre, project_leader="Susanne Winther", status="anchored"
    )
    plan = ImplementationPlan.objects.get()
    assert (plan.project_leader, plan.status, plan.updated_by) == (
        "Susanne Winther",
        PlanStatus.ANCHORED,
        manager,
    )


def test_an_unknown_status_is_refused(manager):
    with pytest.raises(ValidationError):
        implementation.implementation_plan_save(
            actor=manager, job_centre=manager.job_centre, status="done"
        )


@pytest.mark.parametrize("role", [Role.TEAM_LEADER, Role.ADMINISTRATOR, Role.JOB_CONSULTANT])
def test_only_the_manager_keeps_the_plan(centre, role):
    user = StaffFactory(job_centre=centre, role=role)
    with pytest.raises(PermissionDenied):
        implementation.implementation_plan_save(actor=user, job_centre=centre)
    with pytest.raises(PermissionDenied):
        implementation.milestone_create(actor=user, job_centre=centre, title="X", due_on=TODAY)


def test_milestones_are_added_reached_reopened_and_deleted(manager):
    centre = manager.job_centre
    milestone = implementation.milestone_create(
        actor=manager, job_centre=centre, title="Kick-off", due_on=TODAY
    )
    assert milestone.plan.job_centre == centre  # the plan is made along with it
    implementation.milestone_done(actor=manager, milestone=milestone, done_on=TODAY)
    assert Milestone.objects.get().done_on == TODAY
    implementation.milestone_reopen(actor=manager, milestone=milestone)
    assert Milestone.objects.get().done_on is None
    implementation.milestone_delete(actor=manager, milestone=milestone)
    assert not Milestone.objects.exists()


def test_a_milestone_cannot_be_reached_in_the_future_or_be_blank(manager, milestone):
    with pytest.raises(ValidationError):
        implementation.milestone_done(
            actor=manager, milestone=milestone, done_on=TODAY + dt.timedelta(days=1)
        )
    with pytest.raises(ValidationError):
        implementation.milestone_create(
            actor=manager, job_centre=manager.job_centre, title="  ", due_on=TODAY
        )
    with pytest.raises(ValidationError):
        implementation.milestone_create(
            actor=manager, job_centre=manager.job_centre, title="X", due_on=dt.date(1999, 1, 1)
        )


def test_the_summary_names_the_next_milestone_not_reached(manager, plan, milestone):
    MilestoneFactory(plan=plan, title="Evaluering", due_on=TODAY + dt.timedelta(days=40))
    MilestoneFactory(plan=plan, title="Kursus", due_on=TODAY + dt.timedelta(days=10))
    implementation.milestone_done(actor=manager, milestone=milestone, done_on=TODAY)
    summary = implementation.plan_summary(job_centre=manager.job_centre)
    assert (summary.done, summary.total, summary.next_milestone.title) == (1, 3, "Kursus")


def test_another_centres_milestone_is_not_found(manager, other_centre):
    foreign = MilestoneFactory(plan=ImplementationPlanFactory(job_centre=other_centre))
    with pytest.raises(Http404):
        implementation.milestone_get(user=manager, pk=foreign.pk)


# --- Pages -------------------------------------------------------------------------------


def test_a_team_leader_sees_the_plan_and_the_targets_in_force_but_no_controls(
    client, team_leader, plan, milestone
):
    target = TargetFactory(
        job_centre=team_leader.job_centre,
        starts_on=TODAY - dt.timedelta(days=10),
        ends_on=TODAY + dt.timedelta(days=10),
    )
    SnapshotFactory(
        job_centre=target.job_centre, period_start=TODAY.replace(day=1), numerator=8, denominator=10
    )
    client.force_login(team_leader)
    response = client.get(reverse("kpis:implementation"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Peter Lykke Andersen" in html and "Kick-off" in html
    assert "80,0 %" in html  # the target in force with its result
    assert reverse("kpis:implementation_edit") not in html
    assert reverse("kpis:milestone_create") not in html
    assert client.get(reverse("kpis:implementation_edit")).status_code == 403
    done = client.post(reverse("kpis:milestone_done", args=[milestone.pk]), {"done_on": TODAY})
    assert done.status_code == 403
    assert client.post(reverse("kpis:milestone_delete", args=[milestone.pk])).status_code == 403


def test_a_job_consultant_is_refused(client, consultant, plan):
    client.force_login(consultant)
    assert client.get(reverse("kpis:implementation")).status_code == 403


def test_an_empty_plan_page_works(client, manager):
    client.force_login(manager)
    response = client.get(reverse("kpis:implementation"))
    assert response.status_code == 200
    assert reverse("kpis:implementation_edit") in response.content.decode()


def test_the_manager_writes_the_plan(client, manager):
    client.force_login(manager)
    assert client.get(reverse("kpis:implementation_edit")).status_code == 200
    response = client.post(
        reverse("kpis:implementation_edit"),
        {
            "project_leader": "Peter Lykke Andersen",
            "steering_group": "Peter Lykke Andersen\nSusanne Winther",
            "project_group": "Karina Lund Sørensen",
            "status": "under_way",
            "notes": "",
        },
    )
    assert response.status_code == 302
    plan = ImplementationPlan.objects.get()
    assert plan.project_leader == "Peter Lykke Andersen" and plan.status == "under_way"


def test_html_in_the_plan_is_refused(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("kpis:implementation_edit"),
        {"project_leader": "<b>Peter</b>", "status": "under_way"},
    )
    assert response.status_code == 400 and not ImplementationPlan.objects.exists()


def milestone_data(**kwargs) -> dict:
    data = {"title": "Evaluering", "due_on": TODAY.isoformat(), "submission_token": uuid.uuid4()}
    return {**data, **kwargs}


def test_a_milestone_is_added_without_javascript_once(client, manager):
    client.force_login(manager)
    data = milestone_data()
    first = client.post(reverse("kpis:milestone_create"), data)
    client.post(reverse("kpis:milestone_create"), data)
    assert first.status_code == 302 and first["Location"].endswith("#milestones")
    assert Milestone.objects.get().title == "Evaluering"


def test_a_milestone_is_added_with_htmx_and_the_section_comes_back(client, manager):
    client.force_login(manager)
    response = client.post(reverse("kpis:milestone_create"), milestone_data(), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="milestones"') and "Evaluering" in html
    assert "<h1" not in html


def test_a_blank_milestone_is_refused_and_keeps_the_date(client, manager):
    client.force_login(manager)
    response = client.post(reverse("kpis:milestone_create"), milestone_data(title=""), **HTMX)
    assert response.status_code == 400 and TODAY.isoformat() in response.content.decode()
    page = client.post(reverse("kpis:milestone_create"), milestone_data(title=""))
    assert page.status_code == 400 and "<h1" in page.content.decode()
    assert not Milestone.objects.exists()


def test_a_milestone_is_marked_reached_with_a_date_and_reopened(client, manager, milestone):
    client.force_login(manager)
    url = reverse("kpis:milestone_done", args=[milestone.pk])
    day = TODAY - dt.timedelta(days=1)
    response = client.post(url, {"done_on": day.isoformat()}, **HTMX)
    assert response.status_code == 200 and 'data-done="yes"' in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on == day
    response = client.post(reverse("kpis:milestone_reopen", args=[milestone.pk]))
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_a_future_date_is_refused(client, manager, milestone):
    client.force_login(manager)
    url = reverse("kpis:milestone_done", args=[milestone.pk])
    future = (TODAY + dt.timedelta(days=5)).isoformat()
    response = client.post(url, {"done_on": future}, **HTMX)
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_a_milestone_is_deleted_after_confirming(client, manager, milestone):
    client.force_login(manager)
    assert client.get(reverse("kpis:milestone_delete", args=[milestone.pk])).status_code == 200
    response = client.post(reverse("kpis:milestone_delete", args=[milestone.pk]))
    assert response.status_code == 302 and not Milestone.objects.exists()


def test_another_centres_milestone_is_404(client, other_centre, milestone):
    client.force_login(ManagerFactory(job_centre=other_centre))
    url = reverse("kpis:milestone_done", args=[milestone.pk])
    assert client.post(url, {"done_on": TODAY.isoformat()}).status_code == 404
    assert client.post(reverse("kpis:milestone_delete", args=[milestone.pk])).status_code == 404
    assert Milestone.objects.exists()
