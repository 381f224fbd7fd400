"""The citizen sees and answers only their own suggestions (htmx and without script); staff of
the citizen's job centre who follow the job search see them read-only, and the look is
logged; the home pages show what is to check and what was missed."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from joblog.models import JoblogEntry
from suggestions.models import Reason, Status, SuggestionRule
from suggestions.tests.factories import BatchFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(citizen):
    return BatchFactory(citizen=citizen)


@pytest.fixture
def suggestion(batch, nurse):
    return SuggestionFactory(
        batch=batch,
        opening__title="Sygeplejerske til akutmodtagelsen",
        opening__employer_name="Hvidovre Hospital",
        opening__postcode="2650",
        opening__town="Hvidovre",
        opening__url="https://job.example/akut",
        opening__description="Vi søger en <b>erfaren</b> sygeplejerske.",
        opening__occupation=nurse,
        distance_km=9,
    )


def test_the_citizen_sees_this_weeks_suggestions_with_the_deadline(client, citizen, suggestion):
    client.force_login(citizen.user)
    page = client.get(reverse("suggestions:own"))
    html = page.content.decode()
    assert page.status_code == 200
    for text in ("Sygeplejerske til akutmodtagelsen", "Hvidovre Hospital", "2650 Hvidovre"):
        assert text in html
    assert suggestion.why in html
    assert 'href="https://job.example/akut"' in html
    assert "&lt;b&gt;erfaren&lt;/b&gt;" in html
    assert reverse("suggestions:seen", args=[suggestion.pk]) in html
    assert reverse("suggestions:save", args=[suggestion.pk]) in html
    assert reverse("suggestions:not_relevant", args=[suggestion.pk]) in html
    assert f"batch-status-{suggestion.batch_id}" in html


def test_the_citizen_never_sees_another_citizens_suggestions(client, other_citizen, suggestion):
    client.force_login(other_citizen.user)
    page = client.get(reverse("suggestions:own"))
    assert page.status_code == 200
    assert "Sygeplejerske til akutmodtagelsen" not in page.content.decode()
    for name in ("seen", "not_relevant"):
        assert client.post(reverse(f"suggestions:{name}", args=[suggestion.pk])).status_code == 404
    assert client.get(reverse("suggestions:save", args=[suggestion.pk])).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW


def test_staff_have_no_own_suggestions_page(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("suggestions:own")).status_code == 403


def test_seen_without_script_redirects_back(client, citizen, suggestion):
    client.force_login(citizen.user)
    answer = client.post(reverse("suggestions:seen", args=[suggestion.pk]))
    assert answer.status_code == 302
    assert answer.url == f"{reverse('suggestions:own')}#forslag-{suggestion.pk}"
    suggestion.refresh_from_db()
    assert suggestion.status == Status.SEEN
    suggestion.batch.refresh_from_db()
    assert suggestion.batch.checked_at is not None


def test_not_relevant_with_htmx_swaps_the_suggestion_and_the_status(client, citizen, suggestion):
    client.force_login(citizen.user)
    prefix = f"s{suggestion.pk}"
    answer = client.post(
        reverse("suggestions:not_relevant", args=[suggestion.pk]),
        {f"{prefix}-reason": Reason.TOO_FAR, f"{prefix}-text": "For lang transporttid"},
        headers={"HX-Request": "true"},
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert f'id="forslag-{suggestion.pk}"' in html
    assert 'data-hx-swap-oob="true"' in html
    assert "For lang transporttid" in html
    assert "<html" not in html
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reason) == (Status.NOT_RELEVANT, Reason.TOO_FAR)


def test_not_relevant_without_a_reason_saves_nothing(client, citizen, suggestion):
    client.force_login(citizen.user)
    url = reverse("suggestions:not_relevant", args=[suggestion.pk])
    answer = client.post(url, {}, headers={"HX-Request": "true"})
    assert answer.status_code == 200 and "alert-error" in answer.content.decode()
    assert client.post(url, {}).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW


def test_save_in_joblog_prefills_and_links_the_entry(client, citizen, suggestion, nurse):
    client.force_login(citizen.user)
    url = reverse("suggestions:save", args=[suggestion.pk])
    page = client.get(url)
    form = page.context["form"]
    assert page.status_code == 200
    assert form["job_title"].value() == "Sygeplejerske til akutmodtagelsen"
    assert form["employer"].value() == "Hvidovre Hospital"
    assert (form["postcode"].value(), form["town"].value()) == ("2650", "Hvidovre")
    assert form["ad_url"].value() == "https://job.example/akut"
    assert form["occupation"].value() == nurse.pk
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["date"] = timezone.localdate().isoformat()
    data["occupation"] = nurse.title  # the field shows and takes the title
    saved = client.post(url, data)
    assert saved.status_code == 302
    again = client.post(url, data)  # a double click: one entry
    assert again.status_code == 302
    entry = JoblogEntry.objects.get(citizen=citizen)
    assert (entry.employer, entry.occupation) == ("Hvidovre Hospital", nurse)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.joblog_entry) == (Status.SAVED, entry)


def test_save_in_joblog_with_bad_input_keeps_what_was_typed(client, citizen, suggestion):
    client.force_login(citizen.user)
    url = reverse("suggestions:save", args=[suggestion.pk])
    form = client.get(url).context["form"]
    page = client.post(
        url,
        {
            "submission_token": form["submission_token"].value(),
            "employer": "Hvidovre Hospital",
            "date": "ikke en dato",
        },
    )
    assert page.status_code == 400
    assert "Hvidovre Hospital" in page.content.decode()
    assert not JoblogEntry.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW


def test_the_consultant_sees_the_citizens_suggestions_and_the_look_is_logged(
    client, consultant, citizen, suggestion
):
    client.force_login(consultant)
    page = client.get(reverse("suggestions:citizen", args=[citizen.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sygeplejerske til akutmodtagelsen" in html
    assert (
        "data-hx-post" not in html and reverse("suggestions:seen", args=[suggestion.pk]) not in html
    )
    log = LookupLog.objects.get()
    assert (log.actor, log.citizen, log.subject, log.purpose) == (
        consultant,
        citizen,
        Subject.SUGGESTIONS,
        Purpose.FOLLOW_UP,
    )


def test_staff_of_another_centre_get_404(client, other_consultant, citizen, suggestion):
    client.force_login(other_consultant)
    url = reverse("suggestions:citizen", args=[citizen.public_id])
    assert client.get(url).status_code == 404
    assert client.get(reverse("suggestions:citizen", args=[uuid.uuid4()])).status_code == 404
    assert not LookupLog.objects.exists()


@pytest.mark.parametrize("role", [Role.BUSINESS_CONSULTANT, Role.ADMINISTRATOR])
def test_staff_who_do_not_follow_the_job_search_get_403(client, centre, citizen, role):
    client.force_login(StaffFactory(job_centre=centre, role=role))
    assert client.get(reverse("suggestions:citizen", args=[citizen.public_id])).status_code == 403
    assert not LookupLog.objects.exists()


def test_the_citizens_own_link_to_the_staff_page_is_refused(client, citizen):
    client.force_login(citizen.user)
    assert client.get(reverse("suggestions:citizen", args=[citizen.public_id])).status_code == 403


def test_the_citizens_home_page_shows_what_is_to_check(client, citizen, suggestion):
    client.force_login(citizen.user)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert reverse("suggestions:own") in html
    assert suggestion.batch.due_on.strftime("%-d.") in html


def test_the_consultants_home_page_shows_missed_checks(client, consultant, citizen):
    BatchFactory(
        citizen=citizen,
        week_start=timezone.localdate() - timedelta(days=14),
        due_on=timezone.localdate() - timedelta(days=7),
        missed_at=timezone.now(),
    )
    client.force_login(consultant)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert reverse("suggestions:citizen", args=[citizen.public_id]) in html


def test_the_rules_page_for_team_leaders(client, centre):
    client.force_login(StaffFactory(job_centre=centre, role=Role.TEAM_LEADER))
    url = reverse("suggestions:rules")
    assert client.get(url).status_code == 200
    saved = client.post(
        url,
        {
            "target_group": "",
            "alle-check_every_days": "5",
            "alle-suggestions_per_week": "8",
            "alle-remind_days_before": "2",
            "alle-resuggest_after_weeks": "3",
        },
    )
    assert saved.status_code == 302
    rule = SuggestionRule.objects.get(job_centre=centre, target_group="")
    assert (rule.check_every_days, rule.suggestions_per_week, rule.resuggest_after_weeks) == (
        5,
        8,
        3,
    )
    refused = client.post(
        url,
        {
            "target_group": "",
            "alle-check_every_days": "0",
            "alle-suggestions_per_week": "8",
            "alle-remind_days_before": "2",
            "alle-resuggest_after_weeks": "3",
        },
    )
    assert refused.status_code == 400
    rule.refresh_from_db()
    assert rule.check_every_days == 5
    client.post(url, {"target_group": "", "reset": "1"})
    assert not SuggestionRule.objects.exists()


def test_the_rules_page_is_not_for_consultants(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("suggestions:rules")).status_code == 403


def test_without_suggestions_the_page_says_when_they_come(client, citizen):
    client.force_login(citizen.user)
    page = client.get(reverse("suggestions:own"))
    assert page.status_code == 200
    assert page.context["current"] is None and page.context["earlier"] == []
    assert reverse("cv:own") in page.content.decode()


def test_an_earlier_unchecked_week_is_pointed_out(client, citizen, suggestion):
    week = suggestion.batch.week_start - timedelta(days=7)
    old = BatchFactory(citizen=citizen, week_start=week, due_on=week + timedelta(days=7))
    SuggestionFactory(batch=old)
    client.force_login(citizen.user)
    page = client.get(reverse("suggestions:own"))
    assert page.context["current"] == suggestion.batch
    assert page.context["to_check"] == [old]
    assert f'href="#uge-{old.pk}"' in page.content.decode()


#: (owner, other citizen, consultant of the centre, administrator of the centre, administrator
#: of another centre, anonymous): the rows tests/security/test_access_matrix.py holds.
OWN = [200, 404, 403, 403, 403, 302]
FOLLOW = [403, 404, 200, 403, 404, 302]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("seen", OWN), ("not_relevant", OWN), ("save", OWN), ("citizen", FOLLOW)],
)
def test_access_by_actor(client, centre, other_centre, citizen, other_citizen, name, expected):
    consultant = citizen.responsible_consultant
    suggestion = SuggestionFactory(batch__citizen=citizen)
    actors = [
        citizen.user,
        other_citizen.user,
        consultant,
        StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR),
        StaffFactory(job_centre=other_centre, role=Role.ADMINISTRATOR),
        None,
    ]
    args = [citizen.public_id] if name == "citizen" else [suggestion.pk]
    url = reverse(f"suggestions:{name}", args=args)
    got = []
    for user in actors:
        client.logout()
        if user is not None:
            client.force_login(user)
        got.append(client.get(url).status_code)
    assert got == expected
