"""The team leader's editing of the team's techniques and feedback template (services)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learning.models import DEFAULT_FEEDBACK_QUESTIONS, DEFAULT_TECHNIQUES, Technique
from learning.selectors.team_setup import feedback_questions_of, techniques_of
from learning.services import techniques as services
from learning.tests.factories import LogbookEntryFactory, team_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return team_with_members(1)


def names(team) -> list[str]:
    return list(techniques_of(team=team).values_list("name", flat=True))


def test_a_team_starts_with_the_methods_techniques_and_questions(team):
    team_obj, _, _ = team
    assert names(team_obj) == [name for name, _ in DEFAULT_TECHNIQUES]
    texts = list(feedback_questions_of(team=team_obj).values_list("text", flat=True))
    assert texts == DEFAULT_FEEDBACK_QUESTIONS


def test_the_team_leader_adds_and_renames_a_technique(team):
    team_obj, leader, _ = team
    technique = services.technique_add(
        team=team_obj, actor=leader, name=" Stilhed ", description="Tål pauserne."
    )
    assert names(team_obj)[-1] == "Stilhed"
    services.technique_update(
        technique=technique, actor=leader, name="Pauser", description="Lad borgeren tænke."
    )
    technique.refresh_from_db()
    assert (technique.name, technique.description) == ("Pauser", "Lad borgeren tænke.")


def test_a_name_is_once_per_team_whatever_the_case(team):
    team_obj, leader, _ = team
    with pytest.raises(ValidationError) as refused:
        services.technique_add(team=team_obj, actor=leader, name="kontrakt")
    assert "name" in refused.value.message_dict
    spejling = techniques_of(team=team_obj).get(name="Spejling")
    with pytest.raises(ValidationError):
        services.technique_update(technique=spejling, actor=leader, name="TIMEOUT", description="")
    with pytest.raises(ValidationError):
        services.technique_add(team=team_obj, actor=leader, name="  ")
    assert len(names(team_obj)) == len(DEFAULT_TECHNIQUES)


def test_consultants_and_other_teams_leaders_may_not_edit(team):
    team_obj, _, (consultant,) = team
    _, other_leader, _ = team_with_members(0, job_centre=team_obj.job_centre)
    kontrakt = techniques_of(team=team_obj).first()
    for user in (consultant, other_leader):
        with pytest.raises(PermissionDenied):
            services.technique_add(team=team_obj, actor=user, name="Ny")
        with pytest.raises(PermissionDenied):
            services.technique_set_active(technique=kontrakt, actor=user, active=False)
        with pytest.raises(PermissionDenied):
            services.feedback_question_add(team=team_obj, actor=user, text="Nyt?")
    assert Technique.objects.get(pk=kontrakt.pk).active


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends(team):
    team_obj, leader, _ = team
    first, second = list(techniques_of(team=team_obj))[:2]
    services.technique_move(technique=second, actor=leader, up=True)
    assert names(team_obj)[:2] == [second.name, first.name]
    services.technique_move(technique=second, actor=leader, up=True)  # already first
    assert names(team_obj)[:2] == [second.name, first.name]
    services.technique_move(technique=second, actor=leader, up=False)
    assert names(team_obj)[:2] == [first.name, second.name]
    last = list(techniques_of(team=team_obj))[-1]
    services.technique_move(technique=last, actor=leader, up=False)
    assert names(team_obj)[-1] == last.name


def test_retiring_keeps_the_technique_on_old_entries_and_bringing_back_puts_it_last(team):
    team_obj, leader, (consultant,) = team
    kontrakt = techniques_of(team=team_obj).first()
    entry = LogbookEntryFactory(consultant=consultant, technique=kontrakt)
    services.technique_set_active(technique=kontrakt, actor=leader, active=False)
    assert "Kontrakt" not in names(team_obj)
    entry.refresh_from_db()
    assert entry.technique == kontrakt
    with pytest.raises(ValidationError):
        services.technique_move(technique=kontrakt, actor=leader, up=True)
    services.technique_set_active(technique=kontrakt, actor=leader, active=True)
    assert names(team_obj)[-1] == "Kontrakt"


def test_the_feedback_template_is_edited_the_same_way(team):
    team_obj, leader, _ = team
    question = services.feedback_question_add(
        team=team_obj, actor=leader, text="Hvad gjorde borgeren selv?"
    )
    services.feedback_question_move(question=question, actor=leader, up=True)
    texts = list(feedback_questions_of(team=team_obj).values_list("text", flat=True))
    assert texts[-2] == "Hvad gjorde borgeren selv?"
    services.feedback_question_update(question=question, actor=leader, text="Hvad sagde borgeren?")
    services.feedback_question_set_active(question=question, actor=leader, active=False)
    texts = list(feedback_questions_of(team=team_obj).values_list("text", flat=True))
    assert texts == DEFAULT_FEEDBACK_QUESTIONS
    all_texts = feedback_questions_of(team=team_obj, include_retired=True)
    assert all_texts.filter(text="Hvad sagde borgeren?", active=False).exists()
    with pytest.raises(ValidationError):
        services.feedback_question_update(question=question, actor=leader, text="<p>x</p>")
