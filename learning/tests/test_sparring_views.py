"""The sparring pages: who reaches what, the team leader's create/edit and programme, bringing
and removing citizens, and the privacy rule: colleagues see a pseudonym, never the name. Pages
are read in English (the language cookie) unless the test is about the Danish message."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Subject
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory
from common.models import Submission
from courses.models import Status
from courses.tests.factories import CourseFactory
from learning.forms.sparring import CaseAddForm
from learning.models import ProgrammeItem, SparringCase, SparringEvent, SparringKind
from learning.services import sparring as services
from learning.services.sparring import EventTerms
from learning.tests.factories import team_with_members

pytestmark = pytest.mark.django_db

LIST = reverse("learning:sparring")
CREATE = reverse("learning:sparring_create")
CITIZEN_NAME = "Zakarias Testborger"


def t(text: str) -> str:
    with override("da"):
        return _(text)


def body(response) -> str:
    return response.content.decode()


def url(name, *args):
    return reverse(f"learning:{name}", args=args)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def people():
    team, leader, members = team_with_members(consultants=3)
    return team, leader, members


@pytest.fixture
def week(people, today):
    team, leader, _members = people
    return services.sparring_event_create(
        team=team,
        created_by=leader,
        kind=SparringKind.WEEK,
        terms=EventTerms(
            title="Uge 39",
            starts_on=today,
            ends_on=today + timedelta(days=4),
            goal_count=4,
        ),
    )


def own_citizen(consultant, **kwargs):
    return CitizenFactory(
        job_centre=consultant.job_centre, responsible_consultant=consultant, **kwargs
    )


def bring(event, consultant, citizen, question="Praktik i detail?"):
    return services.sparring_case_add(
        event=event, consultant=consultant, citizen=citizen, question=question
    )


def as_user(client, user):
    client.force_login(user)
    return client


# Who reaches what


def test_the_team_sees_the_list_with_goal_and_result(english, people, week):
    _team, leader, members = people
    for user in (leader, members[0]):
        response = as_user(english, user).get(LIST)
        assert response.status_code == 200
        assert week.title in body(response)
    assert f'href="{CREATE}"' in body(as_user(english, leader).get(LIST))
    assert f'href="{CREATE}"' not in body(as_user(english, members[0]).get(LIST))


def test_another_team_does_not_see_the_event(english, people, week, other_centre):
    team = people[0]
    _, same_centre_leader, _ = team_with_members(consultants=1, job_centre=team.job_centre)
    _, far_leader, (far_consultant,) = team_with_members(consultants=1, job_centre=other_centre)
    citizen = CitizenFactory(job_centre=team.job_centre)
    detail = url("sparring_event", week.pk)
    for user in (same_centre_leader, far_leader, far_consultant, citizen.user):
        client = as_user(english, user)
        assert client.get(detail).status_code == 404, user
        assert client.get(url("sparring_edit", week.pk)).status_code == 404
        assert client.get(url("sparring_case_add", week.pk)).status_code == 404
    assert week.title not in body(as_user(english, same_centre_leader).get(LIST))


def test_citizens_staff_without_a_team_and_anonymous_are_kept_out(client, people, week):
    team = people[0]
    citizen = CitizenFactory(job_centre=team.job_centre)
    no_team = StaffFactory(job_centre=team.job_centre)
    manager = StaffFactory(job_centre=team.job_centre, role=Role.MANAGER)
    for user in (citizen.user, no_team, manager):
        as_user(client, user)
        assert client.get(LIST).status_code == 403
        assert client.get(CREATE).status_code == 403
    client.logout()
    for path in (LIST, CREATE, url("sparring_event", week.pk)):
        response = client.get(path)
        assert response.status_code == 302 and "log-ind" in response["Location"]


def test_consultants_do_not_create_or_change_events(english, people, week):
    consultant = people[2][0]
    client = as_user(english, consultant)
    assert client.get(CREATE).status_code == 403
    assert client.get(url("sparring_edit", week.pk)).status_code == 403
    item = week.programme.first()
    assert (
        client.post(url("sparring_programme_done", week.pk, item.pk), {"done": "1"}).status_code
        == 403
    )
    assert client.post(url("sparring_programme_remove", week.pk, item.pk)).status_code == 403
    assert not ProgrammeItem.objects.filter(done=True).exists()
    assert week.programme.count() == 9


def test_the_team_leader_does_not_bring_citizens(english, people, week):
    leader = people[1]
    assert as_user(english, leader).get(url("sparring_case_add", week.pk)).status_code == 403


# Creating and changing


def create_data(**changes):
    data = {
        "submission_token": str(uuid.uuid4()),
        "kind": SparringKind.WEEK,
        "title": "",
        "starts_on": "2026-09-23",
        "ends_on": "",
        "goal_count": "6",
        "purpose": "Flere borgere i virksomhedsrettede forløb.",
    }
    data.update(changes)
    return data


def test_the_team_leader_creates_a_week_once_with_its_programme(english, people):
    team, leader, _members = people
    client = as_user(english, leader)
    assert client.get(CREATE).status_code == 200
    data = create_data()
    response = client.post(CREATE, data)
    event = SparringEvent.objects.get()
    assert response.status_code == 302 and response["Location"] == url("sparring_event", event.pk)
    assert (event.team, event.created_by, event.goal_count) == (team, leader, 6)
    assert str(event.starts_on) == "2026-09-21" and str(event.ends_on) == "2026-09-25"
    assert event.programme.count() == 9
    again = client.post(CREATE, data)  # a double click
    assert again.status_code == 302 and SparringEvent.objects.count() == 1


def test_a_goal_beyond_what_the_team_can_bring_is_refused_in_danish(client, people):
    leader = people[1]
    response = as_user(client, leader).post(CREATE, create_data(goal_count="10", title="Min uge"))
    assert response.status_code == 400
    message = t(
        "The goal cannot be more than the %(most)s citizens the team's consultants can bring "
        "(%(each)s each)."
    ) % {"most": 9, "each": 3}
    assert message.replace("'", "&#39;") in body(response)
    assert 'value="Min uge"' in body(response)  # nothing typed is lost
    assert not SparringEvent.objects.exists() and not Submission.objects.exists()


def test_a_goal_of_zero_is_refused(english, people):
    response = as_user(english, people[1]).post(CREATE, create_data(goal_count="0"))
    assert response.status_code == 400 and not SparringEvent.objects.exists()


def test_the_team_leader_changes_the_goal(english, people, week):
    leader = people[1]
    client = as_user(english, leader)
    assert client.get(url("sparring_edit", week.pk)).status_code == 200
    data = {
        "title": "Uge 39",
        "starts_on": week.starts_on.isoformat(),
        "ends_on": week.ends_on.isoformat(),
        "goal_count": "7",
        "purpose": "",
    }
    assert client.post(url("sparring_edit", week.pk), data).status_code == 302
    week.refresh_from_db()
    assert week.goal_count == 7
    data["goal_count"] = "12"
    assert client.post(url("sparring_edit", week.pk), data).status_code == 400
    week.refresh_from_db()
    assert week.goal_count == 7


# The programme


def test_the_programme_is_ticked_added_and_removed_without_javascript(english, people, week):
    client = as_user(english, people[1])
    item = week.programme.first()
    response = client.post(url("sparring_programme_done", week.pk, item.pk), {"done": "1"})
    assert response.status_code == 302 and response["Location"].endswith("#programme")
    item.refresh_from_db()
    assert item.done
    response = client.post(
        url("sparring_programme_add", week.pk),
        {"day": week.ends_on.isoformat(), "title": "Fælles frokost"},
    )
    assert response.status_code == 302
    added = ProgrammeItem.objects.get(title="Fælles frokost")
    client.post(url("sparring_programme_remove", week.pk, added.pk))
    assert not ProgrammeItem.objects.filter(pk=added.pk).exists()


def test_the_programme_is_swapped_in_place_with_htmx(english, people, week):
    client = as_user(english, people[1])
    item = week.programme.first()
    response = client.post(
        url("sparring_programme_done", week.pk, item.pk), {"done": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = body(response)
    assert html.lstrip().startswith('<section id="programme"') and "<html" not in html
    assert f'data-item="{item.pk}" data-done="true"' in html
    bad = client.post(
        url("sparring_programme_add", week.pk),
        {"day": (week.ends_on + timedelta(days=3)).isoformat(), "title": "Uden for ugen"},
        HTTP_HX_REQUEST="true",
    )
    assert bad.status_code == 400 and 'id="programme"' in body(bad)
    assert "Uden for ugen" in body(bad)  # kept in the form
    assert not ProgrammeItem.objects.filter(title="Uden for ugen").exists()


def test_a_bad_programme_item_without_javascript_shows_the_page(english, people, week):
    response = as_user(english, people[1]).post(
        url("sparring_programme_add", week.pk), {"day": "", "title": ""}
    )
    assert response.status_code == 400 and "<h1>Uge 39</h1>" in body(response)


def test_an_item_of_another_event_is_not_found(english, people, week):
    team, leader, _members = people
    other = services.sparring_event_create(
        team=team,
        created_by=leader,
        kind=SparringKind.WEEK,
        terms=EventTerms(title="", starts_on=week.starts_on, ends_on=None, goal_count=1),
    )
    item = other.programme.first()
    response = as_user(english, leader).post(url("sparring_programme_remove", week.pk, item.pk))
    assert response.status_code == 404 and ProgrammeItem.objects.filter(pk=item.pk).exists()


# The event page and privacy


def test_colleagues_see_the_pseudonym_and_never_the_name(english, people, week):
    _team, leader, (mine, colleague, _third) = people
    citizen = own_citizen(mine, user__name=CITIZEN_NAME)
    case = bring(week, mine, citizen, question="Hvordan kommer hun i gang?")
    detail = url("sparring_event", week.pk)
    for viewer in (colleague, leader):
        html = body(as_user(english, viewer).get(detail))
        assert case.pseudonym in html and "Hvordan kommer hun i gang?" in html
        assert CITIZEN_NAME not in html and str(citizen.public_id) not in html
        assert citizen.cpr not in html and citizen.cpr[:6] not in html
    html = body(as_user(english, mine).get(detail))
    assert CITIZEN_NAME in html and 'id="mine"' in html
    assert reverse("citizens:detail", args=[citizen.public_id]) in html
    assert f"{reverse('courses:create')}?borger={citizen.public_id}" in html


def test_the_page_shows_the_result_from_the_course_agreements(english, people, week):
    _team, _leader, (mine, colleague, _third) = people
    a, b = own_citizen(mine), own_citizen(colleague)
    bring(week, mine, a)
    bring(week, colleague, b)
    CourseFactory(citizen=a, status=Status.APPROVED, approved_at=timezone.now())
    CourseFactory(citizen=b, status=Status.CANCELLED, approved_at=timezone.now())
    html = body(as_user(english, colleague).get(url("sparring_event", week.pk)))
    assert 'data-result="1" data-cases="2" data-goal="4" data-goal-met="false"' in html
    assert "1 of 2 citizens in a company-oriented course (goal: 4)" in html
    assert "data-goal-reached" not in html
    assert html.count("data-course") == 1  # a's course: kind only
    assert a.name not in html


def test_a_goal_met_is_shown_clearly(english, people, today):
    team, leader, (mine, _colleague, _third) = people
    session = services.sparring_event_create(
        team=team,
        created_by=leader,
        kind=SparringKind.SESSION,
        terms=EventTerms(title="", starts_on=today, ends_on=None, goal_count=1),
    )
    citizen = own_citizen(mine)
    bring(session, mine, citizen)
    CourseFactory(citizen=citizen, status=Status.APPROVED, approved_at=timezone.now())
    html = body(as_user(english, leader).get(url("sparring_event", session.pk)))
    assert 'data-goal-met="true"' in html and "data-goal-reached" in html
    assert "The goal is reached" in html


# Bringing and removing citizens


def test_a_consultant_brings_one_of_their_own_citizens(english, people, week):
    _team, _leader, (mine, colleague, _third) = people
    citizen = own_citizen(mine, user__name=CITIZEN_NAME)
    own_citizen(colleague, user__name="Ikke Minborger")
    client = as_user(english, mine)
    page = body(client.get(url("sparring_case_add", week.pk)))
    assert CITIZEN_NAME in page and "Ikke Minborger" not in page
    data = {
        "submission_token": str(uuid.uuid4()),
        "citizen": str(citizen.public_id),
        "question": "Praktik i detail?",
    }
    response = client.post(url("sparring_case_add", week.pk), data)
    assert response.status_code == 302 and response["Location"].endswith("#mine")
    case = SparringCase.objects.get()
    assert (case.citizen, case.consultant, case.pseudonym) == (citizen, mine, "Borger 1")
    assert LookupLog.objects.filter(citizen=citizen, subject=Subject.SPARRING).count() == 1
    client.post(url("sparring_case_add", week.pk), data)  # a double click
    assert SparringCase.objects.count() == 1


def test_a_fourth_citizen_is_refused_with_the_danish_message(client, people, week):
    mine = people[2][0]
    citizens = [own_citizen(mine) for _ in range(4)]
    for citizen in citizens[:3]:
        bring(week, mine, citizen)
    as_user(client, mine)
    response = client.post(
        url("sparring_case_add", week.pk),
        {"submission_token": str(uuid.uuid4()), "citizen": str(citizens[3].public_id)},
    )
    assert response.status_code == 400
    assert t("You can bring at most %(most)s citizens.") % {"most": 3} in body(response)
    assert SparringCase.objects.count() == 3
    assert not LookupLog.objects.filter(citizen=citizens[3]).exists()
    assert not Submission.objects.exists()
    page = client.get(url("sparring_event", week.pk))
    assert url("sparring_case_add", week.pk) not in body(page)


@pytest.mark.parametrize("whose", ["colleague", "other_centre"])
def test_a_citizen_of_someone_else_is_refused(english, people, week, other_centre, whose):
    _team, _leader, (mine, colleague, _third) = people
    if whose == "colleague":
        citizen = own_citizen(colleague)
    else:
        citizen = CitizenFactory(job_centre=other_centre, responsible_consultant=mine)
    response = as_user(english, mine).post(
        url("sparring_case_add", week.pk),
        {"submission_token": str(uuid.uuid4()), "citizen": str(citizen.public_id)},
    )
    assert response.status_code == 400
    assert not SparringCase.objects.exists() and not LookupLog.objects.exists()


def test_a_consultant_takes_their_own_citizen_off(english, people, week):
    _team, _leader, (mine, colleague, _third) = people
    case = bring(week, mine, own_citizen(mine))
    response = as_user(english, colleague).post(url("sparring_case_remove", week.pk, case.pk))
    assert response.status_code == 404 and SparringCase.objects.exists()
    response = as_user(english, mine).post(url("sparring_case_remove", week.pk, case.pk))
    assert response.status_code == 302 and not SparringCase.objects.exists()


def test_the_home_card_renders(people, week):
    from django.template.loader import render_to_string

    from learning.selectors.sparring import home_sparring

    mine = people[2][0]
    bring(week, mine, own_citizen(mine))
    html = render_to_string(
        "learning/sparring/_home.html",
        {"sparring": home_sparring(user=mine, today=week.starts_on)},
    )
    assert 'data-brought="1"' in html and url("sparring_event", week.pk) in html
    empty = render_to_string("learning/sparring/_home.html", {"sparring": {"event": None}})
    assert empty.strip() == ""


def test_the_event_page_does_not_grow_with_the_cases(english, people, week):
    _team, _leader, members = people
    bring(week, members[0], own_citizen(members[0]))
    client = as_user(english, members[0])
    detail = url("sparring_event", week.pk)
    with CaptureQueriesContext(connection) as few:
        client.get(detail)
    for member in members:
        for _n in range(2):
            citizen = own_citizen(member)
            bring(week, member, citizen)
            CourseFactory(
                citizen=citizen,
                status=Status.RUNNING,
                approved_at=timezone.now(),
                started_on=timezone.localdate() + timedelta(days=7),
            )
    with CaptureQueriesContext(connection) as many:
        client.get(detail)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_case_forms_citizens_are_listed_by_name(centre):
    citizen = CitizenFactory(job_centre=centre, user__name="Sofie Lund")
    field = CaseAddForm(citizens=Citizen.objects.filter(pk=citizen.pk)).fields["citizen"]
    assert field.label_from_instance(citizen) == "Sofie Lund"
    assert list(field.queryset) == [citizen]
