"""The citizen's Joblog pages, as a browser drives them."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joblog.models import EntryStatus, JoblogEntry
from joblog.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def entry_data(occupation, /, **changes):
    data = {
        "activity": "application",
        "occupation": occupation.title,
        "job_title": "Lagerarbejder om natten",
        "employer": "Salling Group",
        "date": timezone.localdate().isoformat(),
        "status": "sent",
        "plan": "A",
        "postcode": "8200",
        "town": "Aarhus N",
        "channel": "jobnet",
        "ad_url": "https://job.example/123",
        "notes": "Ringede først og spurgte til vagterne.",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


def test_the_list_has_a_quick_add_form_and_the_summary(citizen_client, citizen, occupation):
    EntryFactory(
        citizen=citizen, occupation=occupation, employer="Bilka", date=timezone.localdate()
    )
    page = citizen_client.get(reverse("joblog:list"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'action="/joblog/ny/"' in html and "submission_token" in html
    assert "Bilka" in html
    assert page.context["summary"].searches == 1
    assert 'list="id_occupation-list"' in html


def test_quick_add_saves_the_entry_and_tells_the_new_count(citizen_client, citizen, occupation):
    EntryFactory(citizen=citizen, occupation=occupation, date=timezone.localdate())
    page = citizen_client.post(reverse("joblog:create"), entry_data(occupation), follow=True)
    assert page.redirect_chain[-1][0] == reverse("joblog:list")
    entry = JoblogEntry.objects.get(employer="Salling Group")
    assert entry.citizen == citizen and entry.occupation == occupation and entry.plan == "A"
    assert entry.ad_url == "https://job.example/123" and entry.postcode == "8200"
    assert page.context["summary"].searches == 2
    assert "2" in str(next(iter(page.context["messages"])))


def test_a_double_click_makes_one_entry(citizen_client, occupation):
    data = entry_data(occupation)
    first = citizen_client.post(reverse("joblog:create"), data)
    second = citizen_client.post(reverse("joblog:create"), data)
    assert first.status_code == second.status_code == 302
    assert JoblogEntry.objects.count() == 1


def test_only_the_short_fields_are_needed(citizen_client, occupation):
    data = {
        key: value
        for key, value in entry_data(occupation).items()
        if key in ("activity", "occupation", "employer", "date", "status", "submission_token")
    }
    assert citizen_client.post(reverse("joblog:create"), data).status_code == 302
    entry = JoblogEntry.objects.get()
    assert (entry.plan, entry.town, entry.notes, entry.channel) == ("", "", "", "job_ad")


def test_a_planned_activity_may_lie_ahead(citizen_client, occupation):
    coming = timezone.localdate() + timedelta(days=10)
    data = entry_data(occupation, date=coming.isoformat(), status="planned", activity="job_fair")
    assert citizen_client.post(reverse("joblog:create"), data).status_code == 302
    assert JoblogEntry.objects.get().date == coming


def test_edit_changes_the_entry(citizen_client, citizen, occupation):
    entry = EntryFactory(citizen=citizen, occupation=occupation, date=timezone.localdate())
    url = reverse("joblog:update", args=[entry.pk])
    page = citizen_client.get(url)
    assert page.status_code == 200 and entry.employer in page.content.decode()
    data = entry_data(occupation, employer="Netto", status="interview")
    del data["submission_token"]
    assert citizen_client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert (entry.employer, entry.status) == ("Netto", EntryStatus.INTERVIEW)


def test_the_status_changes_inline_with_htmx(citizen_client, citizen, occupation):
    entry = EntryFactory(citizen=citizen, occupation=occupation, date=timezone.localdate())
    url = reverse("joblog:status", args=[entry.pk])
    page = citizen_client.post(url, {"status": "interview"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.strip().startswith(f'<li class="joblog-entry" id="entry-{entry.pk}"')
    assert '<option value="interview" selected>' in html
    entry.refresh_from_db()
    assert entry.status == EntryStatus.INTERVIEW


def test_the_status_changes_without_script_too(citizen_client, citizen, occupation):
    entry = EntryFactory(citizen=citizen, occupation=occupation, date=timezone.localdate())
    page = citizen_client.post(reverse("joblog:status", args=[entry.pk]), {"status": "hired"})
    assert page.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.HIRED


def test_a_refused_status_comes_back_on_the_entry(citizen_client, citizen, occupation):
    coming = timezone.localdate() + timedelta(days=5)
    entry = EntryFactory(
        citizen=citizen, occupation=occupation, date=coming, status=EntryStatus.PLANNED
    )
    page = citizen_client.post(
        reverse("joblog:status", args=[entry.pk]), {"status": "sent"}, HTTP_HX_REQUEST="true"
    )
    assert page.status_code == 200 and "form-error-message" in page.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PLANNED


def test_delete_asks_first(citizen_client, citizen, occupation):
    entry = EntryFactory(citizen=citizen, occupation=occupation)
    url = reverse("joblog:delete", args=[entry.pk])
    assert citizen_client.get(url).status_code == 200
    assert JoblogEntry.objects.exists()
    assert citizen_client.post(url).status_code == 302
    assert not JoblogEntry.objects.exists()


def test_the_list_filters_by_plan_and_status(citizen_client, citizen, occupation):
    EntryFactory(citizen=citizen, occupation=occupation, employer="Plan A firma", plan="A")
    EntryFactory(
        citizen=citizen, occupation=occupation, employer="Plan B firma", plan="B", status="hired"
    )
    html = citizen_client.get(reverse("joblog:list"), {"plan": "B"}).content.decode()
    assert "Plan B firma" in html and "Plan A firma" not in html
    html = citizen_client.get(reverse("joblog:list"), {"status": "sent"}).content.decode()
    assert "Plan A firma" in html and "Plan B firma" not in html
    assert "eksport.csv?plan=" not in html and "eksport.csv?status=sent" in html


def test_the_list_is_paginated(citizen_client, citizen, occupation):
    EntryFactory.create_batch(30, citizen=citizen, occupation=occupation)
    page = citizen_client.get(reverse("joblog:list"))
    assert len(page.context["page"].object_list) == 25
    page = citizen_client.get(reverse("joblog:list"), {"side": 2})
    assert len(page.context["page"].object_list) == 5


def test_the_progress_page_has_charts_and_their_text(citizen_client, citizen, occupation):
    today = timezone.localdate()
    EntryFactory.create_batch(3, citizen=citizen, occupation=occupation, date=today)
    page = citizen_client.get(reverse("joblog:progress"))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<script id="joblog-chart-data" type="application/json">' in html
    assert "vendor/chartjs/chart.umd.min.js" in html and "joblog/progress.js" in html
    assert 'data-joblog-chart="weeks"' in html and "<table" in html
    assert page.context["progress"].this_week == 3
    assert page.context["charts"]["weeks"]["values"][-1] == 3
    assert "alert-error" not in html


def test_list_and_progress_queries_do_not_grow_with_the_entries(
    citizen_client, citizen, occupation
):
    def counts():
        found = []
        for name in ("joblog:list", "joblog:progress"):
            with CaptureQueriesContext(connection) as queries:
                assert citizen_client.get(reverse(name)).status_code == 200
            found.append(len(queries))
        return found

    citizen_client.get(reverse("joblog:list"))
    EntryFactory.create_batch(20, citizen=citizen, occupation=occupation)
    few = counts()
    EntryFactory.create_batch(180, citizen=citizen, occupation=occupation, plan="B")
    assert counts() == few
