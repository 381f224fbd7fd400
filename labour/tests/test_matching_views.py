"""The matching pages: who may open them, what they show, and the lookup log they write; and
the home postcode and travel radius, set by staff or by the citizen."""

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from audit.models import LookupLog, Purpose, Subject
from citizens.tests.factories import CitizenFactory
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from labour.tests.factories import OpeningFactory
from occupations.models import Occupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse():
    return Occupation.objects.get(title="Sygeplejerske")


@pytest.fixture
def seeker(citizen, nurse):
    citizen.postcode = "2605"
    citizen.save()
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=nurse)
    return citizen


@pytest.fixture
def job(centre, nurse):
    return OpeningFactory(
        job_centre=centre, title="Sygeplejersker til akutmodtagelsen", postcode="2650"
    )


@pytest.fixture
def business(centre):
    return StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT, username="vk")


def citizen_url(citizen) -> str:
    return reverse("labour:citizen_matches", args=[citizen.public_id])


def opening_url(opening) -> str:
    return reverse("labour:opening_matches", args=[opening.public_id])


def test_a_consultant_sees_a_citizens_matches_with_why_and_distance(
    client, consultant, seeker, job
):
    client.force_login(consultant)
    response = client.get(citizen_url(seeker))
    body = response.content.decode()
    assert response.status_code == 200
    assert job.title in body and "3 km" in body
    assert response.context["matches"][0].why in body
    log = LookupLog.objects.get()
    assert (log.citizen, log.actor, log.subject, log.purpose) == (
        seeker,
        consultant,
        Subject.MATCHING,
        Purpose.MATCHING,
    )


def test_a_citizen_without_matches_gets_a_calm_page(client, consultant, citizen):
    client.force_login(consultant)
    response = client.get(citizen_url(citizen))
    assert response.status_code == 200 and response.context["matches"] == []


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 403), ("other_centre", 404), ("own_citizen", 403), ("other_citizen", 404)],
)
def test_who_may_see_a_citizens_matches(
    client, who, status, seeker, admin_user, other_consultant, other_citizen
):
    user = {
        "admin": admin_user,
        "other_centre": other_consultant,
        "own_citizen": seeker.user,
        "other_citizen": other_citizen.user,
    }[who]
    client.force_login(user)
    assert client.get(citizen_url(seeker)).status_code == status
    assert not LookupLog.objects.exists()


def test_anonymous_is_sent_to_log_in(client, seeker, job):
    assert client.get(citizen_url(seeker)).status_code == 302
    assert client.get(opening_url(job)).status_code == 302


def test_a_business_consultant_finds_citizens_for_an_opening_and_each_is_logged(
    client, business, seeker, job, centre, nurse
):
    second = CitizenFactory(job_centre=centre, postcode="2630", user__username="b3")
    SoughtOccupationFactory(cv=CVFactory(citizen=second), occupation=nurse)
    CitizenFactory(job_centre=centre, user__username="b4")  # seeks nothing: not shown
    client.force_login(business)
    response = client.get(opening_url(job))
    body = response.content.decode()
    assert response.status_code == 200
    assert [m.citizen for m in response.context["matches"]] == [seeker, second]
    assert seeker.user.name in body and second.user.name in body
    logged = LookupLog.objects.filter(subject=Subject.MATCHING, purpose=Purpose.MATCHING)
    assert sorted(logged.values_list("citizen_id", flat=True)) == sorted([seeker.pk, second.pk])
    assert set(logged.values_list("actor_id", flat=True)) == {business.pk}


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 403), ("other_centre", 404), ("citizen", 403)]
)
def test_who_may_find_citizens_for_an_opening(
    client, who, status, seeker, job, admin_user, other_consultant
):
    user = {"admin": admin_user, "other_centre": other_consultant, "citizen": seeker.user}[who]
    client.force_login(user)
    assert client.get(opening_url(job)).status_code == status
    assert not LookupLog.objects.exists()


def test_the_link_partials_show_only_to_those_who_may_match(
    rf, consultant, admin_user, seeker, job
):
    from django.template.loader import render_to_string

    for user, shown in ((consultant, True), (admin_user, False), (seeker.user, False)):
        html = render_to_string(
            "labour/matching/_opening_link.html", {"user": user, "opening": job}
        ) + render_to_string(
            "labour/matching/_citizen_link.html", {"user": user, "citizen": seeker}
        )
        assert (opening_url(job) in html) is shown
        assert (citizen_url(seeker) in html) is shown


# --- home postcode and travel radius --------------------------------------------------------


def test_staff_set_a_citizens_postcode_and_radius(client, consultant, citizen):
    client.force_login(consultant)
    url = reverse("labour:citizen_travel", args=[citizen.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"postcode": "2605", "travel_radius_km": "15"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.postcode, citizen.travel_radius_km) == ("2605", 15)
    assert LookupLog.objects.filter(citizen=citizen, subject=Subject.PROFILE_EDIT).count() == 1


@pytest.mark.parametrize(
    ("postcode", "radius", "bad_field"),
    [
        ("26O5", "", "postcode"),
        ("0999", "", "postcode"),
        ("2605", "0", "travel_radius_km"),
        ("2605", "500", "travel_radius_km"),
    ],
)
def test_bad_travel_details_are_refused_and_nothing_is_saved(
    client, consultant, citizen, postcode, radius, bad_field
):
    client.force_login(consultant)
    url = reverse("labour:citizen_travel", args=[citizen.public_id])
    response = client.post(url, {"postcode": postcode, "travel_radius_km": radius})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [bad_field]
    citizen.refresh_from_db()
    assert (citizen.postcode, citizen.travel_radius_km) == ("", None)


def test_staff_of_another_centre_and_admins_may_not_set_travel(
    client, citizen, other_consultant, business
):
    url = reverse("labour:citizen_travel", args=[citizen.public_id])
    client.force_login(other_consultant)
    assert client.get(url).status_code == 404
    client.force_login(business)
    assert client.post(url, {"postcode": "2605"}).status_code == 403
    citizen.refresh_from_db()
    assert citizen.postcode == ""


def test_the_citizen_sets_their_own_postcode_and_clears_the_radius(client, citizen):
    citizen.travel_radius_km = 12
    citizen.save()
    client.force_login(citizen.user)
    url = reverse("labour:own_travel")
    page = client.get(url)
    assert page.status_code == 200 and "20 km" in page.content.decode()  # the standard, no car
    response = client.post(url, {"postcode": "2650", "travel_radius_km": ""})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.postcode, citizen.travel_radius_km) == ("2650", None)
    assert "2650" in client.get(reverse("citizens:own_profile")).content.decode()


def test_staff_have_no_own_travel_page(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("labour:own_travel")).status_code == 403


def test_the_balance_badge_shows_the_job_prospects_of_each_occupation(
    client, consultant, business, seeker, centre, nurse
):
    from django.utils import timezone

    from occupations.models import LabourBalance, Prospect
    from places.models import Area

    LabourBalance.objects.create(
        occupation=nurse,
        area=Area.HOVEDSTADEN,
        prospect=Prospect.SHORTAGE,
        imported_at=timezone.now(),
    )
    job = OpeningFactory(job_centre=centre, title="Sygeplejerske", occupation=nurse)
    client.force_login(consultant)
    assert "badge badge-success" in client.get(citizen_url(seeker)).content.decode()
    client.force_login(business)
    assert "badge badge-success" in client.get(opening_url(job)).content.decode()
