"""The preparation starts from the citizen's chosen topic (conversations.topics)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booking.tests.factories import BookingFactory, TopicFactory
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from labour.tests.factories import OpeningFactory
from occupations.models import LabourBalance, Occupation
from places.selectors import area_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, consultant):
    client.force_login(consultant)
    return client


#: The demo's topics and what their preparation opens with (booking.models.PreparationFocus).
FOCUS = {"Brancheskift": "transfer", "Job i en anden by": "distance", "Mit CV": "cv"}


def _booking(citizen, consultant, centre, topic, focus=None, days=1):
    return BookingFactory(
        citizen=citizen,
        consultant=consultant,
        topic=TopicFactory(
            job_centre=centre,
            name=topic,
            preparation=FOCUS.get(topic, "") if focus is None else focus,
        ),
        start=timezone.now() + timedelta(days=days),
    )


def _page(client, booking) -> str:
    url = reverse("conversations:prepare", args=[booking.public_id])
    return client.get(url).content.decode()


def test_brancheskift_shows_transferable_occupations_with_balance_and_openings(
    staff, citizen, consultant, centre
):
    lager, truck = (Occupation.objects.get(title=t) for t in ("Lagerarbejder", "Truckfører"))
    lager.related.add(truck)
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=lager)
    LabourBalance.objects.create(
        occupation=truck,
        area=area_of(centre.postcode or citizen.postcode) or "hovedstaden",
        prospect="shortage",
        imported_at=timezone.now(),
    )
    OpeningFactory.create_batch(2, job_centre=centre, occupation=truck)
    OpeningFactory(
        job_centre=centre, occupation=truck, valid_through=timezone.localdate() - timedelta(days=1)
    )
    page = _page(staff, _booking(citizen, consultant, centre, "Brancheskift"))
    section = page.split('id="prep-topic"', 1)[1].split("</section>", 1)[0]
    assert "Brancheskift" in section and "Truckfører" in section
    row = section.split("Truckfører", 1)[1].split("</tr>", 1)[0]
    assert "<td>2</td>" in row


def test_job_in_another_town_lists_openings_nearest_first(staff, citizen, consultant, centre):
    citizen.postcode = "2600"
    citizen.save(update_fields=["postcode"])
    lager = Occupation.objects.get(title="Lagerarbejder")
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=lager)
    OpeningFactory(
        job_centre=centre, occupation=lager, title="Langt væk", postcode="4000", town="Roskilde"
    )
    OpeningFactory(
        job_centre=centre, occupation=lager, title="Tæt på", postcode="2605", town="Brøndby"
    )
    OpeningFactory(
        job_centre=centre, occupation=lager, title="Aalborg", postcode="9000", town="Aalborg"
    )
    page = _page(staff, _booking(citizen, consultant, centre, "Job i en anden by"))
    section = page.split('id="prep-topic"', 1)[1].split("</section>", 1)[0]
    assert section.index("Tæt på") < section.index("Langt væk")
    assert "Aalborg" not in section  # beyond reach
    assert "km hjemmefra" in section


def test_mit_cv_shows_completeness_and_gaps(staff, citizen, consultant, centre):
    CVFactory(citizen=citizen)
    page = _page(staff, _booking(citizen, consultant, centre, "Mit CV"))
    section = page.split('id="prep-topic"', 1)[1].split("</section>", 1)[0]
    assert "% færdigt" in section and "Det mangler CV" in section
    assert section.count("<li>") >= 3  # the gaps of an empty CV


def test_another_topic_opens_no_block(staff, citizen, consultant, centre):
    assert 'id="prep-topic"' not in _page(staff, _booking(citizen, consultant, centre, "Andet"))


@pytest.mark.parametrize("topic", ["Brancheskift", "Job i en anden by", "Mit CV"])
def test_each_block_reads_a_fixed_number_of_queries(staff, citizen, consultant, centre, topic):
    citizen.postcode = "2600"
    citizen.save(update_fields=["postcode"])
    lager = Occupation.objects.get(title="Lagerarbejder")
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=lager)
    booking = _booking(citizen, consultant, centre, topic)

    def count():
        with CaptureQueriesContext(connection) as queries:
            _page(staff, booking)
        return len(queries)

    OpeningFactory(job_centre=centre, occupation=lager)
    few = count()
    OpeningFactory.create_batch(25, job_centre=centre, occupation=lager)
    assert count() == few


def test_the_block_follows_the_topics_focus_not_its_name(staff, citizen, consultant, centre):
    """A centre that calls its topic "Skift fag" sets the focus and keeps the block; a topic
    merely called "Brancheskift" without one opens none."""
    lager = Occupation.objects.get(title="Lagerarbejder")
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=lager)
    renamed = _page(staff, _booking(citizen, consultant, centre, "Skift fag", focus="transfer"))
    assert 'id="prep-topic"' in renamed
    plain = _page(staff, _booking(citizen, consultant, centre, "Brancheskift", focus="", days=2))
    assert 'id="prep-topic"' not in plain
