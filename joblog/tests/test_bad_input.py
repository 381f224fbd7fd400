"""Bad input: a clear message or a 404, and nothing saved. Anything typed is shown as text."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from joblog.models import JoblogEntry
from joblog.tests.factories import EntryFactory
from joblog.tests.test_views import entry_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employer": ""}, "employer"),
        ({"employer": "   "}, "employer"),
        ({"date": "1999-12-31"}, "date"),
        ({"date": "31-02-2026"}, "date"),
        ({"date": "9999-12-31", "status": "planned"}, "date"),
        ({"date": "+1 day"}, "date"),
        ({"notes": "x" * 100_000}, "notes"),
        ({"notes": "x" * 2001}, "notes"),
        ({"occupation": "Astronautpilot på Mars"}, "occupation"),
        ({"occupation": ""}, "occupation"),
        ({"ad_url": "javascript:alert(1)"}, "ad_url"),
        ({"ad_url": "ftp://job.example/1"}, "ad_url"),
        ({"postcode": "80OO"}, "postcode"),
        ({"status": "promoted"}, "status"),
        ({"plan": "D"}, "plan"),
        ({"activity": "<script>"}, "activity"),
        ({"employer": "A" * 151}, "employer"),
        ({"employer": "Firma\x00"}, "employer"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    citizen_client, occupation, changes, field
):
    page = citizen_client.post(reverse("joblog:create"), entry_data(occupation, **changes))
    assert page.status_code == 400
    form = page.context["form"]
    assert form.errors[field], form.errors
    assert 'class="alert alert-error"' in page.content.decode()
    assert not JoblogEntry.objects.exists()


def test_a_done_activity_cannot_lie_in_the_future(citizen_client, occupation):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = citizen_client.post(
        reverse("joblog:create"), entry_data(occupation, date=tomorrow, status="sent")
    )
    assert page.status_code == 400 and page.context["form"].errors["date"]
    assert not JoblogEntry.objects.exists()


def test_more_than_a_year_ahead_is_refused_even_when_planned(citizen_client, occupation):
    far = (timezone.localdate() + timedelta(days=400)).isoformat()
    page = citizen_client.post(
        reverse("joblog:create"), entry_data(occupation, date=far, status="planned")
    )
    assert page.status_code == 400 and page.context["form"].errors["date"]


def test_the_typed_values_are_kept_on_an_error(citizen_client, occupation):
    page = citizen_client.post(
        reverse("joblog:create"), entry_data(occupation, employer="", notes="Mine noter")
    )
    assert page.context["form"]["employer"].errors
    html = page.content.decode()
    assert "Mine noter" in html and occupation.title in html and "Salling Group" not in html


SCRIPT = '<script>alert("x")</script><b>fed</b>'


def test_html_and_script_in_every_field_are_saved_as_typed_and_shown_as_text(
    citizen_client, citizen, occupation
):
    data = entry_data(occupation, employer=SCRIPT, job_title=SCRIPT, town=SCRIPT[:80], notes=SCRIPT)
    assert citizen_client.post(reverse("joblog:create"), data).status_code == 302
    entry = JoblogEntry.objects.get()
    assert entry.employer == SCRIPT and entry.notes == SCRIPT
    for url in (
        reverse("joblog:list"),
        reverse("joblog:update", args=[entry.pk]),
        reverse("joblog:delete", args=[entry.pk]),
        reverse("joblog:print"),
    ):
        html = citizen_client.get(url).content.decode()
        assert '<script>alert("x")' not in html and "<b>fed</b>" not in html, url
        assert "&lt;script&gt;alert(&#34;x&#34;)" in html, url


def test_formulas_in_the_exports_are_written_as_text(citizen_client, citizen, occupation):
    EntryFactory(citizen=citizen, occupation=occupation, employer='=HYPERLINK("http://x")')
    csv_text = citizen_client.get(reverse("joblog:export_csv")).content.decode("utf-8-sig")
    assert ";'=HYPERLINK" in csv_text.replace('"', "")


@pytest.mark.parametrize("name", ["joblog:update", "joblog:delete", "joblog:status"])
def test_another_citizens_entry_is_a_404_and_stays_as_it_was(
    citizen_client, other_citizen, occupation, name
):
    theirs = EntryFactory(citizen=other_citizen, occupation=occupation, employer="Deres firma")
    url = reverse(name, args=[theirs.pk])
    assert citizen_client.get(url).status_code == 404
    data = entry_data(occupation, employer="Hacket", status="hired")
    assert citizen_client.post(url, data).status_code == 404
    assert citizen_client.post(url, data, HTTP_HX_REQUEST="true").status_code == 404
    theirs.refresh_from_db()
    assert (theirs.employer, theirs.status) == ("Deres firma", "sent")


def test_an_entry_that_does_not_exist_is_a_404(citizen_client):
    assert citizen_client.get(reverse("joblog:update", args=[999_999])).status_code == 404


def test_a_bad_filter_shows_everything_rather_than_failing(citizen_client, citizen, occupation):
    EntryFactory(citizen=citizen, occupation=occupation)
    for query in ({"fra": "i går"}, {"plan": "Z"}, {"side": "-1"}, {"side": "abc"}):
        page = citizen_client.get(reverse("joblog:list"), query)
        assert page.status_code == 200
    assert (
        citizen_client.get(reverse("joblog:export_csv"), {"til": "2026-13-01"}).status_code == 200
    )


def test_a_replayed_token_of_another_user_does_not_leak(client, citizen, other_citizen, occupation):
    token = str(uuid.uuid4())
    client.force_login(other_citizen.user)
    client.post(reverse("joblog:create"), entry_data(occupation, submission_token=token))
    client.force_login(citizen.user)
    client.post(reverse("joblog:create"), entry_data(occupation, submission_token=token))
    assert JoblogEntry.objects.filter(citizen=citizen).count() <= 1
    assert JoblogEntry.objects.filter(citizen=other_citizen).count() == 1
