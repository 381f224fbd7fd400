"""Demo sparring events in "Jobcenter Demo", team "Jobparate dagpenge": the intensive week in ISO
week 39 (the last one that has ended) where the seven consultants brought 3 citizens each, set a
goal of 14 and reached 17, its programme ticked off; last month's sparring session with three
citizens; and next month's session, which konsulent and konsulent05 have begun to bring
citizens to.

The results are real: the course agreements behind them are made through `courses.services`
(with approvals and history, then moved back in time like `courses.demo` does) for citizens
who had no course before, so the courses demo's own figures stand. Runs after `courses.demo`.
Safe to run twice: a team that has sparring events is left alone."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Role, User
from centres.models import Team
from citizens.models import Citizen
from courses import services as course_services
from courses.demo import TASKS, _back_in_time, _hours
from courses.models import Kind, Outcome, Party
from courses.services import CourseTerms
from labour.models import Company
from learning.models import SparringCase, SparringEvent, SparringKind
from learning.services import sparring as services
from learning.services.sparring import EventTerms

TEAM = "Jobparate dagpenge"
CONSULTANTS = ["konsulent", *(f"konsulent{n:02d}" for n in range(2, 8))]
WEEK_GOAL = 14
WEEK_RESULT = 17
SESSION_GOAL = 2
SESSION_RESULT = 1
#: The follow-up period of a monthly session: agreements made within it count.
SESSION_DAYS = 14
QUESTIONS = [
    "Motiveret for praktik, men har ingen erfaring fra branchen. Hvilke virksomheder?",
    "Vil gerne arbejde med kunder; hvordan kommer vi i gang?",
    "Har været ledig længe. Hvad kan være et første skridt?",
    "Ønsker løntilskud inden for lager og logistik.",
    "Usikker på egne kompetencer; kan en praktik afklare dem?",
    "Kan virksomhedscentret være en vej ind?",
    "Vil gerne have ordinære timer ved siden af dagpengene.",
    "Har truckcertifikat. Hvilke virksomheder mangler folk lige nu?",
    "Taler godt dansk, men skriver det svært. Hvilke job passer?",
    "Har prøvet mange ansøgninger uden svar. Hvordan kommer vi tættere på en arbejdsgiver?",
]
WEEK_PURPOSE = (
    "En uge med intensivt fokus på den virksomhedsrettede indsats: hver konsulent tager tre "
    "borgere med, og sammen sikrer vi så mange som muligt et virksomhedsrettet forløb."
)
SESSION_PURPOSE = (
    "Månedlig faglig sparring om tre udvalgte borgere. Aftaler, der indgås de følgende to uger, "
    "tæller med."
)
MENTORS = ["Ole Bak", "Hanne Friis", "Jimmi Larsen", "Susanne Koch", ""]


def last_week_39(today: date) -> tuple[date, date]:
    """Monday and Friday of the most recent ISO week 39 that is over."""
    year = today.year if date.fromisocalendar(today.year, 39, 5) < today else today.year - 1
    monday = date.fromisocalendar(year, 39, 1)
    return monday, monday + timedelta(days=4)


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _month_day(today: date, months: int, day: int) -> date:
    """`day` of the month `months` from today's (negative: back), moved off a weekend."""
    month_index = today.year * 12 + today.month - 1 + months
    return _weekday_on_or_after(date(month_index // 12, month_index % 12 + 1, day))


def _free_citizens(consultant: User, used: set[int]) -> list[Citizen]:
    """The consultant's citizens who have never had a course (and are not brought yet)."""
    return [
        c
        for c in Citizen.objects.filter(
            job_centre_id=consultant.job_centre_id,
            responsible_consultant=consultant,
            courses__isnull=True,
        )
        .select_related("user")
        .order_by("user__username")[:30]
        if c.pk not in used
    ]


def _bring(rng, event, consultant, citizens, used, n, today) -> list[SparringCase]:
    chosen = rng.sample(citizens, min(n, len(citizens)))
    cases = []
    for citizen in chosen:
        used.add(citizen.pk)
        cases.append(
            services.sparring_case_add(
                event=event,
                consultant=consultant,
                citizen=citizen,
                question=rng.choice(QUESTIONS),
                today=today,
            )
        )
    return cases


def _agree(rng, case: SparringCase, companies: list[Company], agreed: date, today: date) -> None:
    """A real course agreement for the case's citizen, approved on `agreed`; begun and ended
    as the dates since allow."""
    kind = rng.choice([Kind.INTERNSHIP] * 4 + [Kind.WAGE_SUBSIDY] * 2 + [Kind.ORDINARY_HOURS])
    length = {Kind.INTERNSHIP: 28, Kind.WAGE_SUBSIDY: 182, Kind.ORDINARY_HOURS: 84}[kind]
    starts_on = agreed + timedelta(days=rng.randint(3, 10))
    company = rng.choice(companies)
    contacts = list(company.contacts.all())
    contact = rng.choice(contacts) if contacts else None
    consultant = case.consultant
    terms = CourseTerms(
        kind=kind,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=length - rng.randint(1, 14)),
        hours_per_week=_hours(rng, kind),
        tasks=rng.choice(TASKS[kind]),
        contact=contact,
        mentor_name=rng.choice(MENTORS),
        mentor_phone=f"+45{rng.randrange(20000000, 99999999)}",
        consultant=consultant,
    )
    course = course_services.course_create(
        job_centre=case.citizen.job_centre,
        citizen=case.citizen,
        company=company,
        terms=terms,
        created_by=consultant,
    )
    course_services.course_submit_for_approval(course=course, actor=consultant)
    course_services.course_approve(
        course=course,
        party=Party.COMPANY,
        by_user=consultant,
        by_name=contact.name if contact else "Kontaktperson",
        version=course.version,
    )
    course_services.course_approve(
        course=course, party=Party.JOB_CENTRE, by_user=consultant, version=course.version
    )
    if starts_on <= today:
        course_services.course_start(course=course, actor=consultant, on=starts_on)
        if course.ends_on < today:
            outcome = rng.choice(
                [Outcome.JOB_AT_COMPANY, Outcome.JOB_ELSEWHERE, Outcome.NO_JOB, Outcome.EDUCATION]
            )
            course_services.course_end(course=course, actor=consultant, outcome=outcome)
    _back_in_time(course, agreed)


def seed(rng, stdout) -> None:
    team = Team.objects.filter(job_centre__name="Jobcenter Demo", name=TEAM).first()
    if team is None or SparringEvent.objects.filter(team=team).exists():
        return
    leader = User.objects.filter(team=team, role=Role.TEAM_LEADER, username="teamleder").first()
    consultants = list(User.objects.filter(team=team, username__in=CONSULTANTS))
    consultants.sort(key=lambda u: CONSULTANTS.index(u.username))
    companies = list(Company.objects.filter(job_centre=team.job_centre).order_by("pk"))
    if leader is None or len(consultants) < 3 or not companies:
        stdout.write("  sparring: skipped (no team leader, consultants or companies)")
        return
    today = timezone.localdate()
    used: set[int] = set()

    # The intensive week: everyone brings three, the goal is 14, and 17 got a course.
    monday, friday = last_week_39(today)
    week = services.sparring_event_create(
        team=team,
        created_by=leader,
        kind=SparringKind.WEEK,
        terms=EventTerms(
            title="", starts_on=monday, ends_on=friday, goal_count=WEEK_GOAL, purpose=WEEK_PURPOSE
        ),
    )
    cases = []
    for consultant in consultants:
        mine = _free_citizens(consultant, used)
        cases += _bring(rng, week, consultant, mine, used, 3, monday)
    for case in rng.sample(cases, min(WEEK_RESULT, len(cases))):
        _agree(rng, case, companies, monday + timedelta(days=rng.randint(1, 4)), today)
    week.programme.update(done=True)

    # Last month's session: three citizens in focus, one agreement in the follow-up period.
    day = _month_day(today, -1, 8)
    session = services.sparring_event_create(
        team=team,
        created_by=leader,
        kind=SparringKind.SESSION,
        terms=EventTerms(
            title="",
            starts_on=day,
            ends_on=day + timedelta(days=SESSION_DAYS - 1),
            goal_count=SESSION_GOAL,
            purpose=SESSION_PURPOSE,
        ),
    )
    session_cases = []
    for consultant in rng.sample(consultants[1:], 3):
        session_cases += _bring(
            rng, session, consultant, _free_citizens(consultant, used), used, 1, day
        )
    for case in session_cases[:SESSION_RESULT]:
        _agree(rng, case, companies, day + timedelta(days=rng.randint(1, 6)), today)

    # Next month's session: konsulent and konsulent05 have brought a citizen each.
    coming_day = _month_day(today, 1, 10)
    coming = services.sparring_event_create(
        team=team,
        created_by=leader,
        kind=SparringKind.SESSION,
        terms=EventTerms(
            title="",
            starts_on=coming_day,
            ends_on=None,
            goal_count=SESSION_GOAL,
            purpose=SESSION_PURPOSE,
        ),
    )
    for consultant in (consultants[0], consultants[min(4, len(consultants) - 1)]):
        _bring(rng, coming, consultant, _free_citizens(consultant, used), used, 1, today)
    stdout.write(
        f"  sparring: 3 events, {SparringCase.objects.filter(event__team=team).count()} citizens"
    )
