"""Co-service marks what the citizen changed with help in the parts of the apps beside it (the
CV, the Joblog, bookings): here, not in coservice's tests, because they reach into those apps'
data, which coservice's layer may not import."""

from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from coservice.middleware import _WRITE, _ChangeWatch
from coservice.models import CoServiceSession
from coservice.tests.conftest import TUESDAY
from coservice.tests.factories import SessionFactory
from coservice.tests.test_views import book_first_free, start
from joblog.models import JoblogEntry
from joblog.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_what_the_citizen_changes_with_help_is_marked_with_where_and_by_whom(
    client,
    helper_client,
    helper,
    library,
    citizen,
    topic,
    consultant,
    django_capture_on_commit_callbacks,
):
    entry = EntryFactory(citizen=citizen)
    with time_machine.travel(TUESDAY, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            start(helper_client, library, citizen)
            assert book_first_free(helper_client, topic, citizen, consultant).status_code == 302
            for text in ("Lager", "Lager og truck"):  # changed twice: marked once
                cv = helper_client.post(reverse("cv:profile"), {"profile_text": text})
                assert cv.status_code == 302
            # A form sent with an error changes nothing, so it marks nothing.
            refused = helper_client.post(reverse("joblog:create"), {})
            assert refused.status_code == 400
            # Nor one refused by a redirect with an error, or by htmx's 200 with the error inside.
            status = reverse("joblog:status", args=[entry.pk])
            assert helper_client.post(status, {"status": "ukendt"}).status_code == 302
            refused = helper_client.post(status, {"status": "ukendt"}, HTTP_HX_REQUEST="true")
            assert (
                refused.status_code == 200 and "Vælg status på listen" in refused.content.decode()
            )
            helper_client.get(reverse("suggestions:own"))  # looked at, not changed
            helper_client.post(reverse("coservice:end"))
        client.force_login(citizen.user)
        page = client.get(reverse("coservice:own")).content.decode()
    session = CoServiceSession.objects.get()
    assert list(session.changes.values_list("area", flat=True)) == ["booking", "cv"]
    assert "Det har du gjort med hjælp" in page
    assert "Lone Bibliotekar" in page and "Brøndby Bibliotek" in page
    done = page.split("Det har du gjort med hjælp")[1]
    assert "Dine samtaler" in done and "Dit CV" in done and "Joblog" not in done


def test_a_change_sent_by_htmx_is_marked_and_a_statement_is_read_by_its_table(
    helper_client, library, citizen, django_capture_on_commit_callbacks
):
    entry = EntryFactory(citizen=citizen)
    with (
        time_machine.travel(TUESDAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        start(helper_client, library, citizen)
        status = reverse("joblog:status", args=[entry.pk])
        sent = helper_client.post(status, {"status": "rejected"}, HTTP_HX_REQUEST="true")
        assert sent.status_code == 200 and "form-error" not in sent.content.decode()
    assert list(CoServiceSession.objects.get().changes.values_list("area", flat=True)) == ["joblog"]
    for sql in (
        'INSERT INTO "joblog_entry" ("a") VALUES (1)',
        'INSERT OR IGNORE INTO "joblog_entry" ("a") VALUES (1)',  # SQLite's ignore_conflicts
        'UPDATE "joblog_entry" SET "a" = 1',
        'DELETE FROM "joblog_entry" WHERE "id" = 1',
    ):
        assert _WRITE.match(sql).group(1) == "joblog_entry", sql
    assert _WRITE.match('SELECT * FROM "joblog_entry"') is None


def test_a_statement_that_writes_no_row_marks_nothing(
    helper, library, citizen, django_capture_on_commit_callbacks
):
    entry = EntryFactory(citizen=citizen)
    session = SessionFactory(helper=helper, place=library, citizen=citizen, started_at=TUESDAY)
    request = SimpleNamespace(coservice=session)
    table = JoblogEntry.objects
    watch = _ChangeWatch(request)
    with django_capture_on_commit_callbacks() as marks, connection.execute_wrapper(watch):
        table.filter(pk=entry.pk + 1).update(notes="ingen")  # a guarded update that finds nothing
        table.filter(pk=entry.pk + 1).delete()
    assert marks == []
    with django_capture_on_commit_callbacks() as marks, connection.execute_wrapper(watch):
        table.filter(pk=entry.pk).update(notes="Ringede til dem")
    assert len(marks) == 1
