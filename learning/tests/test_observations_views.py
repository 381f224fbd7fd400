"""Observation pages: the list, the request, the observation's page and its transitions, the
feedback form; who reaches what (other team, other centre, citizen, anonymous), the bad input of
the issue, and that no page shows the citizen. Pages are read in English (the language
cookie), so the assertions hold whatever the Danish translation says."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from booking.models import Booking
from learning.models import ConsentMethod, Observation, ObservationStatus
from learning.selectors.observations import home_observations
from learning.selectors.team_setup import feedback_questions_of, techniques_of
from learning.services import observations as services
from learning.tests.factories import conversation_of, team_with_members

pytestmark = pytest.mark.django_db

LIST = reverse("learning:observations")
CREATE = reverse("learning:observation_create")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def team():
    return team_with_members(consultants=3)


@pytest.fixture
def leader(team):
    return team[1]


@pytest.fixture
def observed(team):
    return team[2][0]


@pytest.fixture
def colleague(team):
    return team[2][1]


@pytest.fixture
def booking(observed):
    return conversation_of(observed, start=timezone.now() + timedelta(days=2))


@pytest.fixture
def requested(observed, booking, leader):
    return services.observation_request(
        observed=observed, booking=booking, observer=leader, message="Se på min kontrakt"
    )


@pytest.fixture
def accepted(requested, leader):
    return services.observation_accept(observation=requested, actor=leader)


@pytest.fixture
def consented(accepted, observed):
    return services.observation_consent(
        observation=accepted, actor=observed, method=ConsentMethod.ORAL, confirmed=True
    )


def url(name, observation):
    return reverse(f"learning:{name}", args=[observation.pk])


def body(response) -> str:
    return response.content.decode()


def move_to_the_past(booking, *, started_minutes_ago=30, length=45):
    """Moves the conversation so that it began `started_minutes_ago` minutes ago."""
    start = timezone.now() - timedelta(minutes=started_minutes_ago)
    Booking.objects.filter(pk=booking.pk).update(
        start=start,
        end=start + timedelta(minutes=length),
        blocked_until=start + timedelta(minutes=length + 15),
    )


def no_citizen(page: str, booking) -> None:
    citizen = booking.citizen
    for text in (citizen.user.name, citizen.cpr, citizen.mobile, citizen.user.email):
        assert text not in page


# The list


def test_the_list_shows_both_sides_with_the_next_step_and_the_counts(
    english, requested, observed, leader
):
    english.force_login(observed)
    page = body(english.get(LIST))
    assert 'id="observed"' in page and 'id="observing"' in page
    assert url("observation", requested) in page and leader.name in page
    assert "Waiting for your colleague to answer" in page
    assert 'data-count="given"' in page and 'data-count="received"' in page
    no_citizen(page, requested.booking)
    english.force_login(leader)
    page = body(english.get(LIST))
    assert "Accept or decline" in page and observed.name in page
    no_citizen(page, requested.booking)


@pytest.mark.parametrize("name", ["observations", "observation_create"])
def test_only_consultants_and_team_leaders_with_a_team_use_the_pages(client, observed, name):
    path = reverse(f"learning:{name}")
    assert client.get(path).status_code == 302  # anonymous: to the login
    citizen = conversation_of(observed).citizen.user
    business = StaffFactory(job_centre=observed.job_centre, role=Role.BUSINESS_CONSULTANT)
    no_team = StaffFactory(job_centre=observed.job_centre, team=None)
    for user in (citizen, business, no_team):
        client.force_login(user)
        assert client.get(path).status_code == 403, user.role
    client.force_login(observed)
    assert client.get(path).status_code == 200


# The request


def test_the_request_form_offers_my_coming_conversations_and_my_colleagues(
    english, observed, colleague, leader, booking
):
    past = conversation_of(observed, start=timezone.now() - timedelta(days=1))
    theirs = conversation_of(colleague, start=timezone.now() + timedelta(days=1))
    elsewhere = team_with_members(consultants=1)[2][0]
    english.force_login(observed)
    page = body(english.get(CREATE))
    assert str(booking.public_id) in page
    assert str(past.public_id) not in page and str(theirs.public_id) not in page
    assert page.index(leader.name) < page.index(colleague.name)
    assert elsewhere.name not in page
    assert booking.topic.name in page and "By phone" in page
    for b in (booking, past, theirs):
        no_citizen(page, b)
    technique = techniques_of(team=observed.team).first()
    assert technique.name in page


def _request_data(booking, observer, **changes):
    data = {
        "submission_token": str(uuid.uuid4()),
        "booking": str(booking.public_id),
        "observer": str(observer.pk),
        "technique": "",
        "message": "Se på, hvordan jeg laver kontrakt",
    }
    data.update(changes)
    return data


def test_a_request_is_made_once_on_a_double_click(english, observed, leader, booking):
    technique = techniques_of(team=observed.team).first()
    english.force_login(observed)
    data = _request_data(booking, leader, technique=str(technique.pk))
    first = english.post(CREATE, data)
    observation = Observation.objects.get()
    assert first.status_code == 302 and first.url == url("observation", observation)
    second = english.post(CREATE, data)
    assert second.status_code == 302 and second.url == first.url
    assert Observation.objects.count() == 1
    assert observation.technique == technique and observation.observer == leader


@pytest.mark.parametrize("which", ["past", "theirs", "other_centre_observer", "myself"])
def test_a_bad_request_says_why_and_saves_nothing(
    english, observed, colleague, leader, booking, which
):
    data = {
        "past": lambda: _request_data(
            conversation_of(observed, start=timezone.now() - timedelta(hours=1)), leader
        ),
        "theirs": lambda: _request_data(
            conversation_of(colleague, start=timezone.now() + timedelta(days=1)), leader
        ),
        "other_centre_observer": lambda: _request_data(
            booking, team_with_members(consultants=0)[1]
        ),
        "myself": lambda: _request_data(booking, observed),
    }[which]()
    english.force_login(observed)
    response = english.post(CREATE, data)
    assert response.status_code == 400
    page = body(response)
    assert "There is a problem" in page
    assert "Please choose" in page
    assert "Se på, hvordan jeg laver kontrakt" in page  # what was typed is kept
    assert not Observation.objects.exists()


def test_without_coming_conversations_the_page_says_so(english, colleague):
    english.force_login(colleague)
    page = body(english.get(CREATE))
    assert "You have no booked conversations" in page and 'name="booking"' not in page


# The observation's page


def test_the_observer_sees_where_to_go_and_nothing_of_the_citizen(english, requested, leader):
    english.force_login(leader)
    response = english.get(url("observation", requested))
    assert response.status_code == 200
    page = body(response)
    booking = requested.booking
    assert booking.room.name in page and booking.room.location in page
    assert booking.topic.name in page and "Se på min kontrakt" in page
    assert url("observation_accept", requested) in page
    no_citizen(page, booking)


def test_only_the_two_reach_the_observation(client, requested, observed, leader, colleague):
    path = url("observation", requested)
    assert client.get(path).status_code == 302
    other_centre = team_with_members(consultants=1)[2][0]
    citizen = requested.booking.citizen.user
    for user, status in (
        (observed, 200),
        (leader, 200),
        (colleague, 404),
        (other_centre, 404),
        (citizen, 404),
    ):
        client.force_login(user)
        assert client.get(path).status_code == status, user
    for name in (
        "observation_accept",
        "observation_decline",
        "observation_cancel",
        "observation_consent",
        "observation_acknowledge",
        "observation_feedback",
    ):
        for user in (colleague, other_centre, citizen):
            client.force_login(user)
            assert client.post(url(name, requested)).status_code == 404, (name, user)
    requested.refresh_from_db()
    assert requested.status == ObservationStatus.REQUESTED


def test_the_observer_accepts_and_the_observed_may_not(client, requested, observed, leader):
    client.force_login(observed)
    assert client.post(url("observation_accept", requested)).status_code == 403
    client.force_login(leader)
    assert client.get(url("observation_accept", requested)).status_code == 405
    response = client.post(url("observation_accept", requested))
    assert response.status_code == 302 and response.url == url("observation", requested)
    requested.refresh_from_db()
    assert requested.status == ObservationStatus.ACCEPTED


def test_declining_without_a_reason_is_refused(english, requested, leader):
    english.force_login(leader)
    response = english.post(url("observation_decline", requested), {"decline-reason": ""})
    assert response.status_code == 400 and "There is a problem" in body(response)
    requested.refresh_from_db()
    assert requested.status == ObservationStatus.REQUESTED
    english.post(url("observation_decline", requested), {"decline-reason": "Syg"})
    requested.refresh_from_db()
    assert requested.status == ObservationStatus.DECLINED and requested.decline_reason == "Syg"


def test_the_observed_records_consent_with_the_confirmation(english, accepted, observed, leader):
    path = url("observation_consent", accepted)
    english.force_login(leader)
    assert (
        english.post(path, {"consent-method": "oral", "consent-confirmed": "on"}).status_code == 403
    )
    english.force_login(observed)
    page = body(english.get(url("observation", accepted)))
    assert 'id="consent"' in page and "consent-confirmed" in page
    response = english.post(path, {"consent-method": "oral"})
    assert response.status_code == 400
    assert "Please confirm that the citizen has said yes." in body(response)
    accepted.refresh_from_db()
    assert accepted.consent_at is None
    response = english.post(path, {"consent-method": "written", "consent-confirmed": "on"})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.consent_method == ConsentMethod.WRITTEN and accepted.consent_at


def test_consent_after_the_conversation_ended_is_refused(english, accepted, observed):
    move_to_the_past(accepted.booking, started_minutes_ago=120)
    english.force_login(observed)
    page = body(english.get(url("observation", accepted)))
    assert 'id="consent"' not in page
    response = english.post(
        url("observation_consent", accepted), {"consent-method": "oral", "consent-confirmed": "on"}
    )
    assert response.status_code == 400
    assert "before the conversation ends" in body(response)
    accepted.refresh_from_db()
    assert accepted.consent_at is None


def test_the_citizen_said_no(english, accepted, observed):
    english.force_login(observed)
    response = english.post(url("observation_cancel", accepted), {"cancel-citizen_said_no": "on"})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == ObservationStatus.CANCELLED
    assert accepted.decline_reason == "Borgeren sagde nej"


# Feedback


def test_feedback_without_consent_is_refused_with_a_message_and_nothing_saved(
    english, accepted, leader
):
    move_to_the_past(accepted.booking)
    path = url("observation_feedback", accepted)
    english.force_login(leader)
    response = english.get(path)
    page = body(response)
    assert response.status_code == 200
    assert "consent is not recorded" in page and 'id="feedback-form"' not in page
    response = english.post(
        path,
        {"submission_token": str(uuid.uuid4()), "went_well": "Godt", "try_next": "Prøv"},
    )
    assert response.status_code == 400
    assert "consent is not recorded" in body(response)
    accepted.refresh_from_db()
    assert accepted.feedback_at is None and accepted.went_well == ""


def test_feedback_before_the_conversation_has_begun_is_refused(english, consented, leader):
    english.force_login(leader)
    page = body(english.get(url("observation_feedback", consented)))
    assert "once the conversation has begun" in page and 'id="feedback-form"' not in page


def test_feedback_by_someone_who_is_not_the_observer(client, consented, observed, colleague):
    move_to_the_past(consented.booking)
    path = url("observation_feedback", consented)
    data = {"submission_token": str(uuid.uuid4()), "went_well": "x", "try_next": "y"}
    client.force_login(observed)
    assert client.get(path).status_code == 403
    assert client.post(path, data).status_code == 403
    client.force_login(colleague)
    assert client.post(path, data).status_code == 404
    consented.refresh_from_db()
    assert consented.feedback_at is None


def test_the_observer_gives_feedback_with_the_template_once(english, consented, leader, observed):
    move_to_the_past(consented.booking)
    questions = list(feedback_questions_of(team=observed.team))
    path = url("observation_feedback", consented)
    english.force_login(leader)
    page = body(english.get(path))
    assert 'id="feedback-form"' in page
    for question in questions:
        assert f'name="question_{question.pk}"' in page
    assert "One thing that went well" in page and "One thing to try next time" in page
    no_citizen(page, consented.booking)

    data = {
        "submission_token": str(uuid.uuid4()),
        f"question_{questions[0].pk}": "I lavede en tydelig kontrakt.",
        "went_well": "Du spurgte nysgerrigt.",
        "try_next": "Lad borgeren opsummere.",
    }
    missing = english.post(path, {**data, "try_next": ""})
    assert missing.status_code == 400 and "I lavede en tydelig kontrakt." in body(missing)
    consented.refresh_from_db()
    assert consented.feedback_at is None

    first = english.post(path, data)
    assert first.status_code == 302
    again = english.post(path, data)  # a double click: the same form token
    assert again.status_code == 302 and again.url == first.url
    consented.refresh_from_db()
    assert consented.status == ObservationStatus.FEEDBACK_GIVEN
    assert consented.answers[0] == {
        "question": questions[0].text,
        "answer": "I lavede en tydelig kontrakt.",
    }
    assert [a["question"] for a in consented.answers] == [q.text for q in questions]

    other_tab = english.post(path, {**data, "submission_token": str(uuid.uuid4())})
    assert other_tab.status_code == 400 and "already been given" in body(other_tab)
    assert english.get(path).status_code == 302  # read on the observation's page from now on


def test_the_observed_reads_and_acknowledges(english, consented, leader, observed):
    move_to_the_past(consented.booking)
    services.observation_feedback(
        observation=consented,
        actor=leader,
        answers=[services.Answer("Kontrakt?", "Fin kontrakt")],
        went_well="Du lyttede.",
        try_next="Brug Joblog.",
    )
    english.force_login(leader)
    assert english.post(url("observation_acknowledge", consented)).status_code == 403
    english.force_login(observed)
    page = body(english.get(url("observation", consented)))
    assert "Du lyttede." in page and "Fin kontrakt" in page and 'id="acknowledge"' in page
    response = english.post(url("observation_acknowledge", consented), {"ack-thoughts": "Tak!"})
    assert response.status_code == 302
    consented.refresh_from_db()
    assert consented.status == ObservationStatus.ACKNOWLEDGED
    assert consented.acknowledgement == "Tak!"
    page = body(english.get(url("observation", consented)))
    assert "Tak!" in page and 'id="acknowledge"' not in page


def test_the_home_partial_shows_what_waits_and_links_to_it(requested, observed, leader):
    with translation.override("en"):
        context = home_observations(user=leader, today=timezone.localdate())
        html = render_to_string("learning/observations/_home.html", {**context, "user": leader})
        assert url("observation", requested) + "#answer" in html and observed.name in html
        no_citizen(html, requested.booking)
        context = home_observations(user=observed, today=timezone.localdate())
        html = render_to_string("learning/observations/_home.html", {**context, "user": observed})
        assert "Nothing waits for you." in html
        citizen = requested.booking.citizen.user
        context = home_observations(user=citizen, today=timezone.localdate())
        assert render_to_string("learning/observations/_home.html", context).strip() == ""
