"""The guides for citizens ("Hjælp"): found from every citizen page, with the own job centre's
phone, e-mail, hours and help places, and a note its administrators write."""

import io
import random
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from centres import demo
from centres.models import HelpPlace, JobCentre
from guidance import demo as guidance_demo
from guidance.guides import GUIDES
from guidance.models import GuideNote

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def demo_centres():
    before = list(JobCentre.objects.values_list("pk", flat=True))
    demo.seed(random.Random(1), io.StringIO())
    guidance_demo.seed(random.Random(1), io.StringIO())
    return list(JobCentre.objects.exclude(pk__in=before).order_by("name"))


def _move(citizen, centre):
    """The test's citizen, moved to `centre` (this app sits below `citizens`: no factory)."""
    citizen.job_centre = citizen.user.job_centre = centre
    citizen.save()
    citizen.user.save()
    return citizen.user


def test_every_guide_shows_each_demo_centres_own_phone_and_places(client, citizen, demo_centres):
    first, second = demo_centres
    for centre, other in ((first, second), (second, first)):
        client.force_login(_move(citizen, centre))
        places = HelpPlace.objects.filter(job_centre=centre)
        assert places
        for guide in GUIDES:
            page = _text(client.get(reverse("guidance:guide", args=[guide.slug])))
            assert f">{centre.phone}</a>" in page, (centre, guide.slug)
            assert other.phone not in page
            if guide.contact:
                assert centre.email in page and centre.opening_hours in page
                for place in places:
                    assert place.name in page
                assert not any(p.name in page for p in HelpPlace.objects.filter(job_centre=other))
        client.logout()


def test_the_help_guide_gives_each_place_its_hours(client, citizen, demo_centres):
    client.force_login(_move(citizen, demo_centres[0]))
    page = _text(client.get(reverse("guidance:guide", args=["hjaelp"])))
    library = "Brøndby Bibliotek</strong>, Brøndby Nord Vej 2<br> "
    assert library + "Åbent: tirsdag 10-12, torsdag 13-15" in page
    assert "Fra Jobcenter Demo" in page and "Kom til Jobcafé på Brøndby Bibliotek." in page


def test_without_help_places_the_help_guide_sends_citizens_to_the_centre(client, citizen):
    client.force_login(citizen.user)
    page = _text(client.get(reverse("guidance:guide", args=["hjaelp"])))
    assert "Kom forbi og få hjælp" in page and "Jobcenter Test</strong>, Torvet 1, 2600" in page


def test_help_is_linked_from_every_citizen_page_with_the_phone_in_the_footer(client, citizen):
    citizen.job_centre.phone = "43 23 60 00"
    citizen.job_centre.save()
    client.force_login(citizen.user)
    index = reverse("guidance:index")
    for name in ("dashboard:home", "booking:list", "joblog:list", "cv:own", "suggestions:own",
                 "guidance:index", "audit:own_lookups"):  # fmt: skip
        page = client.get(reverse(name)).content.decode()
        footer = page[page.index("<footer") :]
        nav = page[page.index('aria-label="Hovedmenu"') :]
        assert f'href="{index}"' in nav, name
        assert f'href="{index}"' in footer and ">43 23 60 00</a>" in footer, name
        assert ">Hjælp<" in nav, name


def test_the_index_lists_the_six_guides(client, citizen):
    client.force_login(citizen.user)
    page = client.get(reverse("guidance:index")).content.decode()
    assert len(GUIDES) == 6
    for guide in GUIDES:
        assert reverse("guidance:guide", args=[guide.slug]) in page
    assert "<h1>Hjælp</h1>" in page


def test_a_guide_has_a_drawing_of_our_own_with_alt_text_and_prints(client, citizen):
    client.force_login(citizen.user)
    for guide in GUIDES:
        page = client.get(reverse("guidance:guide", args=[guide.slug])).content.decode()
        assert f'src="{settings.STATIC_URL}{guide.image}" alt="' in page
        assert re.search(r'class="guide-image" src="[^"]+" alt="[^"]{10,}"', page)
        assert finders.find(guide.image), guide.image
        assert "data-print" in page and "css/guidance.css" in page
    with open(finders.find("css/guidance.css"), encoding="utf-8") as css:
        assert "@media print" in css.read()


def test_an_unknown_guide_is_not_found(client, citizen):
    client.force_login(citizen.user)
    assert client.get(reverse("guidance:guide", args=["nope"])).status_code == 404


def test_staff_read_the_guides_to_hand_them_out(client, consultant):
    client.force_login(consultant)
    page = client.get(reverse("guidance:guide", args=["selvbooking"])).content.decode()
    assert "Sådan booker du en samtale" in page
    assert reverse("guidance:note_edit", args=["selvbooking"]) not in page


def test_the_administrator_writes_the_note_and_the_citizen_reads_it(client, admin_user, citizen):
    client.force_login(admin_user)
    url = reverse("guidance:note_edit", args=["joblog"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Kom til Jobcafé hver mandag kl. 10."})
    assert response.status_code == 302
    client.force_login(citizen.user)
    page = client.get(reverse("guidance:guide", args=["joblog"])).content.decode()
    assert "Kom til Jobcafé hver mandag kl. 10." in page and "Fra Jobcenter Test" in page
    client.force_login(admin_user)
    client.post(url, {"text": ""})
    assert GuideNote.objects.get().text == ""


@pytest.mark.parametrize(
    ("text", "danish"),
    [
        ("Ring\x00 til os", "styretegn"),
        ("x" * 601, "højst"),
        ("<script>alert(1)</script>", "HTML"),
    ],
)
def test_bad_input_saves_nothing_and_says_why_in_danish(client, admin_user, text, danish):
    client.force_login(admin_user)
    response = client.post(reverse("guidance:note_edit", args=["cv"]), {"text": text})
    assert response.status_code == 400
    assert danish in response.content.decode()
    assert not GuideNote.objects.exists()


def test_only_the_centres_own_administrator_edits_its_notes(
    client, centre, other_centre, citizen, consultant
):
    url = reverse("guidance:note_edit", args=["cv"])
    for user in (citizen.user, consultant):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"text": "Hej"}).status_code == 403
    other_admin = StaffFactory(job_centre=other_centre, role=Role.ADMINISTRATOR)
    client.force_login(other_admin)
    client.post(url, {"text": "Kun hos os."})
    assert not GuideNote.objects.filter(job_centre=centre).exists()
    client.force_login(citizen.user)
    page = client.get(reverse("guidance:guide", args=["cv"])).content.decode()
    assert "Kun hos os." not in page


def test_anonymous_visitors_log_in_first(client):
    response = client.get(reverse("guidance:guide", args=["cv"]))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
