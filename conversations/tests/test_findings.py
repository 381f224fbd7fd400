"""The CV held against the Joblog: each of the method's four questions, from small hand-made
facts (no database)."""

from datetime import date

import pytest
from django.utils import translation

from conversations.findings import (
    CV_SOURCE,
    JOBLOG,
    MISSING,
    REALISTIC,
    UNSEARCHED,
    UNUSED,
    Application,
    CvFacts,
    Experience,
    Requirement,
    Sought,
    as_title,
    cv_against_joblog,
)

TRUCK, WAREHOUSE, NURSE, CLEANER = 1, 2, 3, 4
TRUCK_LICENCE, STOCK, CARE, MEDICINE, EXCEL = 10, 11, 12, 13, 14

REQUIREMENTS = {
    WAREHOUSE: [
        Requirement(TRUCK_LICENCE, "Truckcertifikat", True),
        Requirement(STOCK, "Lagerstyring", False),
    ],
    TRUCK: [Requirement(TRUCK_LICENCE, "Truckcertifikat", True)],
    NURSE: [
        Requirement(MEDICINE, "Medicinhåndtering", True),
        Requirement(CARE, "Personlig pleje", False),
    ],
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _app(pk, occupation_id, title, day=date(2026, 11, 2), employer="Firma"):
    return Application(pk, day, occupation_id, title, f"{employer} {pk}", "")


def _question(result, key):
    [question] = [q for q in result.questions if q.key == key]
    return question


def test_no_cv_says_so_and_asks_nothing():
    result = cv_against_joblog(
        cv=None, applications=[_app(1, TRUCK, "Truckfører")], requirements={}
    )
    assert not result.has_cv and result.questions == ()


def test_1_an_occupation_sought_without_applications_is_named():
    cv = CvFacts(sought=(Sought(TRUCK, "Truckfører", 2), Sought(WAREHOUSE, "Lagerarbejder", 3)))
    result = cv_against_joblog(
        cv=cv, applications=[_app(1, WAREHOUSE, "Lagerarbejder")], requirements={}
    )
    [finding] = _question(result, UNSEARCHED).findings
    assert finding.text == (
        'Truckfører is under "I am looking for a job as", but there are no applications as '
        "truckfører in the last 12 weeks."
    )
    assert finding.source == CV_SOURCE
    assert result.sought == ("Truckfører", "Lagerarbejder")


def test_1_all_sought_occupations_applied_for_is_said_briefly():
    cv = CvFacts(sought=(Sought(WAREHOUSE, "Lagerarbejder", 3),))
    question = _question(
        cv_against_joblog(
            cv=cv, applications=[_app(1, WAREHOUSE, "Lagerarbejder")], requirements={}
        ),
        UNSEARCHED,
    )
    assert question.findings == ()
    assert question.nothing == (
        'All the occupations under "I am looking for a job as" are applied for.'
    )


def test_1_an_empty_sought_list_is_itself_a_finding():
    question = _question(
        cv_against_joblog(cv=CvFacts(), applications=[], requirements={}), UNSEARCHED
    )
    assert [f.text for f in question.findings] == [
        'Nothing is listed under "I am looking for a job as" in the CV.'
    ]


def test_2_applications_without_experience_or_education_ask_whether_it_is_realistic():
    cv = CvFacts(
        sought=(
            Sought(NURSE, "Sygeplejerske", 0, False),
            Sought(CLEANER, "Rengøringsassistent", 0, True),
        ),
        experience=(
            Experience(7, WAREHOUSE, "Lagerarbejder", "Pluk", "Dagrofa", date(2019, 3, 1)),
        ),
    )
    applications = [
        *(_app(pk, NURSE, "Sygeplejerske", date(2026, 11, pk)) for pk in range(1, 5)),
        _app(5, WAREHOUSE, "Lagerarbejder"),  # experience in the CV
        _app(6, CLEANER, "Rengøringsassistent"),  # education in the CV
    ]
    [finding] = _question(
        cv_against_joblog(cv=cv, applications=applications, requirements={}), REALISTIC
    ).findings
    assert finding.text == (
        "4 applications as sygeplejerske without experience or education in the CV. "
        "Is it realistic?"
    )
    assert finding.source == JOBLOG
    assert [e.pk for e in finding.evidence] == [4, 3, 2, 1]  # newest first
    assert finding.evidence[0].day == date(2026, 11, 4)
    assert finding.evidence[0].text == "Firma 4"


def test_2_years_of_experience_on_the_sought_line_make_it_realistic():
    cv = CvFacts(sought=(Sought(NURSE, "Sygeplejerske", 5, False),))
    question = _question(
        cv_against_joblog(cv=cv, applications=[_app(1, NURSE, "Sygeplejerske")], requirements={}),
        REALISTIC,
    )
    assert question.findings == ()
    assert "experience or education" in question.nothing


def test_2_a_certificate_among_the_courses_counts_as_a_qualification():
    """ "Truckcertifikat B" as a course: applying as truckfører is not "without experience or
    education"."""
    cv = CvFacts(
        sought=(Sought(TRUCK, "Truckfører", 0, False),),
        other_text="truckcertifikat b\nførstehjælp\n",
    )
    applications = [_app(pk, TRUCK, "Truckfører") for pk in (1, 2)]
    result = cv_against_joblog(cv=cv, applications=applications, requirements=REQUIREMENTS)
    assert _question(result, REALISTIC).findings == ()
    assert _question(result, MISSING).findings == ()


def test_2_a_required_skill_picked_from_the_list_counts_as_a_qualification():
    cv = CvFacts(skills=((TRUCK_LICENCE, "Truckcertifikat"),))
    result = cv_against_joblog(
        cv=cv, applications=[_app(1, WAREHOUSE, "Lagerarbejder")], requirements=REQUIREMENTS
    )
    assert _question(result, REALISTIC).findings == ()


def test_2_an_optional_skill_alone_is_no_qualification():
    cv = CvFacts(skills=((STOCK, "Lagerstyring"),))
    result = cv_against_joblog(
        cv=cv, applications=[_app(1, WAREHOUSE, "Lagerarbejder")], requirements=REQUIREMENTS
    )
    assert len(_question(result, REALISTIC).findings) == 1


def test_3_cv_skills_no_occupation_applied_for_asks_for_are_named():
    cv = CvFacts(
        sought=(Sought(WAREHOUSE, "Lagerarbejder", 3),),
        skills=((TRUCK_LICENCE, "Truckcertifikat"), (EXCEL, "Excel"), (CARE, "Personlig pleje")),
    )
    [finding] = _question(
        cv_against_joblog(
            cv=cv, applications=[_app(1, WAREHOUSE, "Lagerarbejder")], requirements=REQUIREMENTS
        ),
        UNUSED,
    ).findings
    assert finding.text == (
        "None of the occupations applied for asks for Excel and Personlig pleje from the CV."
    )
    assert [e.text for e in finding.evidence] == ["Excel", "Personlig pleje"]


def test_3_an_occupation_of_unknown_skills_makes_the_sentence_careful():
    cv = CvFacts(sought=(Sought(WAREHOUSE, "Lagerarbejder", 3),), skills=((EXCEL, "Excel"),))
    applications = [_app(1, WAREHOUSE, "Lagerarbejder"), _app(2, CLEANER, "Rengøringsassistent")]
    [finding] = _question(
        cv_against_joblog(cv=cv, applications=applications, requirements=REQUIREMENTS), UNUSED
    ).findings
    assert "whose requirements are known" in finding.text


def test_3_experience_never_applied_for_is_named_once():
    cv = CvFacts(
        sought=(Sought(NURSE, "Sygeplejerske", 0), Sought(TRUCK, "Truckfører", 0)),
        experience=(
            Experience(
                7,
                WAREHOUSE,
                "Lagerarbejder",
                "Pluk og pak",
                "Dagrofa",
                date(2019, 3, 1),
                date(2024, 6, 1),
            ),
            Experience(
                8, TRUCK, "Truckfører", "Truckfører", "DSV", date(2017, 1, 1), date(2019, 1, 1)
            ),
            Experience(9, None, "", "Avisbud", "Morgenavisen", date(2010, 1, 1)),
        ),
    )
    question = _question(
        cv_against_joblog(cv=cv, applications=[_app(1, NURSE, "Sygeplejerske")], requirements={}),
        UNUSED,
    )
    # Truckfører is sought and not applied for: question 1 says it, so question 3 does not.
    [finding] = question.findings
    assert finding.text == (
        "Experience as lagerarbejder in the CV, but no applications as lagerarbejder in the "
        "last 12 weeks."
    )
    assert [(e.pk, e.text) for e in finding.evidence] == [
        (7, "Pluk og pak, Dagrofa (2019\N{EN DASH}2024)")
    ]


def test_3_nothing_unused():
    cv = CvFacts(sought=(Sought(WAREHOUSE, "Lagerarbejder", 3),), skills=((STOCK, "Lagerstyring"),))
    question = _question(
        cv_against_joblog(
            cv=cv, applications=[_app(1, WAREHOUSE, "Lagerarbejder")], requirements=REQUIREMENTS
        ),
        UNUSED,
    )
    assert question.findings == ()
    assert question.nothing == "The job search uses the skills and experience in the CV."


def test_4_essential_skills_of_the_jobs_applied_for_missing_from_the_cv_are_named():
    cv = CvFacts(sought=(Sought(WAREHOUSE, "Lagerarbejder", 3),))
    applications = [_app(1, WAREHOUSE, "Lagerarbejder"), _app(2, WAREHOUSE, "Lagerarbejder")]
    [finding] = _question(
        cv_against_joblog(cv=cv, applications=applications, requirements=REQUIREMENTS), MISSING
    ).findings
    # Only the essential skill: Lagerstyring is optional.
    assert finding.text == (
        "2 applications as lagerarbejder, but the CV does not show Truckcertifikat, which the "
        "job requires."
    )
    assert [e.pk for e in finding.evidence] == [2, 1]


def test_4_a_skill_shown_as_a_course_or_in_own_words_counts():
    applications = [_app(1, WAREHOUSE, "Lagerarbejder")]
    for cv in (
        CvFacts(skills=((TRUCK_LICENCE, "Truckcertifikat"),)),
        CvFacts(other_text="truckcertifikat b\n"),
    ):
        question = _question(
            cv_against_joblog(cv=cv, applications=applications, requirements=REQUIREMENTS),
            MISSING,
        )
        assert question.findings == ()


def test_4_says_nothing_about_occupations_whose_skills_are_unknown():
    cv = CvFacts(sought=(Sought(CLEANER, "Rengøringsassistent", 3),))
    question = _question(
        cv_against_joblog(
            cv=cv, applications=[_app(1, CLEANER, "Rengøringsassistent")], requirements=REQUIREMENTS
        ),
        MISSING,
    )
    assert question.findings == ()
    assert question.nothing == "What the occupations applied for require is not known."


def test_no_applications_at_all():
    cv = CvFacts(sought=(Sought(WAREHOUSE, "Lagerarbejder", 3),), skills=((EXCEL, "Excel"),))
    result = cv_against_joblog(cv=cv, applications=[], requirements=REQUIREMENTS)
    assert len(_question(result, UNSEARCHED).findings) == 1
    assert _question(result, REALISTIC).nothing == "There are no applications in the last 12 weeks."
    assert _question(result, MISSING).findings == ()
    assert _question(result, UNUSED).findings == ()  # nothing known to hold the skills against


def test_the_most_applied_for_occupation_comes_first():
    cv = CvFacts()
    applications = [
        _app(1, NURSE, "Sygeplejerske"),
        _app(2, CLEANER, "Rengøringsassistent"),
        _app(3, CLEANER, "Rengøringsassistent"),
    ]
    findings = _question(
        cv_against_joblog(cv=cv, applications=applications, requirements={}), REALISTIC
    ).findings
    assert [f.text.split(" ")[3] for f in findings] == ["rengøringsassistent", "sygeplejerske"]


@pytest.mark.parametrize(
    ("title", "inside"),
    [
        ("Truckfører", "truckfører"),
        ("Chauffør (lastbil)", "chauffør (lastbil)"),
        ("IT-supporter", "IT-supporter"),
        ("HR-medarbejder", "HR-medarbejder"),
    ],
)
def test_titles_read_naturally_inside_a_sentence(title, inside):
    assert as_title(title) == inside
