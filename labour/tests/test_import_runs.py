"""Large imports run by a worker: the request returns at once with a progress page that
survives a reload, the worker saves a chunk per transaction, a row limit refuses too large
files whole, and the page belongs to the importing job centre alone."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from labour import imports
from labour.imports import runs as import_runs
from labour.imports import saving
from labour.models import ImportStatus, JobOpening, OpeningImport
from labour.tests.factories import CompanyFactory
from occupations.models import Skill

pytestmark = pytest.mark.django_db

HEADER = ["identifier", "title", "hiringOrganization", "postalCode", "skills", "totalJobOpenings"]


def openings_csv(count: int, *, start: int = 0, bad_every: int = 0) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    for n in range(start, start + count):
        title = "" if bad_every and n % bad_every == 0 else f"Lagermedarbejder {n}"
        writer.writerow([f"L-{n}", title, "Lager A/S", "2605", "Truckkørsel", "1"])
    return out.getvalue().encode()


def upload(raw: bytes, name: str = "openings.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, raw, content_type="text/csv")


@override_settings(LABOUR_IMPORT_BACKGROUND_BYTES=1000)
def test_a_large_upload_returns_at_once_with_a_progress_page(
    bc_client, business_consultant, django_capture_on_commit_callbacks
):
    raw = openings_csv(1200)
    with django_capture_on_commit_callbacks() as callbacks:
        response = bc_client.post(reverse("labour:import"), {"kind": "csv", "file": upload(raw)})
    run = OpeningImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("labour:import_progress", args=[run.public_id])
    # Nothing is saved in the request; the worker is asked once the request has committed.
    assert JobOpening.objects.count() == 0
    assert run.status == ImportStatus.QUEUED and len(callbacks) == 1
    page = bc_client.get(response.url).content.decode()
    assert "Venter på at starte" in page and 'data-hx-trigger="every 2s"' in page

    callbacks[0]()  # the worker (huey runs it at once in tests)

    run.refresh_from_db()
    assert run.status == ImportStatus.DONE
    assert (run.total, run.processed, run.created) == (1200, 1200, 1200)
    assert bytes(run.raw) == b""  # the upload is not kept
    assert JobOpening.objects.filter(job_centre=business_consultant.job_centre).count() == 1200
    page = bc_client.get(response.url).content.decode()
    assert "1200 nye, 0 opdaterede, 0 uændrede" in page
    assert "every 2s" not in page


def test_the_worker_saves_a_chunk_per_transaction_and_records_progress(
    business_consultant, monkeypatch
):
    monkeypatch.setattr(saving, "CHUNK", 100)
    Skill.objects.get_or_create(name="Truckkørsel")
    run = import_runs.opening_import_start(
        job_centre=business_consultant.job_centre,
        user=business_consultant,
        raw=openings_csv(250, bad_every=50),
        kind=imports.CSV,
        all_or_nothing=False,
    )
    seen = []
    original = import_runs._record

    def spy(run, report, **extra):
        seen.append(report.processed)
        original(run, report, **extra)

    monkeypatch.setattr(import_runs, "_record", spy)
    done = import_runs.opening_import_run(import_id=run.pk)
    assert done is not None and done.status == ImportStatus.DONE
    # Read, then after each chunk of 100 (245 good rows: 100, 200, 245), then finished.
    assert seen == [0, 100, 200, 245, 245]
    assert (done.created, done.problem_count) == (245, 5)
    assert done.problems[0]["number"] == 2  # CSV line 2 holds opening 0, which has no title
    opening = JobOpening.objects.get(identifier="L-1")
    assert [s.name for s in opening.skills.all()] == ["Truckkørsel"]
    assert "lagermedarbejd" in opening.search_document
    # Running it again does nothing.
    assert import_runs.opening_import_run(import_id=run.pk) is None


def test_importing_again_updates_instead_of_adding(business_consultant):
    centre = business_consultant.job_centre
    CompanyFactory(job_centre=centre, name="Lager A/S")
    first = imports.openings_import(
        job_centre=centre, user=business_consultant, raw=openings_csv(30), kind=imports.CSV
    )
    raw = openings_csv(30).replace(b"Lagermedarbejder 3;", b"Lagerchef 3;")
    second = imports.openings_import(
        job_centre=centre, user=business_consultant, raw=raw, kind=imports.CSV
    )
    assert (first.created, second.created, second.updated, second.unchanged) == (30, 0, 1, 29)
    assert JobOpening.objects.filter(job_centre=centre).count() == 30
    assert JobOpening.objects.get(identifier="L-3").title == "Lagerchef 3"
    assert JobOpening.objects.exclude(company__name="Lager A/S").count() == 0


@override_settings(LABOUR_IMPORT_MAX_ROWS=100)
def test_a_file_over_the_row_limit_is_refused_whole_in_danish(business_consultant):
    run = import_runs.opening_import_start(
        job_centre=business_consultant.job_centre,
        user=business_consultant,
        raw=openings_csv(101),
        kind=imports.CSV,
        all_or_nothing=False,
    )
    done = import_runs.opening_import_run(import_id=run.pk)
    assert done is not None and done.status == ImportStatus.STOPPED
    assert JobOpening.objects.count() == 0
    assert "højst importeres 100" in done.problems[0]["reason"]


def test_all_or_nothing_in_the_background_saves_nothing_on_a_problem(business_consultant):
    run = import_runs.opening_import_start(
        job_centre=business_consultant.job_centre,
        user=business_consultant,
        raw=openings_csv(120, bad_every=60),
        kind=imports.CSV,
        all_or_nothing=True,
    )
    done = import_runs.opening_import_run(import_id=run.pk)
    assert done is not None and done.status == ImportStatus.STOPPED and done.stopped
    assert JobOpening.objects.count() == 0 and done.problem_count == 2


def test_a_failing_worker_marks_the_import_failed_and_the_page_says_so(
    bc_client, business_consultant, monkeypatch
):
    run = import_runs.opening_import_start(
        job_centre=business_consultant.job_centre,
        user=business_consultant,
        raw=openings_csv(10),
        kind=imports.CSV,
        all_or_nothing=False,
    )

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(import_runs, "openings_save", broken)
    done = import_runs.opening_import_run(import_id=run.pk)
    assert done is not None and done.status == ImportStatus.FAILED
    page = bc_client.get(reverse("labour:import_progress", args=[run.public_id]))
    assert "Importen stoppede" in page.content.decode()


def test_lost_imports_are_picked_up_and_given_up_after_an_hour(business_consultant):
    import datetime

    from django.utils import timezone

    centre = business_consultant.job_centre
    lost = import_runs.opening_import_start(
        job_centre=centre, user=None, raw=openings_csv(3), kind="csv", all_or_nothing=False
    )
    dead = import_runs.opening_import_start(
        job_centre=centre, user=None, raw=openings_csv(3), kind="csv", all_or_nothing=False
    )
    now = timezone.now()
    OpeningImport.objects.filter(pk=lost.pk).update(
        requested_at=now - datetime.timedelta(minutes=5)
    )
    OpeningImport.objects.filter(pk=dead.pk).update(requested_at=now - datetime.timedelta(hours=2))
    assert import_runs.opening_imports_pick_up(now) == 1
    lost.refresh_from_db()
    dead.refresh_from_db()
    assert lost.status == ImportStatus.DONE and dead.status == ImportStatus.FAILED


def test_the_progress_page_belongs_to_the_importing_centre(
    client, business_consultant, other_business_consultant, consultant
):
    run = import_runs.opening_import_start(
        job_centre=business_consultant.job_centre,
        user=business_consultant,
        raw=openings_csv(3),
        kind=imports.CSV,
        all_or_nothing=False,
    )
    url = reverse("labour:import_progress", args=[run.public_id])
    client.force_login(other_business_consultant)
    assert client.get(url).status_code == 404
    client.force_login(consultant)
    assert client.get(url).status_code == 403


def test_the_import_page_lists_the_centres_large_imports(bc_client, business_consultant):
    run = import_runs.opening_import_start(
        job_centre=business_consultant.job_centre,
        user=business_consultant,
        raw=openings_csv(3),
        kind=imports.CSV,
        all_or_nothing=False,
    )
    page = bc_client.get(reverse("labour:import")).text
    assert "Store importer" in page
    assert reverse("labour:import_progress", args=[run.public_id]) in page
