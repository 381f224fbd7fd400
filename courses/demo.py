"""Demo data for company-oriented courses in "Jobcenter Demo": 25 courses over the last year
in every status and kind, made through the services (so every rule and the history hold) and
then moved back in time. A dozen have ended, several in an ordinary job. "borger" is in a
running internship (seen in her Min Plan); another of konsulent's citizens has an agreement
the company has approved and the job centre not yet; one is a draft.

Runs after the labour demo (it needs the centre's companies and their contacts). Safe to run
twice: a centre that has courses is left alone."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Role, User
from centres.models import JobCentre
from citizens.models import Citizen
from courses import services
from courses.models import Course, CourseApproval, CourseEvent, Kind, Outcome, Party, Status
from courses.services import CourseTerms
from labour.models import Company

TASKS = {
    Kind.INTERNSHIP: [
        "Plukke og pakke varer på lageret; lære at køre med palleløfter.",
        "Fylde varer op, holde butikken ryddelig og hjælpe kunderne til rette.",
        "Køkkenhjælp: opvask, forberedelse af grøntsager og rengøring af køkkenet.",
        "Rengøring af kontorer og fællesarealer efter fast plan.",
        "Modtage varer, tjekke følgesedler og sætte varer på plads.",
    ],
    Kind.WAGE_SUBSIDY: [
        "Lagerarbejde med ansvar for varemodtagelse og forsendelse.",
        "Kundeservice i telefonen og på mail; registrering af ordrer.",
        "Pleje og praktisk hjælp til beboerne sammen med en fast kollega.",
    ],
    Kind.ORDINARY_HOURS: [
        "Rengøring om morgenen, 3 timer dagligt.",
        "Opfyldning i weekenden og aftenvagter i butikken.",
    ],
}
MENTORS = ["Ole Bak", "Hanne Friis", "Jimmi Larsen", "Susanne Koch", "Kenneth Møller", ""]
#: (status, kind, days from today to the first day, length in days, outcome)
PLAN: list[tuple[str, str, int, int, str]] = [
    (Status.ENDED, Kind.INTERNSHIP, -350, 28, Outcome.JOB_AT_COMPANY),
    (Status.ENDED, Kind.WAGE_SUBSIDY, -340, 182, Outcome.JOB_AT_COMPANY),
    (Status.ENDED, Kind.INTERNSHIP, -300, 21, Outcome.NO_JOB),
    (Status.ENDED, Kind.ORDINARY_HOURS, -280, 84, Outcome.JOB_ELSEWHERE),
    (Status.ENDED, Kind.INTERNSHIP, -250, 28, Outcome.EDUCATION),
    (Status.ENDED, Kind.INTERNSHIP, -210, 14, Outcome.NO_JOB),
    (Status.ENDED, Kind.WAGE_SUBSIDY, -200, 120, Outcome.JOB_AT_COMPANY),
    (Status.ENDED, Kind.INTERNSHIP, -160, 28, Outcome.OTHER),
    (Status.ENDED, Kind.INTERNSHIP, -120, 28, Outcome.JOB_ELSEWHERE),
    (Status.ENDED, Kind.ORDINARY_HOURS, -110, 56, Outcome.NO_JOB),
    (Status.ENDED, Kind.INTERNSHIP, -75, 21, Outcome.JOB_AT_COMPANY),
    (Status.ENDED, Kind.INTERNSHIP, -50, 28, Outcome.EDUCATION),
    (Status.RUNNING, Kind.WAGE_SUBSIDY, -60, 182, ""),
    (Status.RUNNING, Kind.INTERNSHIP, -12, 28, ""),
    (Status.RUNNING, Kind.ORDINARY_HOURS, -20, 84, ""),
    (Status.RUNNING, Kind.INTERNSHIP, -5, 21, ""),
    (Status.APPROVED, Kind.INTERNSHIP, 7, 28, ""),
    (Status.APPROVED, Kind.WAGE_SUBSIDY, 14, 120, ""),
    (Status.APPROVED, Kind.INTERNSHIP, 21, 14, ""),
    (Status.AWAITING_APPROVAL, Kind.INTERNSHIP, 10, 28, ""),
    (Status.AWAITING_APPROVAL, Kind.ORDINARY_HOURS, 14, 56, ""),
    (Status.DRAFT, Kind.INTERNSHIP, 21, 28, ""),
    (Status.CANCELLED, Kind.INTERNSHIP, -230, 28, ""),
    (Status.CANCELLED, Kind.WAGE_SUBSIDY, -90, 120, ""),
    (Status.CANCELLED, Kind.INTERNSHIP, 5, 21, ""),
]
#: The course of "borger": running, so it shows in her Min Plan.
BORGER_COURSE = 13
#: The agreement awaiting the job centre's approval (the company has approved).
HALF_APPROVED = 19
#: How far the cancelled ones (by index) got before they were cancelled.
CANCELLED_FROM = {22: Status.APPROVED, 23: Status.AWAITING_APPROVAL, 24: Status.DRAFT}
AGREED = (Status.APPROVED, Status.RUNNING, Status.ENDED)
CANCEL_REASONS = [
    "Borgeren fik selv job inden start.",
    "Virksomheden kunne alligevel ikke tage imod.",
    "Borgeren blev syg.",
]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=timezone.get_current_timezone())


def _hours(rng, kind: str) -> int:
    if kind == Kind.WAGE_SUBSIDY:
        return 37
    if kind == Kind.ORDINARY_HOURS:
        return rng.choice([8, 10, 12, 15])
    return rng.choice([20, 25, 30, 37])


def _back_in_time(course: Course, agreed: date) -> None:
    """Moves the record of the agreement back to the day it was made (demo only)."""
    cancelled = max(agreed, min(agreed + timedelta(days=2), timezone.localdate() - timedelta(1)))
    Course.objects.filter(pk=course.pk).update(
        created_at=_at(agreed, 9),
        submitted_at=_at(agreed, 10) if course.submitted_at else None,
        approved_at=_at(agreed, 11) if course.approved_at else None,
        cancelled_at=_at(cancelled, 13) if course.cancelled_at else None,
    )
    CourseApproval.objects.filter(course=course).update(approved_at=_at(agreed, 11))
    hours = {"created": 9, "updated": 9, "submitted": 10, "cancelled": 13}
    for event in CourseEvent.objects.filter(course=course):
        if event.action == "started" and course.started_on:
            at = _at(course.started_on, 8)
        elif event.action == "ended" and course.ended_on:
            at = _at(course.ended_on, 15)
        elif event.action == "cancelled":
            at = _at(cancelled, 13)
        else:
            at = _at(agreed, hours.get(event.action, 11))
        CourseEvent.objects.filter(pk=event.pk).update(at=at)


def _citizens(demo: JobCentre, konsulent: User) -> list[Citizen]:
    own = list(
        Citizen.objects.filter(job_centre=demo, responsible_consultant=konsulent)
        .select_related("user")
        .order_by("user__username")[:40]
    )
    borger = [c for c in own if c.user.username == "borger"]
    others = [c for c in own if c.user.username != "borger"]
    if not borger:
        borger = list(Citizen.objects.filter(user__username="borger", job_centre=demo))
    return borger + others


def seed(rng, stdout) -> None:
    demo = JobCentre.objects.get(name="Jobcenter Demo")
    if Course.objects.filter(job_centre=demo).exists():
        return
    companies = list(Company.objects.filter(job_centre=demo).prefetch_related("contacts"))
    konsulent = User.objects.filter(username="konsulent").first()
    business = User.objects.filter(job_centre=demo, role=Role.BUSINESS_CONSULTANT).first()
    citizens = _citizens(demo, konsulent) if konsulent else []
    if konsulent is None or not companies or len(citizens) < len(PLAN):
        stdout.write("  courses: skipped (no companies or too few citizens)")
        return
    today = timezone.localdate()
    # "borger" first (the running internship), then the rest in a stable shuffled order.
    order = citizens[:1] + rng.sample(citizens[1:], len(PLAN) - 1)
    order.insert(BORGER_COURSE, order.pop(0))
    for index, ((status, kind, offset, length, outcome), citizen) in enumerate(
        zip(PLAN, order, strict=True)
    ):
        company = rng.choice(companies)
        contacts = list(company.contacts.all())
        contact = rng.choice(contacts) if contacts else None
        consultant = business if business and index % 4 == 3 else konsulent
        starts_on = today + timedelta(days=offset)
        terms = CourseTerms(
            kind=kind,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=length - 1),
            hours_per_week=_hours(rng, kind),
            tasks=rng.choice(TASKS[Kind(kind)]),
            contact=contact,
            mentor_name=rng.choice(MENTORS),
            mentor_phone=f"+45{rng.randrange(20000000, 99999999)}",
            consultant=consultant,
        )
        course = services.course_create(
            job_centre=demo, citizen=citizen, company=company, terms=terms, created_by=consultant
        )
        name = contact.name if contact else "Kontaktperson"
        reach = CANCELLED_FROM.get(index, status)
        if reach != Status.DRAFT:
            services.course_submit_for_approval(course=course, actor=consultant)
        if reach in AGREED or index == HALF_APPROVED:
            services.course_approve(
                course=course,
                party=Party.COMPANY,
                by_user=consultant,
                by_name=name,
                version=course.version,
            )
        if reach in AGREED:
            services.course_approve(
                course=course, party=Party.JOB_CENTRE, by_user=consultant, version=course.version
            )
        if reach in (Status.RUNNING, Status.ENDED):
            services.course_start(course=course, actor=consultant, on=starts_on)
        if reach == Status.ENDED:
            note = "Fortsætter i fritidsjob." if outcome == Outcome.OTHER else ""
            services.course_end(course=course, actor=consultant, outcome=outcome, note=note)
        if status == Status.CANCELLED:
            services.course_cancel(
                course=course, actor=consultant, reason=rng.choice(CANCEL_REASONS)
            )
        agreed = min(
            starts_on - timedelta(days=rng.randint(5, 14)),
            today - timedelta(days=rng.randint(1, 4)),
        )
        _back_in_time(course, agreed)
    stdout.write(f"  courses: {len(PLAN)}")
