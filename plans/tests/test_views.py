from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import LookupLog, Purpose, Subject
from citizens.tests.factories import CitizenFactory
from plans import services
from plans.models import Homework, JobTrack, Plan, PlanChange
from plans.tests.factories import (
    AgreementFactory,
    HomeworkFactory,
    JobTrackFactory,
    OccupationFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def _edit_data(loaded, **changes):
    data = {
        "version": loaded,
        "job_goal": "Lagerchef",
        "strategy": "Jeg ringer først",
        "required_searches": "6",
        "required_period_days": "28",
        "geography": "Storkøbenhavn",
        "channels": ["job_ad", "network"],
        "occupation_0": "Lagerarbejder",
    }
    data.update(changes)
    return data


def test_own_page_shows_the_whole_plan(citizen_client, plan, lager, consultant):
    JobTrackFactory(plan=plan, letter="A", occupations=[lager])
    AgreementFactory(plan=plan, text="Du søger også i Plan B")
    HomeworkFactory(plan=plan, title="Opdatér dit CV")
    page = citizen_client.get(reverse("plans:own"))
    html = page.content.decode()
    assert page.status_code == 200
    for text in (
        "Fast job på et lager",
        "Lagerarbejder",
        "Du søger også i Plan B",
        "Opdatér dit CV",
    ):
        assert text in html
    assert reverse("plans:track", args=["A"]) in html


def test_first_visit_creates_an_empty_plan(citizen_client, citizen):
    assert citizen_client.get(reverse("plans:own")).status_code == 200
    assert Plan.objects.filter(citizen=citizen).count() == 1


def test_edit_saves_and_goes_back(citizen_client, plan, lager):
    page = citizen_client.post(reverse("plans:edit"), _edit_data(1))
    assert page.status_code == 302 and page.url == reverse("plans:own")
    plan.refresh_from_db()
    assert plan.job_goal == "Lagerchef" and plan.required_searches == 6
    assert list(plan.required_occupations.all()) == [lager]


def test_two_tabs_the_second_is_told_and_the_first_is_kept(citizen_client, plan, lager):
    first = citizen_client.post(reverse("plans:edit"), _edit_data(1, job_goal="Fane 1"))
    assert first.status_code == 302
    second = citizen_client.post(reverse("plans:edit"), _edit_data(1, job_goal="Fane 2"))
    assert second.status_code == 409
    html = second.content.decode()
    assert (
        _(
            "The plan has been changed in another tab or by someone else since you opened it. "
            "See the changes and try again."
        )
        in html
    )
    assert "Fane 1" in html and "Fane 2" in html  # what is saved, and what they typed
    plan.refresh_from_db()
    assert plan.job_goal == "Fane 1"
    # Saving again, now knowingly, with the version the page gave back.
    again = citizen_client.post(reverse("plans:edit"), _edit_data(2, job_goal="Fane 2"))
    assert again.status_code == 302


@pytest.mark.parametrize(
    "changes",
    [
        {"job_goal": "x" * 100_000},
        {"strategy": "x" * 100_000},
        {"occupation_0": "Astronautkok på Mars"},
        {"required_searches": "-1"},
        {"channels": ["carrier_pigeon"]},
        {"version": "abc"},
    ],
)
def test_bad_input_shows_an_error_and_saves_nothing(citizen_client, plan, lager, changes):
    page = citizen_client.post(reverse("plans:edit"), _edit_data(1, **changes))
    assert page.status_code == 400
    assert "form-error-message" in page.content.decode() or "alert-error" in page.content.decode()
    plan.refresh_from_db()
    assert plan.version == 1 and plan.job_goal == "Fast job på et lager"


def test_html_and_script_are_shown_as_text(citizen_client, plan, lager, consultant):
    citizen_client.post(reverse("plans:edit"), _edit_data(1, job_goal=SCRIPT, strategy=SCRIPT))
    AgreementFactory(plan=plan, text=SCRIPT)
    HomeworkFactory(plan=plan, title=SCRIPT)
    html = citizen_client.get(reverse("plans:own")).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_track_page_sets_occupations_and_date(citizen_client, plan, lager, chauffeur):
    url = reverse("plans:track", args=["A"])
    assert citizen_client.get(url).status_code == 200
    widen = timezone.localdate() + timedelta(days=90)
    page = citizen_client.post(
        url,
        {
            "version": 1,
            "occupation_0": "Lagerarbejder",
            "occupation_1": "chauffør",
            "description": "Drøm",
            "widen_from": widen.isoformat(),
        },
    )
    assert page.status_code == 302
    track = JobTrack.objects.get(plan=plan, letter="A")
    assert set(track.occupations.all()) == {lager, chauffeur} and track.widen_from == widen


def test_plan_c_has_no_widening_date(citizen_client, plan):
    html = citizen_client.get(reverse("plans:track", args=["C"])).content.decode()
    assert 'name="widen_from"' not in html


@pytest.mark.parametrize("letter", ["D", "a", "AB", "0"])
def test_other_letters_are_404(citizen_client, plan, letter):
    assert citizen_client.get(reverse("plans:track", args=[letter])).status_code == 404


@pytest.mark.parametrize("day", ["2026-02-30", "9999-12-31", "20000-01-01", "igår"])
def test_impossible_and_far_future_dates_save_nothing(citizen_client, plan, day):
    page = citizen_client.post(
        reverse("plans:track", args=["A"]), {"version": 1, "widen_from": day}
    )
    assert page.status_code == 400
    assert not JobTrack.objects.exists()


def test_unknown_occupation_on_a_track_saves_nothing(citizen_client, plan):
    page = citizen_client.post(
        reverse("plans:track", args=["B"]), {"version": 1, "occupation_0": "Drageoplærer"}
    )
    assert page.status_code == 400 and "Drageoplærer" in page.content.decode()
    assert not JobTrack.objects.exists()


def test_homework_done_without_script(citizen_client, plan):
    homework = HomeworkFactory(plan=plan)
    url = reverse("plans:homework_done", args=[homework.pk])
    assert citizen_client.get(url).status_code == 200
    page = citizen_client.post(url, {f"hw{homework.pk}-note": "Det gik godt"})
    assert page.status_code == 302
    homework.refresh_from_db()
    assert homework.done_at and homework.done_note == "Det gik godt"
    assert PlanChange.objects.filter(plan=plan).count() == 1


def test_homework_done_with_htmx_swaps_the_item(citizen_client, plan):
    homework = HomeworkFactory(plan=plan, title="Ring til Bilka")
    page = citizen_client.post(
        reverse("plans:homework_done", args=[homework.pk]),
        {f"hw{homework.pk}-note": SCRIPT},
        headers={"HX-Request": "true"},
    )
    html = page.content.decode()
    assert page.status_code == 200 and "<html" not in html
    assert f'id="homework-{homework.pk}"' in html and "Ring til Bilka" in html
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_homework_note_too_long_with_htmx_shows_the_error(citizen_client, plan):
    homework = HomeworkFactory(plan=plan)
    page = citizen_client.post(
        reverse("plans:homework_done", args=[homework.pk]),
        {f"hw{homework.pk}-note": "x" * 100_000},
        headers={"HX-Request": "true"},
    )
    assert page.status_code == 400 and "form-error-message" in page.content.decode()
    homework.refresh_from_db()
    assert homework.done_at is None


def test_another_citizens_homework_is_404(citizen_client, centre, consultant):
    other = CitizenFactory(job_centre=centre, responsible_consultant=consultant)
    theirs = HomeworkFactory(plan=PlanFactory(citizen=other))
    url = reverse("plans:homework_done", args=[theirs.pk])
    assert citizen_client.post(url, {}).status_code == 404
    assert citizen_client.get(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.done_at is None


def test_approve_shows_the_date_and_the_citizens_own_change_keeps_it(citizen_client, plan, lager):
    page = citizen_client.post(reverse("plans:approve"), {"version": 1})
    assert page.status_code == 302
    plan.refresh_from_db()
    assert plan.approved_at is not None
    html = citizen_client.get(reverse("plans:own")).content.decode()
    assert reverse("plans:approve") not in html
    citizen_client.post(reverse("plans:edit"), _edit_data(1))
    plan.refresh_from_db()
    assert plan.approved_at is not None
    assert reverse("plans:approve") not in citizen_client.get(reverse("plans:own")).content.decode()


def test_after_staff_add_an_agreement_the_page_asks_to_approve_again(
    citizen_client, plan, consultant
):
    citizen_client.post(reverse("plans:approve"), {"version": 1})
    services.agreement_add(plan=plan, text="Du søger også Plan B.", author=consultant)
    html = citizen_client.get(reverse("plans:own")).content.decode()
    assert "Din plan er ændret siden du godkendte den" in html
    assert reverse("plans:approve") in html and "Du søger også Plan B." in html
    plan.refresh_from_db()
    citizen_client.post(reverse("plans:approve"), {"version": plan.version})
    html = citizen_client.get(reverse("plans:own")).content.decode()
    assert "Din plan er ændret siden du godkendte den" not in html
    assert reverse("plans:approve") not in html


def test_approving_a_stale_page_is_refused(citizen_client, plan, lager):
    citizen_client.post(reverse("plans:edit"), _edit_data(1))
    citizen_client.post(reverse("plans:approve"), {"version": 1})
    plan.refresh_from_db()
    assert plan.approved_at is None


def test_history_lists_the_changes(citizen_client, plan, lager):
    citizen_client.post(reverse("plans:edit"), _edit_data(1))
    html = citizen_client.get(reverse("plans:history")).content.decode()
    assert PlanChange.objects.get().summary in html


def test_widen_suggestion_shows_as_a_calm_info_box(citizen_client, plan):
    JobTrackFactory(plan=plan, letter="A", widen_from=timezone.localdate() - timedelta(days=3))
    html = citizen_client.get(reverse("plans:own")).content.decode()
    assert "alert alert-info" in html and "alert-error" not in html


def test_staff_reads_the_plan_and_the_look_is_logged(consultant_client, plan, consultant, lager):
    JobTrackFactory(plan=plan, letter="A", occupations=[lager])
    HomeworkFactory(plan=plan, title="Opdatér dit CV")
    url = reverse("plans:staff_view", args=[plan.citizen.public_id])
    page = consultant_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Lagerarbejder" in html and "Opdatér dit CV" in html
    # Read-only: no forms that change the citizen's own entries.
    assert "<form" not in html.split('id="main-content"')[1].split("</main>")[0]
    log = LookupLog.objects.get()
    assert (log.actor, log.citizen, log.subject, log.purpose) == (
        consultant,
        plan.citizen,
        Subject.PLAN,
        Purpose.PREPARATION,
    )


def test_staff_page_of_a_citizen_without_a_plan(consultant_client, citizen):
    page = consultant_client.get(reverse("plans:staff_view", args=[citizen.public_id]))
    assert page.status_code == 200 and not Plan.objects.exists()


def test_staff_cannot_use_the_citizens_own_pages(consultant_client, plan):
    homework = HomeworkFactory(plan=plan)
    for url in (
        reverse("plans:own"),
        reverse("plans:edit"),
        reverse("plans:track", args=["A"]),
        reverse("plans:history"),
    ):
        assert consultant_client.get(url).status_code == 403
    done = consultant_client.post(reverse("plans:homework_done", args=[homework.pk]), {})
    assert done.status_code == 403
    assert consultant_client.post(reverse("plans:edit"), _edit_data(1)).status_code == 403
    assert not Homework.objects.filter(done_at__isnull=False).exists()


def test_other_centre_is_404_and_not_logged(client, plan, other_consultant):
    client.force_login(other_consultant)
    page = client.get(reverse("plans:staff_view", args=[plan.citizen.public_id]))
    assert page.status_code == 404 and not LookupLog.objects.exists()


def test_constant_query_count(plan, consultant):
    def fill(n):
        for i in range(n):
            occupation = OccupationFactory(title=f"Erhverv {i}-{n}")
            plan.required_occupations.add(occupation)
            AgreementFactory(plan=plan)
            HomeworkFactory(plan=plan)
        for letter in "ABC":
            track, _ = JobTrack.objects.get_or_create(
                plan=plan, letter=letter, defaults={"set_at": timezone.localdate()}
            )
            track.occupations.add(*plan.required_occupations.all())

    def count(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    citizen_client, consultant_client = Client(), Client()
    citizen_client.force_login(plan.citizen.user)
    consultant_client.force_login(consultant)
    own = reverse("plans:own")
    staff = reverse("plans:staff_view", args=[plan.citizen.public_id])
    fill(1)
    small = count(citizen_client, own)
    fill(5)
    assert count(citizen_client, own) == small
    small_staff = count(consultant_client, staff)
    fill(3)
    assert count(consultant_client, staff) == small_staff


def test_the_own_plan_page_reads_an_existing_plan_once(plan):
    client = Client()
    client.force_login(plan.citizen.user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("plans:own")).status_code == 200
    reads = [q["sql"] for q in captured if q["sql"].startswith('SELECT "plans_plan"."id"')]
    assert len(reads) == 1
