"""The CV held against the Joblog: the method's four questions, answered from data already read.

1. Does the citizen apply for every occupation under "Jeg søger job som"?
2. Do the applications fit the experience and education in the CV (is it realistic)?
3. Are skills and experience in the CV left unused in the job search?
4. Do the occupations applied for require skills the CV does not show?

`cv_against_joblog` is a pure function over plain facts (`CvFacts`, `Application`,
`Requirement`), so each question can be tested with a few hand-made rows; `cv_facts` turns a
CV with its sections prefetched into those facts. What an occupation requires comes from
`occupations.OccupationSkill`; where nothing is known about an occupation, nothing is said.
Each finding carries the Joblog entries or CV lines behind it."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cv.models import CV, DrivingLicence

#: How far back the Joblog is held against the CV.
WEEKS = 12

JOBLOG = "joblog"
CV_SOURCE = "cv"

UNSEARCHED = "unsearched"
REALISTIC = "realistic"
UNUSED = "unused"
MISSING = "missing"

#: Driving licences that include category B (a car).
_CAR_LICENCES = frozenset(DrivingLicence.values) - {"AM", "A1", "A2", "A"}


@dataclass(frozen=True)
class Sought:
    occupation_id: int
    occupation: str
    years_experience: int = 0
    has_education: bool = False


@dataclass(frozen=True)
class Experience:
    pk: int
    occupation_id: int | None
    occupation: str
    job_title: str
    employer: str
    started_on: date
    ended_on: date | None = None


@dataclass(frozen=True)
class CvFacts:
    sought: tuple[Sought, ...] = ()
    experience: tuple[Experience, ...] = ()
    #: (skill id, name) of the skills picked from the list.
    skills: tuple[tuple[int, str], ...] = ()
    #: Lower-cased courses, certificates, driving licences and skills in the citizen's own
    #: words: a required skill named here counts as present.
    other_text: str = ""


@dataclass(frozen=True)
class Application:
    """A job search in the Joblog (an application, unsolicited or to a recruiter)."""

    pk: int
    day: date
    occupation_id: int
    occupation: str
    employer: str
    job_title: str = ""


@dataclass(frozen=True)
class Requirement:
    skill_id: int
    skill: str
    essential: bool


@dataclass(frozen=True)
class Evidence:
    """One Joblog entry or CV line behind a finding."""

    pk: int
    day: date | None
    text: str


@dataclass(frozen=True)
class Finding:
    text: str
    evidence: tuple[Evidence, ...] = ()
    #: Where the whole picture is: JOBLOG or CV_SOURCE.
    source: str = JOBLOG


@dataclass(frozen=True)
class Question:
    key: str
    question: str
    findings: tuple[Finding, ...]
    #: Said when there are no findings.
    nothing: str


@dataclass(frozen=True)
class Findings:
    has_cv: bool
    weeks: int
    questions: tuple[Question, ...] = ()
    #: The titles under "Jeg søger job som", for the page's context.
    sought: tuple[str, ...] = ()


def as_title(title: str) -> str:
    """The occupation as it reads inside a sentence ("som truckfører"); titles that start
    with an abbreviation ("IT-supporter") keep their capitals."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def cv_facts(cv: CV) -> CvFacts:
    """The facts of a CV whose sought occupations, work experience (with occupations), skills
    and courses are prefetched; reads nothing more."""
    other = [course.name for course in cv.courses.all()]
    other.append(cv.other_skills)
    if _CAR_LICENCES.intersection(cv.driving_licences):
        other.append("Kørekort B")
    return CvFacts(
        sought=tuple(
            Sought(s.occupation_id, s.occupation.title, s.years_experience, s.has_education)
            for s in cv.sought_occupations.all()
        ),
        experience=tuple(
            Experience(
                e.pk,
                e.occupation_id,
                e.occupation.title if e.occupation else "",
                e.job_title,
                e.employer,
                e.started_on,
                e.ended_on,
            )
            for e in cv.work_experiences.all()
        ),
        skills=tuple((s.skill_id, s.skill.name) for s in cv.skills.all()),
        other_text="\n".join(other).lower(),
    )


def _entry_evidence(applications: Sequence[Application]) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(
            a.pk,
            a.day,
            f"{a.employer}, {a.job_title}" if a.job_title else a.employer,
        )
        for a in sorted(applications, key=lambda a: (a.day, a.pk), reverse=True)
    )


def _experience_evidence(items: Sequence[Experience]) -> tuple[Evidence, ...]:
    def period(e: Experience) -> str:
        end = e.ended_on.year if e.ended_on else _("now")
        return f"{e.started_on.year}\N{EN DASH}{end}"

    return tuple(
        Evidence(e.pk, e.started_on, f"{e.job_title}, {e.employer} ({period(e)})") for e in items
    )


def _names(names: Sequence[str]) -> str:
    return str(get_text_list(list(names), _("and")))


def _unsearched(
    cv: CvFacts, by_occupation: Mapping[int, list[Application]], weeks: int
) -> Question:
    findings: tuple[Finding, ...]
    if not cv.sought:
        findings = (
            Finding(
                _('Nothing is listed under "I am looking for a job as" in the CV.'), (), CV_SOURCE
            ),
        )
    else:
        findings = tuple(
            Finding(
                _(
                    '%(occupation)s is under "I am looking for a job as", but there are no '
                    "applications as %(as)s in the last %(weeks)d weeks."
                )
                % {"occupation": s.occupation, "as": as_title(s.occupation), "weeks": weeks},
                (),
                CV_SOURCE,
            )
            for s in cv.sought
            if not by_occupation.get(s.occupation_id)
        )
    return Question(
        UNSEARCHED,
        _('Does the citizen apply for all the occupations under "I am looking for a job as"?'),
        findings,
        _('All the occupations under "I am looking for a job as" are applied for.'),
    )


def _shows(cv: CvFacts, requirement: Requirement) -> bool:
    """The CV shows the skill: picked from the list, or named among its courses, certificates,
    licences and own words ("Truckcertifikat B" shows "Truckcertifikat")."""
    return requirement.skill_id in {pk for pk, _name in cv.skills} or (
        requirement.skill.lower() in cv.other_text
    )


def _realistic(
    cv: CvFacts,
    by_occupation: Mapping[int, list[Application]],
    requirements: Mapping[int, Sequence[Requirement]],
    weeks: int,
) -> Question:
    """Backed by experience or education under "Jeg søger job som", by work experience in the
    occupation, or by a qualification the occupation requires (a course, a certificate or a
    skill in the CV)."""
    backed = {e.occupation_id for e in cv.experience if e.occupation_id is not None}
    backed |= {s.occupation_id for s in cv.sought if s.years_experience > 0 or s.has_education}
    findings = []
    for occupation_id, applications in by_occupation.items():
        if occupation_id in backed or any(
            r.essential and _shows(cv, r) for r in requirements.get(occupation_id, ())
        ):
            continue
        title = applications[0].occupation
        findings.append(
            Finding(
                ngettext(
                    "%(n)d application as %(as)s without experience or education in the CV. "
                    "Is it realistic?",
                    "%(n)d applications as %(as)s without experience or education in the CV. "
                    "Is it realistic?",
                    len(applications),
                )
                % {"n": len(applications), "as": as_title(title)},
                _entry_evidence(applications),
                JOBLOG,
            )
        )
    return Question(
        REALISTIC,
        _("Are the applications realistic for the citizen's experience and education?"),
        tuple(findings),
        _no_applications(weeks)
        if not by_occupation
        else _("Every application is for an occupation with experience or education in the CV."),
    )


def _unused(
    cv: CvFacts,
    by_occupation: Mapping[int, list[Application]],
    requirements: Mapping[int, Sequence[Requirement]],
    weeks: int,
) -> Question:
    findings = []
    known = [occ for occ in by_occupation if requirements.get(occ)]
    if known:
        asked = {r.skill_id for occ in known for r in requirements[occ]}
        unused = [(pk, name) for pk, name in cv.skills if pk not in asked]
        if unused:
            if len(known) == len(by_occupation):
                text = _("None of the occupations applied for asks for %(skills)s from the CV.")
            else:
                text = _(
                    "None of the occupations applied for whose requirements are known asks "
                    "for %(skills)s from the CV."
                )
            findings.append(
                Finding(
                    text % {"skills": _names([name for _pk, name in unused])},
                    tuple(Evidence(pk, None, name) for pk, name in unused),
                    CV_SOURCE,
                )
            )
    sought_unapplied = {
        s.occupation_id for s in cv.sought if not by_occupation.get(s.occupation_id)
    }
    by_experience: dict[int, list[Experience]] = defaultdict(list)
    # Applied for, or sought and not applied for (question 1 says so already): not said here.
    said = set(by_occupation) | sought_unapplied
    for e in cv.experience:
        if e.occupation_id is not None and e.occupation_id not in said:
            by_experience[e.occupation_id].append(e)
    for items in by_experience.values():
        findings.append(
            Finding(
                _(
                    "Experience as %(as)s in the CV, but no applications as %(as)s in the "
                    "last %(weeks)d weeks."
                )
                % {"as": as_title(items[0].occupation), "weeks": weeks},
                _experience_evidence(items),
                CV_SOURCE,
            )
        )
    return Question(
        UNUSED,
        _("Are skills and experience in the CV left unused in the job search?"),
        tuple(findings),
        _("The job search uses the skills and experience in the CV."),
    )


def _missing(
    cv: CvFacts,
    by_occupation: Mapping[int, list[Application]],
    requirements: Mapping[int, Sequence[Requirement]],
    weeks: int,
) -> Question:
    findings = []
    for occupation_id, applications in by_occupation.items():
        lacking = [
            r.skill
            for r in requirements.get(occupation_id, ())
            if r.essential and not _shows(cv, r)
        ]
        if lacking:
            findings.append(
                Finding(
                    ngettext(
                        "%(n)d application as %(as)s, but the CV does not show %(skills)s, "
                        "which the job requires.",
                        "%(n)d applications as %(as)s, but the CV does not show %(skills)s, "
                        "which the job requires.",
                        len(applications),
                    )
                    % {
                        "n": len(applications),
                        "as": as_title(applications[0].occupation),
                        "skills": _names(lacking),
                    },
                    _entry_evidence(applications),
                    JOBLOG,
                )
            )
    if not by_occupation:
        nothing = _no_applications(weeks)
    elif not any(requirements.get(occ) for occ in by_occupation):
        nothing = _("What the occupations applied for require is not known.")
    else:
        nothing = _("The CV shows what the occupations applied for require, as far as it is known.")
    return Question(
        MISSING,
        _("Do the jobs applied for require qualifications the CV does not show?"),
        tuple(findings),
        nothing,
    )


def _no_applications(weeks: int) -> str:
    return _("There are no applications in the last %(weeks)d weeks.") % {"weeks": weeks}


def cv_against_joblog(
    *,
    cv: CvFacts | None,
    applications: Sequence[Application],
    requirements: Mapping[int, Sequence[Requirement]],
    weeks: int = WEEKS,
) -> Findings:
    """The four questions answered. `applications` are the job searches of the last `weeks`
    weeks; `requirements` maps an occupation id to its skills (missing or empty: unknown)."""
    if cv is None:
        return Findings(has_cv=False, weeks=weeks)
    grouped: dict[int, list[Application]] = defaultdict(list)
    for application in applications:
        grouped[application.occupation_id].append(application)
    # The most applied-for occupation first; ties by title, so the page reads the same each time.
    by_occupation = dict(
        sorted(grouped.items(), key=lambda item: (-len(item[1]), item[1][0].occupation))
    )
    return Findings(
        has_cv=True,
        weeks=weeks,
        sought=tuple(s.occupation for s in cv.sought),
        questions=(
            _unsearched(cv, by_occupation, weeks),
            _realistic(cv, by_occupation, requirements, weeks),
            _unused(cv, by_occupation, requirements, weeks),
            _missing(cv, by_occupation, requirements, weeks),
        ),
    )
