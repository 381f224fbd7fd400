"""The citizen answers on the web; the consultant finds that answer nowhere; leaders see it only
inside an aggregate of 5 or more. Pages are read in English (the language switch's cookie) so
the assertions hold whatever the Danish translation says."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking.models import Status
from evaluations.models import Evaluation, EvaluationReceipt
from evaluations.rules import EVALUATION_DAYS
from evaluations.tests.conftest import held_booking
from evaluations.tests.factories import EvaluationFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("evaluations:overview")
HOME = reverse("dashboard:home")
QUESTION = "How did this conversation work for you today?"
SECRET = "Konsulenten kiggede kun på sin skærm"


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def give_url(booking):
    return reverse("evaluations:give", args=[booking.public_id])


def page(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_citizen_sees_the_question_for_their_own_conversation(english, booking):
    body = page(english, booking.citizen.user, give_url(booking))
    assert QUESTION in body
    assert "Min jobsøgning" in body
    assert booking.start.strftime("%B").lower() in body.lower()
    assert "1 - not good at all" in body and "10 - very good" in body
    assert body.count('type="radio"') == 10 and "<fieldset" in body and "<legend" in body
    assert "Would you like to say more?" in body
    assert "Your consultant never sees your answer." in body
    assert "csrfmiddlewaretoken" in body


def test_the_citizen_answers_and_is_thanked(english, booking):
    english.force_login(booking.citizen.user)
    response = english.post(give_url(booking), {"score": "9", "words": SECRET})
    assert response.status_code == 302 and response.url == give_url(booking)
    body = english.get(give_url(booking)).content.decode()
    assert "Thank you for your answer" in body and QUESTION not in body
    assert SECRET not in body  # not even the citizen's own answer is shown back
    evaluation = Evaluation.objects.get()
    assert (evaluation.score, evaluation.words) == (9, SECRET)
    assert evaluation.team == booking.consultant.team


def test_a_second_answer_is_thanked_and_saves_nothing(english, booking):
    english.force_login(booking.citizen.user)
    english.post(give_url(booking), {"score": "9"})
    response = english.post(give_url(booking), {"score": "2", "words": "igen"})
    assert response.status_code == 200
    assert "You have already answered. Thank you!" in response.content.decode()
    assert list(Evaluation.objects.values_list("score", flat=True)) == [9]


def test_errors_keep_the_words_and_save_nothing(english, booking):
    english.force_login(booking.citizen.user)
    response = english.post(give_url(booking), {"words": "Min konsulent lyttede"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and "Choose a number from 1 to 10." in body
    assert 'href="#id_score_0"' in body
    assert "Min konsulent lyttede" in body
    response = english.post(give_url(booking), {"score": "5", "words": "<b>hej</b>"})
    assert response.status_code == 400
    assert "&lt;b&gt;hej&lt;/b&gt;" in response.content.decode()
    response = english.post(give_url(booking), {"score": "11"})
    assert response.status_code == 400
    assert not Evaluation.objects.exists() and not EvaluationReceipt.objects.exists()


def test_another_citizens_conversation_is_not_found(client, booking, other_citizen):
    client.force_login(other_citizen.user)
    assert client.get(give_url(booking)).status_code == 404
    assert client.post(give_url(booking), {"score": "1"}).status_code == 404
    assert not Evaluation.objects.exists()


def test_staff_may_not_answer_for_the_citizen(client, booking, consultant, leader):
    for user in (consultant, leader):
        client.force_login(user)
        assert client.get(give_url(booking)).status_code == 403
        assert client.post(give_url(booking), {"score": "10"}).status_code == 403
    assert not Evaluation.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, booking):
    response = client.get(give_url(booking))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_a_conversation_not_held_is_explained(english, citizen, consultant_in_team, today):
    no_show = held_booking(
        citizen, consultant_in_team, day=today - timedelta(days=1), status=Status.NO_SHOW
    )
    body = page(english, citizen.user, give_url(no_show))
    assert "This conversation cannot be evaluated" in body
    assert "has not been registered as held" in body and 'type="radio"' not in body
    response = english.post(give_url(no_show), {"score": "8"})
    assert response.status_code == 403
    assert not Evaluation.objects.exists()


def test_a_conversation_too_long_ago_is_explained(english, citizen, consultant_in_team, today):
    old = held_booking(citizen, consultant_in_team, day=today - timedelta(days=EVALUATION_DAYS + 1))
    body = page(english, citizen.user, give_url(old))
    assert f"for {EVALUATION_DAYS} days after it was held" in body
    assert english.post(give_url(old), {"score": "8"}).status_code == 403


def test_the_form_needs_the_csrf_token(booking):
    client = Client(enforce_csrf_checks=True)
    client.force_login(booking.citizen.user)
    assert client.post(give_url(booking), {"score": "8"}).status_code == 403
    assert not Evaluation.objects.exists()


def test_the_citizens_home_page_and_list_ask_until_answered(english, booking):
    home = page(english, booking.citizen.user, HOME)
    assert "How did your conversation go?" in home and give_url(booking) in home
    listing = page(english, booking.citizen.user, reverse("booking:list"))
    assert "Evaluate the conversation" in listing and give_url(booking) in listing
    english.post(give_url(booking), {"score": "7"})
    assert give_url(booking) not in page(english, booking.citizen.user, HOME)
    assert give_url(booking) not in page(english, booking.citizen.user, reverse("booking:list"))


def test_the_consultant_finds_the_answer_nowhere(client, booking, consultant_in_team):
    client.force_login(booking.citizen.user)
    client.post(give_url(booking), {"score": "2", "words": SECRET})
    assert Evaluation.objects.filter(words=SECRET).exists()
    consultant = consultant_in_team
    day = booking.start.date().isoformat()
    for url, params in [
        (HOME, {}),
        (reverse("booking:calendar_day"), {"dag": day}),
        (reverse("booking:calendar_week"), {"uge": day}),
        (reverse("booking:staff_detail", args=[booking.public_id]), {}),
        (reverse("booking:citizen_bookings", args=[booking.citizen.public_id]), {}),
        (reverse("citizens:detail", args=[booking.citizen.public_id]), {}),
    ]:
        body = page(client, consultant, url, **params)
        assert SECRET not in body, url
        assert give_url(booking) not in body, url
    assert client.get(OVERVIEW).status_code == 403


def test_the_team_leader_sees_the_answer_only_among_five(english, booking, leader, centre, team):
    english.force_login(booking.citizen.user)
    english.post(give_url(booking), {"score": "3", "words": SECRET})
    for _ in range(3):
        EvaluationFactory(job_centre=centre, team=team, score=9)
    body = page(english, leader, OVERVIEW)
    assert "&lt; 5 answers" in body and SECRET not in body
    assert "We only show figures that rest on at least 5 answers" in body
    assert "<caption>" in body and 'scope="row"' in body and 'scope="col"' in body
    home = page(english, leader, HOME)
    assert "&lt; 5 answers" in home and SECRET not in home

    EvaluationFactory(job_centre=centre, team=team, score=10)
    body = page(english, leader, OVERVIEW)
    assert "&lt; 5 answers" not in body
    assert "8,0" in body or "8.0" in body  # (3 + 9 + 9 + 9 + 10) / 5
    assert "80 %" in body
    # The words wait until the week has ended: within it they would point at one evening.
    assert SECRET not in body and "this week's comments come later" in body
    next_week = timezone.now() + timedelta(days=7)
    with time_machine.travel(next_week, tick=False):
        assert SECRET in page(english, leader, OVERVIEW)
        assert SECRET not in page(english, leader, HOME)  # the home page has figures only


def test_the_period_can_be_chosen(english, leader, centre, team, consultant_in_team, today):
    for _ in range(5):
        EvaluationFactory(job_centre=centre, team=team, answered_on=today - timedelta(days=100))
    assert "&lt; 5 answers" not in page(english, leader, OVERVIEW, days="365")
    assert "No answers yet" in page(english, leader, OVERVIEW)  # 90 days
    assert "No answers yet" in page(english, leader, OVERVIEW, days="7")  # not a choice


def test_the_manager_sees_the_card_and_the_menu_entry(english, manager):
    home = page(english, manager, HOME)
    assert "Citizens' evaluations, the last 90 days" in home and OVERVIEW in home
    assert OVERVIEW in page(english, manager, OVERVIEW)


def test_only_leaders_have_the_menu_entry(client, consultant, leader, citizen):
    for user, expected in ((leader, True), (consultant, False), (citizen.user, False)):
        client.force_login(user)
        urls = [item["url"] for item in client.get(HOME).context["nav_items"]]
        assert (OVERVIEW in urls) is expected, user.role
