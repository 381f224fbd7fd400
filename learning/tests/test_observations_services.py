"""The observation's transitions: who may take each, when, and what the database refuses by
itself (feedback without consent, acknowledging nothing, observing oneself, asking the same
colleague twice)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import CitizenUserFactory, StaffFactory
from booking.models import Status as BookingStatus
from centres.tests.factories import TeamFactory
from learning.models import ConsentMethod, Observation, ObservationStatus
from learning.selectors.team_setup import techniques_of
from learning.services import observations as services
from learning.services.observations import Answer
from learning.tests.factories import (
    ObservationFactory,
    TechniqueFactory,
    conversation_of,
    team_with_members,
)
from notifications.models import Notification


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are matched by their English source text."""
    with override("en"):
        yield


pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


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
def booking(observed, now):
    return conversation_of(observed, start=now + timedelta(days=2))


def request(observed, booking, observer, **kwargs):
    return services.observation_request(
        observed=observed, booking=booking, observer=observer, **kwargs
    )


@pytest.fixture
def requested(observed, booking, leader):
    return request(observed, booking, leader, message="Hvordan laver jeg kontrakt?")


@pytest.fixture
def accepted(requested, leader):
    return services.observation_accept(observation=requested, actor=leader)


@pytest.fixture
def consented(accepted, observed):
    return services.observation_consent(
        observation=accepted, actor=observed, method=ConsentMethod.ORAL, confirmed=True
    )


def after_start(observation):
    return observation.booking.start + timedelta(minutes=50)


def give_feedback(observation, actor, **changes):
    values = {
        "answers": [Answer("Kontrakt og opstart?", "Klar dagsorden."), Answer("Status?", "")],
        "went_well": "Du lod borgeren sætte dagsordenen.",
        "try_next": "Lad borgeren selv opsummere til sidst.",
        "now": after_start(observation),
    }
    values.update(changes)
    return services.observation_feedback(observation=observation, actor=actor, **values)


# Request


def test_a_consultant_asks_the_team_leader_and_the_leader_is_told_without_the_citizen(
    observed, booking, leader
):
    technique = techniques_of(team=observed.team).first()
    observation = request(observed, booking, leader, technique=technique, message="Kontrakt")
    assert observation.status == ObservationStatus.REQUESTED
    assert (observation.observed, observation.observer) == (observed, leader)
    assert observation.technique == technique and observation.message == "Kontrakt"
    notice = Notification.objects.get(recipient=leader)
    assert notice.key == f"learning:observation:{observation.pk}:requested"
    assert booking.topic.name in notice.body and observed.name in notice.body
    citizen = booking.citizen
    for text in (citizen.user.name, citizen.cpr, citizen.mobile):
        assert text not in notice.body and text not in notice.subject


@pytest.mark.parametrize(
    "when, status",
    [
        (-timedelta(hours=1), BookingStatus.BOOKED),
        (timedelta(days=2), BookingStatus.CANCELLED_BY_CITIZEN),
        (timedelta(weeks=7), BookingStatus.BOOKED),
    ],
    ids=["past", "cancelled", "too-far-ahead"],
)
def test_only_a_coming_booked_conversation_within_six_weeks(observed, leader, now, when, status):
    booking = conversation_of(observed, start=now + when, status=status)
    with pytest.raises(ValidationError) as error:
        request(observed, booking, leader, now=now)
    assert "booking" in error.value.message_dict
    assert not Observation.objects.exists() and not Notification.objects.exists()


def test_not_another_consultants_conversation(observed, colleague, leader, now):
    theirs = conversation_of(colleague, start=now + timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        request(observed, theirs, leader)
    assert "booking" in error.value.message_dict
    assert not Observation.objects.exists()


def test_the_observer_is_a_learner_of_the_same_centre_and_not_oneself(observed, booking):
    elsewhere = team_with_members(consultants=1)[2][0]
    no_team = StaffFactory(job_centre=observed.job_centre, team=None)
    business = StaffFactory(
        job_centre=observed.job_centre, team=observed.team, role=Role.BUSINESS_CONSULTANT
    )
    gone = StaffFactory(job_centre=observed.job_centre, team=observed.team, is_active=False)
    citizen = CitizenUserFactory(job_centre=observed.job_centre)
    for observer in (observed, elsewhere, no_team, business, gone, citizen):
        with pytest.raises(ValidationError) as error:
            request(observed, booking, observer)
        assert "observer" in error.value.message_dict, observer
    assert not Observation.objects.exists()


def test_a_colleague_of_another_team_in_the_centre_may_observe(observed, booking):
    other_team = TeamFactory(job_centre=observed.job_centre)
    other = StaffFactory(job_centre=observed.job_centre, team=other_team)
    assert request(observed, booking, other).observer == other


def test_the_technique_is_one_of_the_teams_active_ones(observed, booking, leader):
    foreign = TechniqueFactory()
    retired = TechniqueFactory(team=observed.team, active=False)
    for technique in (foreign, retired):
        with pytest.raises(ValidationError) as error:
            request(observed, booking, leader, technique=technique)
        assert "technique" in error.value.message_dict


def test_the_same_colleague_is_asked_once_while_it_is_open(requested, observed, booking, leader):
    with pytest.raises(ValidationError) as error:
        request(observed, booking, leader)
    assert "observer" in error.value.message_dict
    services.observation_decline(observation=requested, actor=leader, reason="Ferie")
    assert request(observed, booking, leader).status == ObservationStatus.REQUESTED
    assert Observation.objects.count() == 2


def test_a_citizen_or_someone_without_a_team_cannot_ask(booking, leader):
    citizen_user = booking.citizen.user
    with pytest.raises(PermissionDenied):
        request(citizen_user, booking, leader)


# Answer


def test_only_the_observer_accepts_and_accepting_twice_is_harmless(requested, observed, leader):
    with pytest.raises(PermissionDenied):
        services.observation_accept(observation=requested, actor=observed)
    services.observation_accept(observation=requested, actor=leader)
    services.observation_accept(observation=requested, actor=leader)
    requested.refresh_from_db()
    assert requested.status == ObservationStatus.ACCEPTED and requested.answered_at
    assert Notification.objects.filter(recipient=observed, key__endswith=":accepted").count() == 1


def test_a_request_is_not_accepted_once_the_conversation_has_begun(requested, leader):
    with pytest.raises(ValidationError):
        services.observation_accept(observation=requested, actor=leader, now=after_start(requested))
    requested.refresh_from_db()
    assert requested.status == ObservationStatus.REQUESTED


def test_declining_needs_a_reason_and_tells_the_observed(requested, observed, leader):
    with pytest.raises(ValidationError) as error:
        services.observation_decline(observation=requested, actor=leader, reason="  ")
    assert "reason" in error.value.message_dict
    services.observation_decline(observation=requested, actor=leader, reason="Jeg er på kursus")
    requested.refresh_from_db()
    assert requested.status == ObservationStatus.DECLINED
    assert requested.decline_reason == "Jeg er på kursus"
    assert Notification.objects.filter(recipient=observed, key__endswith=":declined").exists()


def test_the_observed_cancels_and_the_citizen_may_say_no(accepted, observed, leader):
    with pytest.raises(PermissionDenied):
        services.observation_cancel(observation=accepted, actor=leader)
    services.observation_cancel(observation=accepted, actor=observed, citizen_said_no=True)
    accepted.refresh_from_db()
    assert accepted.status == ObservationStatus.CANCELLED
    assert accepted.decline_reason == services.CITIZEN_SAID_NO == "Borgeren sagde nej"
    assert Notification.objects.filter(recipient=leader, key__endswith=":cancelled").exists()


def test_feedback_given_cannot_be_cancelled(consented, observed, leader):
    give_feedback(consented, leader)
    with pytest.raises(ValidationError):
        services.observation_cancel(observation=consented, actor=observed, reason="Fortrudt")
    consented.refresh_from_db()
    assert consented.status == ObservationStatus.FEEDBACK_GIVEN


# Consent


def test_consent_is_recorded_by_the_observed_once_accepted(accepted, observed, leader):
    with pytest.raises(PermissionDenied):
        services.observation_consent(
            observation=accepted, actor=leader, method=ConsentMethod.ORAL, confirmed=True
        )
    services.observation_consent(
        observation=accepted, actor=observed, method=ConsentMethod.WRITTEN, confirmed=True
    )
    accepted.refresh_from_db()
    assert accepted.consent_at and accepted.consent_recorded_by == observed
    assert accepted.consent_method == ConsentMethod.WRITTEN
    first = accepted.consent_at
    services.observation_consent(
        observation=accepted, actor=observed, method=ConsentMethod.ORAL, confirmed=True
    )
    accepted.refresh_from_db()
    assert accepted.consent_at == first and accepted.consent_method == ConsentMethod.WRITTEN


def test_consent_waits_for_the_observer_to_accept(requested, observed):
    with pytest.raises(ValidationError):
        services.observation_consent(
            observation=requested, actor=observed, method=ConsentMethod.ORAL, confirmed=True
        )
    requested.refresh_from_db()
    assert requested.consent_at is None


def test_consent_is_refused_after_the_conversation_ended(accepted, observed):
    ended = accepted.booking.end + timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        services.observation_consent(
            observation=accepted,
            actor=observed,
            method=ConsentMethod.ORAL,
            confirmed=True,
            now=ended,
        )
    assert "before the conversation ends" in error.value.messages[0]
    accepted.refresh_from_db()
    assert accepted.consent_at is None


def test_consent_during_the_conversation_is_allowed(accepted, observed):
    services.observation_consent(
        observation=accepted,
        actor=observed,
        method=ConsentMethod.ORAL,
        confirmed=True,
        now=after_start(accepted) - timedelta(minutes=45),
    )
    assert accepted.consent_at is not None


def test_consent_needs_the_confirmation_and_a_method(accepted, observed):
    with pytest.raises(ValidationError) as error:
        services.observation_consent(
            observation=accepted, actor=observed, method="shrug", confirmed=False
        )
    assert set(error.value.message_dict) == {"method", "confirmed"}
    accepted.refresh_from_db()
    assert accepted.consent_at is None


# Feedback


def test_feedback_without_consent_is_refused_with_a_clear_message(accepted, leader):
    with pytest.raises(ValidationError) as error:
        give_feedback(accepted, leader)
    assert "consent is not recorded" in error.value.messages[0]
    accepted.refresh_from_db()
    assert accepted.feedback_at is None and accepted.went_well == "" and accepted.answers == []
    assert not Notification.objects.filter(key__endswith=":feedback").exists()


def test_feedback_waits_until_the_conversation_has_begun(consented, leader):
    with pytest.raises(ValidationError) as error:
        give_feedback(consented, leader, now=consented.booking.start - timedelta(minutes=5))
    assert "has begun" in error.value.messages[0]


def test_feedback_on_a_conversation_that_did_not_take_place_is_refused(consented, leader):
    booking = consented.booking
    booking.status = BookingStatus.NO_SHOW
    booking.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        give_feedback(consented, leader)
    consented.refresh_from_db()
    assert consented.feedback_at is None


def test_only_the_observer_gives_feedback(consented, observed, colleague):
    for actor in (observed, colleague):
        with pytest.raises(PermissionDenied):
            give_feedback(consented, actor)
    consented.refresh_from_db()
    assert consented.feedback_at is None


def test_feedback_keeps_the_questions_as_asked_and_tells_the_observed(consented, observed, leader):
    give_feedback(consented, leader)
    consented.refresh_from_db()
    assert consented.status == ObservationStatus.FEEDBACK_GIVEN
    assert consented.answers == [
        {"question": "Kontrakt og opstart?", "answer": "Klar dagsorden."},
        {"question": "Status?", "answer": ""},
    ]
    assert consented.went_well.startswith("Du lod") and consented.try_next.startswith("Lad")
    notice = Notification.objects.get(recipient=observed, key__endswith=":feedback")
    assert leader.name in notice.subject
    assert consented.booking.citizen.user.name not in notice.body


def test_the_two_fixed_questions_are_required(consented, leader):
    with pytest.raises(ValidationError) as error:
        give_feedback(consented, leader, went_well=" ", try_next="")
    assert set(error.value.message_dict) == {"went_well", "try_next"}
    consented.refresh_from_db()
    assert consented.feedback_at is None


def test_feedback_is_given_once(consented, leader):
    give_feedback(consented, leader)
    with pytest.raises(ValidationError) as error:
        give_feedback(consented, leader, went_well="Noget andet")
    assert "already been given" in error.value.messages[0]
    consented.refresh_from_db()
    assert consented.went_well.startswith("Du lod")


# Acknowledge


def test_the_observed_acknowledges_the_feedback_with_thoughts(consented, observed, leader):
    with pytest.raises(ValidationError):
        services.observation_acknowledge(observation=consented, actor=observed)
    give_feedback(consented, leader)
    with pytest.raises(PermissionDenied):
        services.observation_acknowledge(observation=consented, actor=leader)
    services.observation_acknowledge(
        observation=consented, actor=observed, thoughts="Jeg prøver det i morgen."
    )
    services.observation_acknowledge(observation=consented, actor=observed, thoughts="Igen")
    consented.refresh_from_db()
    assert consented.status == ObservationStatus.ACKNOWLEDGED and consented.acknowledged_at
    assert consented.acknowledgement == "Jeg prøver det i morgen."


# What the database refuses by itself


def _refused(**changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.filter(pk=changes.pop("pk")).update(**changes)


def test_the_database_refuses_feedback_without_consent(accepted, now):
    _refused(
        pk=accepted.pk,
        feedback_at=now,
        went_well="x",
        try_next="y",
        status=ObservationStatus.FEEDBACK_GIVEN,
    )
    accepted.refresh_from_db()
    assert accepted.feedback_at is None


def test_the_database_refuses_feedback_text_before_feedback(accepted):
    _refused(pk=accepted.pk, went_well="Godt")


def test_the_database_refuses_an_acknowledgement_without_feedback(consented, now):
    _refused(pk=consented.pk, acknowledged_at=now)


def test_the_database_refuses_observing_oneself(booking, observed):
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(booking=booking, observer=observed)


def test_the_database_refuses_the_same_observer_twice_while_open(requested, booking, leader):
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(booking=booking, observer=leader)
    ObservationFactory(booking=booking, observer=leader, status=ObservationStatus.DECLINED)
