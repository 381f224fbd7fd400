"""The guide beside what the conversation has: the side panel, the team's own guide text
("egen drejebog") and the fixes found trying the guide as a new user."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from booking.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(citizen, consultant):
    return BookingFactory(
        citizen=citizen, consultant=consultant, start=timezone.now() - timedelta(minutes=10)
    )


@pytest.fixture
def staff(client, consultant):
    client.force_login(consultant)
    return client


def url(name, booking, *args):
    return reverse(f"conversations:{name}", args=[booking.public_id, *args])


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_phase_links_are_numbered_and_apart(staff, booking):
    page = staff.get(url("guide", booking)).content.decode()
    nav = page.split('class="guide-phases"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r"<a [^>]*>([^<]*)</a>", nav)
    assert links == ["1. Kontrakt og opstart", "2. Status", "3. Fremdrift", "4. Afslutning"]
    assert "opstart2." not in re.sub(r"<[^>]+>", "", nav)


def test_the_progression_line_follows_the_next_step_as_it_saves(staff, booking):
    page = staff.get(url("guide", booking)).content.decode()
    assert "intet næste skridt endnu" in page
    response = staff.post(
        url("guide_note", booking, "next_step"),
        {"text": "Vi ses om tre uger", "version": 0},
        HTTP_HX_REQUEST="true",
    )
    status = response.content.decode()
    assert 'id="next-step-state"' in status and 'hx-swap-oob="true"' in status
    assert "næste skridt skrevet" in _text(status)
    emptied = staff.post(
        url("guide_note", booking, "next_step"), {"text": "", "version": 1}, HTTP_HX_REQUEST="true"
    )
    assert "intet næste skridt endnu" in _text(emptied.content.decode())


def test_other_notes_leave_the_progression_line_alone(staff, booking):
    response = staff.post(
        url("guide_note", booking, "purpose"), {"text": "Job", "version": 0}, HTTP_HX_REQUEST="true"
    )
    assert 'id="next-step-state"' not in response.content.decode()


def _entries(citizen, n, occupation):
    from joblog.tests.factories import EntryFactory

    for i in range(n):
        EntryFactory(
            citizen=citizen,
            occupation=occupation,
            employer=f"Firma {i}",
            date=timezone.localdate() - timedelta(days=i % 20),
        )


def test_the_guide_shows_the_joblog_plan_and_cv_beside_the_phases(staff, booking, citizen):
    from occupations.models import Occupation
    from plans.tests.factories import JobTrackFactory, PlanFactory

    lager = Occupation.objects.get(title="Lagerarbejder")
    _entries(citizen, 3, lager)
    JobTrackFactory(plan=PlanFactory(citizen=citizen), letter="B", occupations=[lager])
    page = staff.get(url("guide", booking)).content.decode()
    aside = _text(page.split('class="col-12 col-lg-4 guide-aside"', 1)[1])
    assert "Joblog siden sidst" in aside
    assert "3 jobsøgninger" in aside and "Lagerarbejder (3)" in aside
    assert "Plan B: Lagerarbejder" in aside and "Plan B 3" in aside
    assert "holdt op mod jobloggen" in aside


def test_the_guide_reads_a_fixed_number_of_queries(staff, booking, citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from occupations.models import Occupation

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(url("guide", booking)).status_code == 200
        return len(queries)

    staff.get(url("guide", booking))  # the guide is opened once
    _entries(citizen, 2, Occupation.objects.get(title="Kok"))
    few = count()
    for title in ("Lagerarbejder", "Truckfører", "Sygeplejerske"):
        _entries(citizen, 30, Occupation.objects.get(title=title))
    assert count() == few


@pytest.fixture
def team(centre, consultant):
    from centres.tests.factories import TeamFactory

    team = TeamFactory(job_centre=centre)
    consultant.team = team
    consultant.save(update_fields=["team"])
    return team


def _texts(**changes):
    from conversations.guide import PHASES, text_keys

    texts = {k: str(v) for phase in PHASES for k, v in text_keys(phase).items()}
    texts.update(changes)
    return texts


def test_a_teams_own_guide_text_appears_in_its_conversations(client, staff, booking, team, centre):
    from accounts.tests.factories import StaffFactory

    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=team, username="tl")
    admin = StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR, username="adm")
    client.force_login(admin)
    page = reverse("conversations:own_guide")
    response = client.post(page, _texts(**{"status.purpose": "Centrets egen tekst om status."}))
    assert response.status_code == 302
    client.force_login(leader)
    form = client.get(page).content.decode()
    assert "Centrets egen tekst om status." in form  # the team starts from its centre's text
    texts = _texts(**{"kontrakt.title": "Velkomst og aftale", "wishes": "Spørg: hvad vil du?"})
    assert client.post(page, texts).status_code == 302
    client.force_login(booking.consultant)
    guide = _text(client.get(url("guide", booking)).content.decode())
    assert "1. Velkomst og aftale" in guide and "Spørg: hvad vil du?" in guide
    assert "Centrets egen tekst om status." not in guide  # the team's texts win
    assert "Hvordan fungerede den her samtale for dig i dag?" in guide


def test_a_teams_guide_keeps_following_what_it_did_not_change(client, staff, booking, team, centre):
    """The team leader saves the form as shown (the centre's texts filled in) with one change
    of their own; the centre's later edits still reach the team's conversations. The first save
    used to store every text it was shown, so the centre's edits stopped there."""
    from accounts.tests.factories import StaffFactory

    leader = StaffFactory(job_centre=centre, role=Role.TEAM_LEADER, team=team, username="tl")
    admin = StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR, username="adm")
    page = reverse("conversations:own_guide")
    client.force_login(admin)
    client.post(page, _texts(**{"status.purpose": "Centrets tekst om status."}))
    client.force_login(leader)
    shown = {"status.purpose": "Centrets tekst om status."}
    assert client.post(page, _texts(**shown, **{"kontrakt.title": "Velkomst"})).status_code == 302
    client.force_login(admin)
    client.post(page, _texts(**{"status.purpose": "Centrets nye tekst om status."}))
    client.force_login(booking.consultant)
    guide = _text(client.get(url("guide", booking)).content.decode())
    assert "1. Velkomst" in guide and "Centrets nye tekst om status." in guide


def test_a_guide_with_an_empty_phase_is_refused_in_danish_and_nothing_saved(client, centre):
    from accounts.tests.factories import StaffFactory
    from conversations.models import GuideTemplate

    client.force_login(StaffFactory(job_centre=centre, role=Role.ADMINISTRATOR, username="adm"))
    texts = _texts(**{"fremdrift.title": "  ", "fremdrift.purpose": ""})
    response = client.post(reverse("conversations:own_guide"), texts)
    assert response.status_code == 400
    # The form names each missing field and links to it; the service's rule covers the rest.
    for error in ("Skriv fase 3: titel", "Skriv fase 3: formål"):
        assert error in response.content.decode()
    texts = _texts(**{"summary": "", "next_step": " "})
    assert (
        "Fase 4 er tom" in client.post(reverse("conversations:own_guide"), texts).content.decode()
    )
    assert (
        client.post(reverse("conversations:own_guide"), _texts(purpose="a\x00b")).status_code == 400
    )
    assert not GuideTemplate.objects.exists()


def test_only_administrators_and_team_leaders_edit_the_guide(client, consultant, team):
    client.force_login(consultant)
    assert client.get(reverse("conversations:own_guide")).status_code == 403


def test_the_demo_gives_borgers_team_its_own_guide_text(citizen, consultant, team, booking):
    from conversations import demo
    from conversations.selectors import guide_phases

    citizen.user.username = "borger"
    citizen.user.save(update_fields=["username"])
    citizen.responsible_consultant = consultant
    citizen.save(update_fields=["responsible_consultant"])
    demo._team_guide()
    assert "borgerens egne ord" in str(guide_phases(booking)[0].purpose)


def test_the_own_guide_form_names_each_text_once():
    """The prompt whose note is "purpose" was labelled "Fase 1: formål", like the phase's own
    purpose just above it; each label now says what it is, and none says "optional" twice."""
    from django.utils import translation

    from conversations.forms import GuideTemplateForm
    from conversations.guide import PHASES
    from conversations.models import NoteField

    with translation.override("da"):
        form = GuideTemplateForm(phases=PHASES)
        labels = [str(field.label) for field in form.fields.values()]
        assert len(labels) == len(set(labels))
        assert str(form.fields["purpose"].label) == str(NoteField.PURPOSE.label)
        assert "frivilligt" not in " ".join(labels)


def test_the_own_guide_form_asks_for_what_the_service_requires():
    """A phase without its title or purpose is refused when saved, so those fields are
    required in the form too (the page said "(frivilligt)" beside them); the question and the
    prompts' hints stay optional."""
    from conversations.forms import GuideTemplateForm
    from conversations.guide import PHASES

    form = GuideTemplateForm(phases=PHASES)
    required = {key for key, field in form.fields.items() if field.required}
    assert required == {f"{phase.key}.{part}" for phase in PHASES for part in ("title", "purpose")}
