import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from citizens.tests.factories import CitizenFactory
from learning.models import LogbookEntry, Technique
from learning.selectors.team_setup import techniques_of
from learning.tests.factories import LogbookEntryFactory, held_conversation_of, team_with_members

pytestmark = pytest.mark.django_db


def t(text: str) -> str:
    """The page's words in Danish (the English msgid until the catalogue has them)."""
    with override("da"):
        return _(text)


@pytest.fixture
def team():
    return team_with_members(2)


@pytest.fixture
def karina(team):
    return team[2][0]


@pytest.fixture
def jonas(team):
    return team[2][1]


@pytest.fixture
def leader(team):
    return team[1]


@pytest.fixture
def other_team_member(karina):
    return team_with_members(1, job_centre=karina.job_centre)[2][0]


@pytest.fixture
def other_centre_member():
    return team_with_members(1)[2][0]


def as_user(client, user):
    client.force_login(user)
    return client


def entry_urls(entry) -> dict[str, str]:
    return {
        name: reverse(f"learning:{name}", args=[entry.pk])
        for name in ("logbook_entry", "logbook_entry_edit", "logbook_entry_delete")
    }


def quick_add(today, **data) -> dict:
    form = {
        "date": today.isoformat(),
        "score": "7",
        "what_happened": "Jeg lavede kontrakt.",
        "submission_token": str(uuid.uuid4()),
    }
    return form | data


LOGBOOK = reverse("learning:logbook")
SHARED = reverse("learning:logbook_shared")


def test_the_logbook_is_for_consultants_and_team_leaders_of_a_team(client, team, karina, leader):
    assert as_user(client, karina).get(LOGBOOK).status_code == 200
    assert as_user(client, leader).get(LOGBOOK).status_code == 200
    centre = karina.job_centre
    for user in (
        StaffFactory(job_centre=centre),  # no team
        StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, team=team[0]),
        StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR),
        StaffFactory(job_centre=centre, role=Role.MANAGER),
        CitizenFactory(job_centre=centre).user,
    ):
        response = as_user(client, user).get(LOGBOOK)
        assert response.status_code == 403, user.role
        assert as_user(client, user).get(SHARED).status_code == 403
    client.logout()
    assert client.get(LOGBOOK).status_code == 302


def test_the_quick_add_writes_a_private_entry_with_todays_date_offered(client, karina):
    today = timezone.localdate()
    page = as_user(client, karina).get(LOGBOOK).content.decode()
    assert f'value="{today.isoformat()}"' in page
    assert t("The conversation was a 6: what makes the next one an 8?") in page
    technique = techniques_of(team=karina.team).first()
    response = client.post(LOGBOOK, quick_add(today, technique=technique.pk))
    entry = LogbookEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LOGBOOK}#indlaeg-{entry.pk}"
    assert (entry.consultant, entry.technique, entry.score, entry.shared) == (
        karina,
        technique,
        7,
        False,
    )


def test_a_double_submit_writes_one_entry(client, karina):
    data = quick_add(timezone.localdate())
    as_user(client, karina).post(LOGBOOK, data)
    response = client.post(LOGBOOK, data)
    assert response.status_code == 302
    assert LogbookEntry.objects.count() == 1


@pytest.mark.parametrize("score", ["0", "11", ""])
def test_a_score_outside_1_to_10_gets_a_danish_message_and_saves_nothing(client, karina, score):
    data = quick_add(timezone.localdate(), score=score, reflection="Mit eget ord")
    response = as_user(client, karina).post(LOGBOOK, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert t("Choose a number from 1 to 10.") == "Vælg et tal fra 1 til 10."
    assert "Vælg et tal fra 1 til 10." in page
    assert "Mit eget ord" in page  # nothing the user typed is lost
    assert not LogbookEntry.objects.exists()


def test_a_technique_of_another_team_is_refused(client, karina, other_team_member):
    theirs = techniques_of(team=other_team_member.team).first()
    data = quick_add(timezone.localdate(), technique=theirs.pk)
    response = as_user(client, karina).post(LOGBOOK, data)
    assert response.status_code == 400
    assert not LogbookEntry.objects.exists()


def test_the_logbook_never_shows_the_citizens_name(client, karina, jonas):
    name = "Bodil Hemmeligsen"
    linked = held_conversation_of(karina, days_ago=2, citizen__user__name=name)
    held_conversation_of(karina, days_ago=1, citizen__user__name=name)  # offered in the form
    entry = LogbookEntryFactory(consultant=karina, booking=linked, shared=True)
    as_user(client, karina)
    for url in (LOGBOOK, SHARED, *entry_urls(entry).values()):
        page = client.get(url).content.decode()
        assert name not in page and "Bodil" not in page, url
        assert linked.topic.name in page or url.endswith("slet/"), url
    page = as_user(client, jonas).get(reverse("learning:logbook_entry", args=[entry.pk]))
    assert name not in page.content.decode()


def test_another_consultants_private_entry_is_not_found(client, karina, jonas, leader):
    entry = LogbookEntryFactory(consultant=jonas)
    share = reverse("learning:logbook_entry_share", args=[entry.pk])
    for user in (karina, leader):
        as_user(client, user)
        for url in entry_urls(entry).values():
            assert client.get(url).status_code == 404, url
            assert client.post(url).status_code == 404, url
        assert client.post(share, {"shared": "1"}).status_code == 404
    entry.refresh_from_db()
    assert not entry.shared


def test_a_shared_entry_is_read_by_the_team_but_only_the_writer_changes_it(
    client, karina, jonas, leader, other_team_member, other_centre_member
):
    entry = LogbookEntryFactory(consultant=jonas, shared=True, reflection="Del med gruppen")
    urls = entry_urls(entry)
    share = reverse("learning:logbook_entry_share", args=[entry.pk])
    for user in (karina, leader):
        as_user(client, user)
        page = client.get(urls["logbook_entry"])
        assert page.status_code == 200
        assert "Del med gruppen" in page.content.decode()
        assert jonas.name in page.content.decode()
        assert urls["logbook_entry_edit"] not in page.content.decode()
        assert client.get(urls["logbook_entry_edit"]).status_code == 403
        assert client.post(urls["logbook_entry_delete"]).status_code == 403
        assert client.post(share, {"shared": "0"}).status_code == 403
    for user in (other_team_member, other_centre_member):
        as_user(client, user)
        assert client.get(urls["logbook_entry"]).status_code == 404
        assert "Del med gruppen" not in client.get(SHARED).content.decode()
    assert LogbookEntry.objects.filter(pk=entry.pk, shared=True).exists()


def test_the_shared_list_names_the_writers_and_leaves_out_private_entries(client, karina, jonas):
    LogbookEntryFactory(consultant=jonas, shared=True, what_happened="Delt af Jonas")
    LogbookEntryFactory(consultant=karina, shared=True, what_happened="Delt af mig")
    LogbookEntryFactory(consultant=jonas, what_happened="Privat for Jonas")
    page = as_user(client, karina).get(SHARED).content.decode()
    assert "Delt af Jonas" in page and "Delt af mig" in page and jonas.name in page
    assert "Privat for Jonas" not in page


def test_the_writer_edits_an_entry(client, karina):
    entry = LogbookEntryFactory(consultant=karina)
    url = reverse("learning:logbook_entry_edit", args=[entry.pk])
    as_user(client, karina)
    assert client.get(url).status_code == 200
    data = {"date": entry.date.isoformat(), "score": "9", "next_step": "Timeout", "shared": "on"}
    response = client.post(url, data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.score, entry.next_step, entry.shared, entry.reflection) == (
        9,
        "Timeout",
        True,
        "",
    )
    response = client.post(url, data | {"score": "11"})
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.score == 9


def test_deleting_asks_first(client, karina):
    entry = LogbookEntryFactory(consultant=karina)
    url = reverse("learning:logbook_entry_delete", args=[entry.pk])
    as_user(client, karina)
    response = client.get(url)
    assert response.status_code == 200
    assert LogbookEntry.objects.exists()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == LOGBOOK
    assert not LogbookEntry.objects.exists()


def test_sharing_works_with_and_without_script(client, karina):
    entry = LogbookEntryFactory(consultant=karina)
    url = reverse("learning:logbook_entry_share", args=[entry.pk])
    as_user(client, karina)
    response = client.post(url, {"shared": "1", "next": LOGBOOK})
    assert response.status_code == 302
    assert response["Location"] == f"{LOGBOOK}#deling-{entry.pk}"
    entry.refresh_from_db()
    assert entry.shared
    response = client.post(url, {"shared": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="deling-{entry.pk}"' in page and "<html" not in page
    assert t("Share with the learning group") in page
    entry.refresh_from_db()
    assert not entry.shared
    response = client.post(url, {"shared": "1", "next": "https://evil.example/"})
    detail = reverse("learning:logbook_entry", args=[entry.pk])
    assert response["Location"] == f"{detail}#deling-{entry.pk}"


def test_the_list_filters_by_technique_and_period(client, karina):
    today = timezone.localdate()
    kontrakt, spejling = list(techniques_of(team=karina.team))[0::2][:2]
    LogbookEntryFactory(consultant=karina, technique=kontrakt, what_happened="Om kontrakt")
    LogbookEntryFactory(
        consultant=karina,
        technique=spejling,
        what_happened="Om spejling",
        date=today - timedelta(days=20),
    )
    as_user(client, karina)
    page = client.get(LOGBOOK, {"teknik": kontrakt.pk}).content.decode()
    assert "Om kontrakt" in page and "Om spejling" not in page
    since = (today - timedelta(days=30)).isoformat()
    until = (today - timedelta(days=10)).isoformat()
    page = client.get(LOGBOOK, {"fra": since, "til": until}).content.decode()
    assert "Om kontrakt" not in page and "Om spejling" in page


def test_the_logbook_shows_the_average_and_the_teams_techniques(client, karina):
    LogbookEntryFactory(consultant=karina, score=6)
    LogbookEntryFactory(consultant=karina, score=7)
    page = as_user(client, karina).get(LOGBOOK).content.decode()
    assert "6,5" in page
    kontrakt = techniques_of(team=karina.team).first()
    assert kontrakt.description in page
    assert reverse("learning:techniques") not in page  # consultants read, not edit


def test_a_retired_technique_is_not_offered_for_new_entries(client, karina, leader):
    kontrakt = techniques_of(team=karina.team).first()
    Technique.objects.filter(pk=kontrakt.pk).update(active=False)
    page = as_user(client, karina).get(LOGBOOK).content.decode()
    add_form = page.split('id="add-heading"')[1].split("</form>")[0]
    assert f'<option value="{kontrakt.pk}"' not in add_form
    assert f'<option value="{kontrakt.pk + 1}"' in add_form


def test_the_journal_pages_self_rating_goes_to_the_logbook(client, karina):
    booking = held_conversation_of(karina, days_ago=0)
    technique = techniques_of(team=karina.team).first()
    journal = reverse("conversations:journal", args=[booking.public_id])
    rate = reverse("conversations:self_rating", args=[booking.public_id])
    as_user(client, karina)
    page = client.get(journal).content.decode()
    assert f'<option value="{technique.pk}"' in page
    data = {"selv-score": "6", "selv-technique": technique.pk, "selv-next_step": "Kontrakt"}
    assert client.post(rate, data).status_code == 302
    assert client.post(rate, data | {"selv-score": "8"}).status_code == 302
    entry = LogbookEntry.objects.get()
    assert (entry.score, entry.technique, entry.from_guide) == (8, technique, True)
    page = client.get(journal).content.decode()
    assert reverse("learning:logbook_entry", args=[entry.pk]) in page
    assert client.get(LOGBOOK).content.decode().count(f'id="indlaeg-{entry.pk}"') == 1


def test_home_partial_renders_the_counts(client, karina):
    from django.template.loader import render_to_string

    from learning.selectors.logbook import home_logbook

    LogbookEntryFactory(consultant=karina)
    context = home_logbook(user=karina, today=timezone.localdate())
    html = render_to_string("learning/logbook/_home.html", context)
    assert f"{LOGBOOK}#skriv" in html
    assert not render_to_string("learning/logbook/_home.html", {"logbook_may_write": False}).strip()


# The team leader's techniques and feedback template.

TECHNIQUES = reverse("learning:techniques")


def test_the_techniques_page_is_the_team_leaders(client, team, karina, leader):
    page = as_user(client, leader).get(TECHNIQUES)
    assert page.status_code == 200
    assert "Nysgerrige spørgsmål" in page.content.decode()  # the defaults on the first view
    assert as_user(client, karina).get(TECHNIQUES).status_code == 403
    business = StaffFactory(
        job_centre=karina.job_centre, role=Role.BUSINESS_CONSULTANT, team=team[0]
    )
    assert as_user(client, business).get(TECHNIQUES).status_code == 403
    assert TECHNIQUES in as_user(client, leader).get(LOGBOOK).content.decode()


def test_the_team_leader_adds_renames_moves_and_retires(client, leader):
    as_user(client, leader)
    client.get(TECHNIQUES)
    data = {"ny-teknik-name": "Pauser", "ny-teknik-submission_token": str(uuid.uuid4())}
    add = reverse("learning:technique_add")
    assert client.post(add, data).status_code == 302
    assert client.post(add, data).status_code == 302
    technique = Technique.objects.get(name="Pauser")
    edit = reverse("learning:technique_edit", args=[technique.pk])
    prefix = f"teknik-{technique.pk}"
    response = client.post(edit, {f"{prefix}-name": "Kontrakt", f"{prefix}-description": ""})
    assert response.status_code == 400
    response = client.post(edit, {f"{prefix}-name": "Stilhed", f"{prefix}-description": "Tål det"})
    assert response.status_code == 302
    move = reverse("learning:technique_move", args=[technique.pk])
    assert client.post(move, {"direction": "op"}).status_code == 302
    names = list(techniques_of(team=leader.team).values_list("name", flat=True))
    assert names[-2:] == ["Stilhed", "Skift mellem myndighed og vejleder"]
    active = reverse("learning:technique_active", args=[technique.pk])
    assert client.post(active, {"active": "0"}).status_code == 302
    technique.refresh_from_db()
    assert not technique.active and technique.name == "Stilhed"
    assert "Stilhed" in client.get(TECHNIQUES).content.decode()  # shown as retired


def test_the_feedback_template_is_edited_on_the_same_page(client, leader):
    as_user(client, leader)
    client.get(TECHNIQUES)
    add = reverse("learning:feedback_question_add")
    data = {"nyt-spoergsmaal-text": "Hvad gjorde borgeren?", "nyt-spoergsmaal-submission_token": ""}
    assert client.post(add, data).status_code == 400
    data["nyt-spoergsmaal-submission_token"] = str(uuid.uuid4())
    assert client.post(add, data).status_code == 302
    question = leader.team.feedback_questions.get(text="Hvad gjorde borgeren?")
    for name, post in (
        ("feedback_question_move", {"direction": "op"}),
        ("feedback_question_active", {"active": "0"}),
        ("feedback_question_edit", {f"spoergsmaal-{question.pk}-text": "Hvad sagde borgeren?"}),
    ):
        assert client.post(reverse(f"learning:{name}", args=[question.pk]), post).status_code == 302
    question.refresh_from_db()
    assert (question.text, question.active) == ("Hvad sagde borgeren?", False)


def test_another_teams_technique_is_not_found_and_a_consultant_is_refused(
    client, karina, leader, other_team_member
):
    theirs = techniques_of(team=other_team_member.team).first()
    ours = techniques_of(team=karina.team).first()
    as_user(client, leader)
    for name in ("technique_edit", "technique_move", "technique_active"):
        assert client.post(reverse(f"learning:{name}", args=[theirs.pk])).status_code == 404
    as_user(client, karina)
    for name in ("technique_edit", "technique_move", "technique_active"):
        url = reverse(f"learning:{name}", args=[ours.pk])
        assert client.post(url, {"active": "0", "direction": "op"}).status_code == 403
    ours.refresh_from_db()
    assert ours.active and ours.position == 1
