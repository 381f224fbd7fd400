"""Matching both ways: what ranks first, what never shows, and that the number of queries does
not grow with the number of openings or citizens. Runs on SQLite and on PostgreSQL."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from citizens.tests.factories import CitizenFactory
from cv.models import CvSkill
from cv.tests.factories import CVFactory, SoughtOccupationFactory
from labour.matching import (
    Candidate,
    radius_for,
    rank_citizens_for,
    rank_openings_for,
)
from labour.tests.factories import OpeningFactory
from occupations.models import Occupation, Skill
from plans.tests.factories import JobTrackFactory, PlanFactory

pytestmark = pytest.mark.django_db


def occupation(title: str) -> Occupation:
    return Occupation.objects.get(title=title)


@pytest.fixture
def seeker(citizen):
    """A citizen in Brøndby (2605) with a car, whose CV says "Sygeplejerske"."""
    citizen.postcode = "2605"
    citizen.save()
    cv = CVFactory(citizen=citizen, driving_licences=["B"])
    SoughtOccupationFactory(cv=cv, occupation=occupation("Sygeplejerske"))
    return citizen


def opening(centre, title="Sygeplejerske", postcode="2605", **kwargs):
    return OpeningFactory(job_centre=centre, title=title, postcode=postcode, **kwargs)


def titles(matches) -> list[str]:
    return [m.opening.title for m in matches]


def test_the_sought_occupation_beats_an_unrelated_one(seeker, centre):
    opening(centre, "Lagerarbejder", occupation=occupation("Lagerarbejder"))
    nurse = opening(
        centre, "Sygeplejerske til hjemmeplejen", occupation=occupation("Sygeplejerske")
    )
    assert titles(rank_openings_for(seeker)) == [nurse.title]


def test_an_inflected_title_is_found_without_an_occupation(seeker, centre):
    """The CV says "Sygeplejerske"; the ad, imported without an occupation, says
    "Sygeplejersker"."""
    found = opening(centre, "Sygeplejersker til akutmodtagelsen")
    opening(centre, "Pædagoger til børnehaven")
    matches = rank_openings_for(seeker)
    assert [m.opening for m in matches] == [found]


def test_an_inflected_word_in_the_description_is_found_and_weighs_less_than_the_title(
    seeker, centre
):
    in_text = opening(centre, "Akutmodtagelsen", description="Vi søger to sygeplejersker.")
    in_title = opening(centre, "Sygeplejersker, nattevagt")
    assert [m.opening for m in rank_openings_for(seeker)] == [in_title, in_text]


def test_nearby_comes_before_far_away_when_equally_relevant(seeker, centre):
    nurse = occupation("Sygeplejerske")
    far = opening(centre, "Sygeplejerske B", postcode="2630", occupation=nurse)  # Taastrup
    near = opening(centre, "Sygeplejerske A", postcode="2650", occupation=nurse)  # Hvidovre
    home = opening(centre, "Sygeplejerske C", postcode="2605", occupation=nurse)  # Brøndby
    matches = rank_openings_for(seeker)
    assert [m.opening for m in matches] == [home, near, far]
    assert [round(m.distance_km) for m in matches] == [0, 3, 8]


def test_openings_beyond_the_radius_are_left_out_when_something_within_fits(seeker, centre):
    nurse = occupation("Sygeplejerske")
    opening(centre, "Sygeplejerske i Aalborg", postcode="9000", occupation=nurse)
    near = opening(centre, "Sygeplejerske i Brøndby", postcode="2605", occupation=nurse)
    assert [m.opening for m in rank_openings_for(seeker)] == [near]


def test_beyond_the_radius_comes_when_nothing_within_fits(seeker, centre):
    far = opening(centre, "Sygeplejerske i Aalborg", postcode="9000")
    matches = rank_openings_for(seeker)
    assert [m.opening for m in matches] == [far]
    assert not matches[0].within_radius and matches[0].distance_km > 200
    with override("en"):
        assert "beyond the 40 km travel radius" in rank_openings_for(seeker)[0].why


def test_the_citizens_own_radius_narrows_the_search(seeker, centre):
    nurse = occupation("Sygeplejerske")
    opening(centre, "Sygeplejerske i Køge", postcode="4600", occupation=nurse)  # about 22 km
    near = opening(centre, "Sygeplejerske i Brøndby", postcode="2605", occupation=nurse)
    assert len(rank_openings_for(seeker)) == 2
    seeker.travel_radius_km = 10
    seeker.save()
    assert [m.opening for m in rank_openings_for(seeker)] == [near]


def test_the_radius_is_the_citizens_own_else_the_centres_by_driving_licence(citizen):
    centre = citizen.job_centre
    assert (centre.travel_radius_with_car_km, centre.travel_radius_without_car_km) == (40, 20)
    centre.travel_radius_with_car_km, centre.travel_radius_without_car_km = 55, 15
    centre.save()
    assert radius_for(citizen) == 15
    cv = CVFactory(citizen=citizen, driving_licences=["A"])
    assert radius_for(citizen) == 15
    cv.driving_licences = ["C"]
    cv.save()
    assert radius_for(citizen) == 55
    citizen.travel_radius_km = 7
    assert radius_for(citizen) == 7


def test_related_occupations_are_found_below_the_sought_one(citizen, centre):
    citizen.postcode = "2605"
    citizen.save()
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=occupation("Lagerarbejder"))
    related = opening(centre, "Truckfører, 3-holdsskift", occupation=occupation("Truckfører"))
    sought = opening(centre, "Lagermedarbejder", occupation=occupation("Lagerarbejder"))
    opening(centre, "Kok", occupation=occupation("Kok"))
    matches = rank_openings_for(citizen)
    assert [m.opening for m in matches] == [sought, related]
    with override("en"):
        assert rank_openings_for(citizen)[1].reasons[0] == (
            "Truckfører is related to lagerarbejder"
        )


def test_the_plan_counts_and_plan_a_weighs_most(citizen, centre):
    plan = PlanFactory(citizen=citizen)
    JobTrackFactory(plan=plan, letter="A", occupations=[occupation("Kok")])
    JobTrackFactory(plan=plan, letter="C", occupations=[occupation("Rengøringsassistent")])
    c = opening(centre, "Rengøring", occupation=occupation("Rengøringsassistent"))
    a = opening(centre, "Køkkenet", occupation=occupation("Kok"))
    matches = rank_openings_for(citizen)
    assert [m.opening for m in matches] == [a, c]
    with override("en"):
        assert rank_openings_for(citizen)[0].reasons == ["Your Plan A: kok"]


def test_shared_skills_lift_an_opening_and_say_how_many(seeker, centre):
    nurse = occupation("Sygeplejerske")
    skills = list(Skill.objects.order_by("pk")[:3])
    for skill in skills[:2]:
        CvSkill.objects.create(cv=seeker.cv, skill=skill)
    plain = opening(centre, "Sygeplejerske A", occupation=nurse)
    skilled = opening(centre, "Sygeplejerske B", occupation=nurse)
    skilled.skills.set(skills)
    matches = rank_openings_for(seeker)
    assert [m.opening for m in matches] == [skilled, plain]
    with override("en"):
        assert "2 of your skills" in rank_openings_for(seeker)[0].reasons


def test_the_why_is_one_line_of_the_reasons(seeker, centre):
    opening(centre, "Sygeplejerske", postcode="2650", occupation=occupation("Sygeplejerske"))
    with override("en"):
        (match,) = rank_openings_for(seeker)
    assert match.why == "You are looking for work as sygeplejerske · 3 km from Brøndby"
    assert match.why == " · ".join(match.reasons)
    with override("da"):
        (match,) = rank_openings_for(seeker)
    assert match.why and "·" in match.why


def test_another_centres_openings_and_expired_ones_never_show(seeker, centre, other_centre):
    today = timezone.localdate()
    opening(other_centre, "Sygeplejerske andetsteds", occupation=occupation("Sygeplejerske"))
    opening(centre, "Sygeplejerske, udløbet", valid_through=today - timedelta(days=1))
    lasting = opening(centre, "Sygeplejerske, ingen frist", valid_through=None)
    last_day = opening(centre, "Sygeplejerske, sidste dag", valid_through=today)
    assert {m.opening for m in rank_openings_for(seeker, today=today)} == {lasting, last_day}


def test_excluded_and_penalised_openings(seeker, centre):
    nurse, assistant = occupation("Sygeplejerske"), occupation("Social- og sundhedsassistent")
    first = opening(centre, "Sygeplejerske", occupation=nurse)
    second = opening(centre, "Sygeplejerske i Hvidovre", postcode="2650", occupation=nurse)
    assert titles(rank_openings_for(seeker, exclude_ids=[first.pk])) == [second.title]
    assert titles(rank_openings_for(seeker, penalties={nurse.pk: 0.1})) == [
        first.title,
        second.title,
    ]
    assert assistant.pk  # a mapping only touches the occupations it names

    def drop_the_first(candidate: Candidate) -> float:
        return 0.0 if candidate.id == first.pk else 1.0

    assert titles(rank_openings_for(seeker, penalties=drop_the_first)) == [second.title]

    def halve_the_first(candidate: Candidate) -> float:
        return 0.5 if candidate.id == first.pk else 1.0

    assert titles(rank_openings_for(seeker, penalties=halve_the_first)) == [
        second.title,
        first.title,
    ]


def test_a_citizen_with_nothing_to_match_gets_nothing(citizen, centre):
    opening(centre, "Sygeplejerske", occupation=occupation("Sygeplejerske"))
    assert rank_openings_for(citizen) == []


def test_the_number_of_queries_does_not_grow_with_the_openings(
    seeker, centre, django_assert_max_num_queries
):
    nurse = occupation("Sygeplejerske")
    skills = list(Skill.objects.order_by("pk")[:2])
    CvSkill.objects.create(cv=seeker.cv, skill=skills[0])
    for n in range(40):
        made = opening(
            centre,
            f"Sygeplejersker {n}",
            postcode=["2605", "2650", "2630", "9000"][n % 4],
            occupation=nurse if n % 2 else None,
        )
        made.skills.set(skills)
    with django_assert_max_num_queries(12):
        matches = rank_openings_for(seeker, limit=25)
    assert len(matches) == 30 - 5  # the ten in Aalborg are beyond the radius
    with django_assert_max_num_queries(12):
        assert len(rank_openings_for(seeker, limit=5)) == 5


# --- an opening's citizens ------------------------------------------------------------------


def seeking(centre, title: str, *, postcode="2605", username: str):
    citizen = CitizenFactory(job_centre=centre, postcode=postcode, user__username=username)
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=occupation(title))
    return citizen


def test_an_openings_citizens_rank_the_sought_occupation_first_then_related(centre):
    job = opening(centre, "Lagermedarbejder", occupation=occupation("Lagerarbejder"))
    related = seeking(centre, "Truckfører", username="truck")
    sought = seeking(centre, "Lagerarbejder", username="lager")
    seeking(centre, "Kok", username="kok")
    matches = rank_citizens_for(job)
    assert [m.citizen for m in matches] == [sought, related]
    with override("en"):
        assert rank_citizens_for(job)[0].why == (
            "Looking for work as lagerarbejder · Less than 1 km from home"
        )


def test_an_openings_citizens_nearby_first_and_within_their_radius(centre):
    job = opening(centre, "Sygeplejersker til akutmodtagelsen", postcode="2605")
    far = seeking(centre, "Sygeplejerske", postcode="2630", username="far")
    near = seeking(centre, "Sygeplejerske", postcode="2650", username="near")
    aalborg = seeking(centre, "Sygeplejerske", postcode="9000", username="aalborg")
    matches = rank_citizens_for(job)
    assert [m.citizen for m in matches] == [near, far]
    assert aalborg not in [m.citizen for m in matches]


def test_an_openings_citizens_come_from_its_own_centre_only(centre, other_centre):
    job = opening(centre, "Sygeplejerske", occupation=occupation("Sygeplejerske"))
    ours = seeking(centre, "Sygeplejerske", username="ours")
    seeking(other_centre, "Sygeplejerske", username="theirs")
    assert [m.citizen for m in rank_citizens_for(job)] == [ours]


def test_an_openings_citizens_by_plan_and_skills(centre):
    skills = list(Skill.objects.order_by("pk")[:2])
    job = opening(centre, "Køkkenmedhjælp", occupation=occupation("Kok"))
    job.skills.set(skills)
    planned = CitizenFactory(job_centre=centre, user__username="plan")
    JobTrackFactory(plan=PlanFactory(citizen=planned), letter="B", occupations=[job.occupation])
    skilled = CitizenFactory(job_centre=centre, user__username="skills")
    cv = CVFactory(citizen=skilled)
    for skill in skills:
        CvSkill.objects.create(cv=cv, skill=skill)
    with override("en"):
        matches = rank_citizens_for(job)
    assert [m.citizen for m in matches] == [planned, skilled]
    assert matches[0].reasons == ["Plan B: kok"]
    assert matches[1].reasons == ["2 of the skills asked for"]


def test_the_number_of_queries_does_not_grow_with_the_citizens(
    centre, django_assert_max_num_queries
):
    job = opening(centre, "Lagermedarbejder", occupation=occupation("Lagerarbejder"))
    job.skills.set(Skill.objects.order_by("pk")[:2])
    for n in range(30):
        citizen = seeking(
            centre, ["Lagerarbejder", "Truckfører"][n % 2], username=f"c{n}", postcode="2650"
        )
        JobTrackFactory(plan=PlanFactory(citizen=citizen), occupations=[occupation("Postbud")])
        CvSkill.objects.create(cv=citizen.cv, skill=Skill.objects.order_by("pk").first())
    with django_assert_max_num_queries(12):
        matches = rank_citizens_for(job, limit=20)
    assert len(matches) == 20


def test_for_staff_the_why_speaks_of_the_citizen(seeker, centre):
    opening(centre, "Sygeplejerske", occupation=occupation("Sygeplejerske"))
    with override("en"):
        (match,) = rank_openings_for(seeker, own=False)
    assert match.why == "Looking for work as sygeplejerske · Less than 1 km from home"


def test_the_why_names_the_title_the_ad_mentions(citizen, centre):
    cv = CVFactory(citizen=citizen)
    SoughtOccupationFactory(cv=cv, occupation=occupation("Sygeplejerske"))
    SoughtOccupationFactory(cv=cv, occupation=occupation("Kok"))
    opening(centre, "Køkkenet", description="Vi mangler en kok til frokosten.")
    with override("en"):
        (match,) = rank_openings_for(citizen)
    assert match.why == "The ad mentions kok"


def test_skills_alone_find_openings_asking_for_them(citizen, centre):
    cv = CVFactory(citizen=citizen)
    skills = list(Skill.objects.order_by("pk")[:3])
    for skill in skills:
        CvSkill.objects.create(cv=cv, skill=skill)
    fitting = opening(centre, "Medarbejder", occupation=occupation("Kok"))
    fitting.skills.set(skills)
    opening(centre, "Andet arbejde", occupation=occupation("Kok"))
    with override("en"):
        (match,) = rank_openings_for(citizen)
    assert match.opening == fitting and match.why == "3 of your skills"


def test_an_ad_titled_with_the_occupation_is_as_relevant_as_one_registered_with_it(seeker, centre):
    """So the nearer comes first, whichever way the ad says it is for nurses."""
    far = opening(centre, "Sygeplejerske", postcode="2630", occupation=occupation("Sygeplejerske"))
    near = opening(centre, "Sygeplejersker til akutmodtagelsen", postcode="2650")
    middle = opening(
        centre, "Afdelingssygeplejerske", postcode="2635", occupation=occupation("Sygeplejerske")
    )
    assert [m.opening for m in rank_openings_for(seeker)] == [near, middle, far]


def test_the_why_names_the_strongest_evidence(citizen, centre):
    SoughtOccupationFactory(cv=CVFactory(citizen=citizen), occupation=occupation("Lagerarbejder"))
    opening(centre, "Lagerarbejder med truckcertifikat", occupation=occupation("Truckfører"))
    with override("en"):
        (match,) = rank_openings_for(citizen)
    assert match.why == (
        "You are looking for work as lagerarbejder"
        " · Requires a truck certificate, which your CV does not show"
    )


# --- what an ad requires and the CV lacks ----------------------------------------------------


@pytest.fixture
def birgitte(citizen):
    """Warehouse worker in Brøndby: Plan A lagerarbejder/truckfører, Plan B lorry driver;
    a car licence and "Truckcertifikat B" as a course."""
    citizen.postcode = "2605"
    citizen.save()
    cv = CVFactory(citizen=citizen, driving_licences=["B"])
    SoughtOccupationFactory(cv=cv, occupation=occupation("Truckfører"))
    cv.courses.create(name="Truckcertifikat B", completed_on=date(2019, 5, 1))
    plan = PlanFactory(citizen=citizen)
    JobTrackFactory(plan=plan, letter="A", occupations=[occupation("Truckfører")])
    JobTrackFactory(plan=plan, letter="B", occupations=[occupation("Chauffør (lastbil)")])
    return citizen


def test_an_opening_requiring_a_licence_the_cv_lacks_ranks_below_those_she_qualifies_for(
    birgitte, centre
):
    lorry = opening(
        centre,
        "Chauffør til distributionskørsel (C/E)",
        description="Kørekort C/CE; tidlige morgener.",
        occupation=occupation("Chauffør (lastbil)"),
    )  # at her door
    truck = opening(
        centre,
        "Truckfører til højlager",
        description="Gyldigt truckcertifikat er et krav.",
        postcode="2630",  # Taastrup, 8 km
        occupation=occupation("Truckfører"),
    )
    with override("en"):
        matches = rank_openings_for(birgitte)
    assert [m.opening for m in matches] == [truck, lorry]
    assert "certificate" not in matches[0].why  # her course counts
    assert "Requires driving licence CE, which your CV does not show" in matches[1].why
    with override("en"):
        (staff,) = [m for m in rank_openings_for(birgitte, own=False) if m.opening == lorry]
    assert "Requires driving licence CE, which the CV does not show" in staff.why


def test_with_the_licence_in_the_cv_the_lorry_job_is_not_held_back(birgitte, centre):
    birgitte.cv.driving_licences = ["B", "C", "CE"]
    birgitte.cv.save()
    lorry = opening(
        centre,
        "Chauffør (lastbil)",
        description="Kørekort C/CE.",
        occupation=occupation("Chauffør (lastbil)"),
    )
    far_truck = opening(centre, "Truckfører", postcode="2630", occupation=occupation("Truckfører"))
    with override("en"):
        matches = rank_openings_for(birgitte)
    assert [m.opening for m in matches] == [far_truck, lorry]  # by score: Plan A first
    assert "Requires" not in matches[1].why
    assert matches[1].score > 50  # Plan B at her door, scored as usual


def test_the_opening_ranks_the_citizens_with_the_licence_first(centre):
    job = opening(
        centre,
        "Chauffør (lastbil)",
        description="C-kørekort er et krav.",
        occupation=occupation("Chauffør (lastbil)"),
    )
    without = seeking(centre, "Chauffør (lastbil)", username="uden", postcode="2605")
    holder = seeking(centre, "Chauffør (lastbil)", username="med", postcode="2630")
    holder.cv.driving_licences = ["C"]
    holder.cv.save()
    with override("en"):
        matches = rank_citizens_for(job)
    assert [m.citizen for m in matches] == [holder, without]
    assert "Requires driving licence C, which the CV does not show" in matches[1].why
