"""The self-check: private answers, the team's count only, the focus-area pick."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from learning.models import SELF_CHECK_FOCUS, FocusArea, KnowledgeAnswer, KnowledgeQuestion
from learning.selectors.selfcheck import own_questions, picked_as_focus, team_progress
from learning.services.selfcheck import knowledge_answers_save
from learning.tests.factories import LearningMeetingFactory, team_with_members

pytestmark = pytest.mark.django_db
URL = reverse("learning:selfcheck")


@pytest.fixture
def team():
    return team_with_members(3)


def all_six(text="Lager og transport mangler folk"):
    return {q.value: f"{text} ({q.value})" for q in KnowledgeQuestion}


def test_answers_are_saved_and_saving_twice_changes_nothing(team):
    _, _, (karina, *_) = team
    assert knowledge_answers_save(consultant=karina, answers=all_six()) == 6
    assert knowledge_answers_save(consultant=karina, answers=all_six()) == 0
    assert KnowledgeAnswer.objects.filter(consultant=karina).count() == 6


def test_an_unknown_question_is_refused(team):
    with pytest.raises(ValueError, match="Not a self-check question"):
        knowledge_answers_save(consultant=team[2][0], answers={"salary": "høj"})


def test_the_team_sees_a_count_of_who_answered_all_six_never_more(team):
    _, _leader, (karina, jonas, _) = team
    knowledge_answers_save(consultant=karina, answers=all_six())
    knowledge_answers_save(consultant=jonas, answers={KnowledgeQuestion.CULTURE: "Rå tone"})
    progress = team_progress(team_id=karina.team_id)
    assert (progress.done, progress.members) == (1, 4)  # three consultants and the leader


def test_an_answer_emptied_no_longer_counts(team):
    karina = team[2][0]
    knowledge_answers_save(consultant=karina, answers=all_six())
    knowledge_answers_save(consultant=karina, answers={KnowledgeQuestion.DEMAND: "   "})
    assert team_progress(team_id=karina.team_id).done == 0


def test_the_page_shows_only_the_own_answers(client, team):
    _, leader, (karina, _jonas, _) = team
    knowledge_answers_save(consultant=karina, answers=all_six("Karinas hemmelige svar"))
    client.force_login(leader)
    body = client.get(URL).content.decode()
    assert "Karinas hemmelige svar" not in body
    assert "1 of 4" in body or "1 af 4" in body
    client.force_login(karina)
    assert "Karinas hemmelige svar" in client.get(URL).content.decode()


def test_each_question_links_to_where_jobsamtale_shows_it(client, team):
    client.force_login(team[2][0])
    body = client.get(URL).content.decode()
    for name in ("labour:board", "labour:wheel", "occupations:balance", "labour:companies"):
        assert f'href="{reverse(name)}"' in body


def test_posting_saves_and_hostile_input_saves_nothing(client, team):
    karina = team[2][0]
    client.force_login(karina)
    response = client.post(URL, all_six())
    assert response.status_code == 302
    assert own_questions(user=karina)[0].answer.startswith("Lager og transport")
    bad = {KnowledgeQuestion.SHORTAGE: "nul\x00byte", KnowledgeQuestion.DEMAND: "x" * 10_000}
    response = client.post(URL, bad)
    assert response.status_code == 400
    assert own_questions(user=karina)[1].answer.startswith("Lager og transport")


@pytest.mark.parametrize("role", [Role.BUSINESS_CONSULTANT, Role.MANAGER, Role.ADMINISTRATOR])
def test_only_learners_take_the_self_check(client, role):
    client.force_login(StaffFactory(role=role))
    assert client.get(URL).status_code == 403


def test_a_consultant_without_a_team_is_refused(client):
    client.force_login(StaffFactory(role=Role.JOB_CONSULTANT, team=None))
    assert client.get(URL).status_code == 403


def test_a_learning_group_can_pick_it_as_a_focus_area(team):
    meeting = LearningMeetingFactory(team=team[0], facilitator=team[1])
    assert not picked_as_focus(team_id=team[0].pk)
    with translation.override("da"):
        FocusArea.objects.create(meeting=meeting, text=str(SELF_CHECK_FOCUS).upper())
        assert picked_as_focus(team_id=team[0].pk)
