"""How citizens reach their job centre: the footer of every page and each "contact the job
centre" say the centre's phone, e-mail and opening hours, through one include."""

import io
import random
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from centres import demo
from centres.models import JobCentre
from centres.tests.factories import JobCentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reachable(centre):
    centre.phone, centre.email = "43 23 60 00", "jobcenter@test.dk"
    centre.opening_hours = "Mandag-torsdag 9-15, fredag 9-12"
    centre.save()
    return centre


def test_a_citizen_page_footer_shows_the_own_centres_contact(client, citizen, reachable):
    other = JobCentreFactory(name="Jobcenter Andet", phone="11 11 11 11")
    client.force_login(citizen.user)
    page = client.get(reverse("dashboard:home")).content.decode()
    footer = page[page.index("<footer") :]
    assert "Jobcenter Test" in footer
    assert 'href="tel:43236000"' in footer and ">43 23 60 00</a>" in footer
    assert 'href="mailto:jobcenter@test.dk"' in footer
    assert "Åbent: Mandag-torsdag 9-15, fredag 9-12." in re.sub(r"<[^>]+>", "", footer)
    assert other.phone not in page


def test_the_contact_says_what_there_is(centre):
    with translation.override("da"):
        centre.email = "jc@test.dk"
        assert "E-mail" in render_to_string("centres/_contact.html", {"centre": centre})
        centre.email = ""
        text = render_to_string("centres/_contact.html", {"centre": centre})
    assert "Torvet 1, 2600 Glostrup." in text and "Åbent" not in text


def test_the_demo_centres_can_be_reached():
    demo.seed(random.Random(1), io.StringIO())
    for centre in JobCentre.objects.all():
        assert centre.phone and centre.email and centre.opening_hours, centre
