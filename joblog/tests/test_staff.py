"""Staff read the Joblog of their job centre's citizens, read-only, and every look is logged."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from joblog.models import JoblogEntry, JoblogExemption
from joblog.tests.factories import EntryFactory
from joblog.tests.test_views import entry_data

pytestmark = pytest.mark.django_db


def test_the_consultant_reads_the_joblog_and_the_look_is_logged(
    consultant_client, consultant, citizen, occupation
):
    EntryFactory(citizen=citizen, occupation=occupation, employer="<i>Vestas</i>")
    url = reverse("joblog:staff_list", args=[citizen.public_id])
    page = consultant_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "&lt;i&gt;Vestas&lt;/i&gt;" in html and "<i>Vestas" not in html
    assert "/joblog/ny/" not in html and "data-hx-post" not in html
    log = LookupLog.objects.get()
    assert (log.actor, log.citizen, log.subject, log.purpose) == (
        consultant,
        citizen,
        Subject.JOBLOG,
        Purpose.FOLLOW_UP,
    )
    consultant_client.get(url, {"formaal": "preparation"})
    assert LookupLog.objects.count() == 2
    assert LookupLog.objects.latest("pk").purpose == Purpose.PREPARATION


def test_each_look_is_one_line_in_the_citizens_lookup_log(client, consultant, citizen):
    client.force_login(consultant)
    for _ in range(3):
        client.get(reverse("joblog:staff_list", args=[citizen.public_id]))
    assert LookupLog.objects.filter(citizen=citizen, subject=Subject.JOBLOG).count() == 3
    client.force_login(citizen.user)
    page = client.get(reverse("audit:own_lookups"))
    assert page.status_code == 200 and consultant.name in page.content.decode()


def test_the_consultant_cannot_edit_the_citizens_entries(consultant_client, citizen, occupation):
    entry = EntryFactory(citizen=citizen, occupation=occupation)
    for name in ("joblog:update", "joblog:delete", "joblog:status"):
        url = reverse(name, args=[entry.pk])
        assert consultant_client.get(url).status_code == 403
        assert consultant_client.post(url, entry_data(occupation)).status_code == 403
    assert (
        consultant_client.post(reverse("joblog:create"), entry_data(occupation)).status_code == 403
    )
    entry.refresh_from_db()
    assert entry.employer.startswith("Firma") and JoblogEntry.objects.count() == 1


def test_another_centres_staff_get_a_404_and_nothing_is_logged(client, other_consultant, citizen):
    client.force_login(other_consultant)
    assert client.get(reverse("joblog:staff_list", args=[citizen.public_id])).status_code == 404
    assert client.get(reverse("joblog:staff_exempt", args=[citizen.public_id])).status_code == 404
    assert not LookupLog.objects.exists()


def test_administrators_and_managers_do_not_read_the_joblog(client, centre, citizen):
    for role in (Role.ADMINISTRATOR, Role.MANAGER):
        client.force_login(StaffFactory(job_centre=centre, role=role))
        assert client.get(reverse("joblog:staff_list", args=[citizen.public_id])).status_code == 403
    assert not LookupLog.objects.exists()


def test_the_citizen_page_links_to_the_joblog(consultant_client, citizen):
    html = consultant_client.get(reverse("citizens:detail", args=[citizen.public_id])).content
    assert reverse("joblog:staff_list", args=[citizen.public_id]).encode() in html


def test_the_consultant_records_and_ends_an_exemption(consultant_client, consultant, citizen):
    url = reverse("joblog:staff_exempt", args=[citizen.public_id])
    assert consultant_client.get(url).status_code == 200
    today = timezone.localdate()
    data = {
        "first_day": today.isoformat(),
        "last_day": "",
        "reason": "Indlagt på hospital",
        "documentation": "Lægeerklæring",
        "submission_token": str(uuid.uuid4()),
    }
    assert consultant_client.post(url, data).status_code == 302
    assert consultant_client.post(url, data).status_code == 302  # a double click
    exemption = JoblogExemption.objects.get()
    assert exemption.created_by == consultant and exemption.last_day is None
    page = consultant_client.get(reverse("joblog:staff_list", args=[citizen.public_id]))
    assert "Lægeerklæring" in page.content.decode()
    end = reverse("joblog:staff_exempt_end", args=[citizen.public_id, exemption.pk])
    assert consultant_client.get(end).status_code == 200
    assert consultant_client.post(end).status_code == 302
    exemption.refresh_from_db()
    assert exemption.last_day == today


def test_a_bad_exemption_is_refused_with_a_message(consultant_client, citizen):
    today = timezone.localdate()
    page = consultant_client.post(
        reverse("joblog:staff_exempt", args=[citizen.public_id]),
        {
            "first_day": today.isoformat(),
            "last_day": (today - timedelta(days=1)).isoformat(),
            "reason": "",
            "documentation": "x" * 301,
            "submission_token": str(uuid.uuid4()),
        },
    )
    assert page.status_code == 400
    assert set(page.context["form"].errors) >= {"reason", "documentation"}
    assert not JoblogExemption.objects.exists()


def test_the_citizen_sees_their_exemption(citizen_client, citizen, consultant):
    JoblogExemption.objects.create(
        citizen=citizen,
        first_day=timezone.localdate(),
        reason="Sygdom",
        documentation="Samtaler med mentor",
        created_by=consultant,
    )
    html = citizen_client.get(reverse("joblog:list")).content.decode()
    assert "Samtaler med mentor" in html


def test_another_citizens_exemption_id_is_a_404(
    consultant_client, citizen, other_citizen, consultant
):
    theirs = JoblogExemption.objects.create(
        citizen=other_citizen,
        first_day=timezone.localdate(),
        reason="r",
        documentation="d",
        created_by=consultant,
    )
    url = reverse("joblog:staff_exempt_end", args=[citizen.public_id, theirs.pk])
    assert consultant_client.get(url).status_code == 404
    assert consultant_client.post(url).status_code == 404
