"""Everything the preparation view ("Forbered samtale") shows, read in a fixed number of
queries however much history the citizen has: two years of Joblog, thirty earlier
conversations and a long CV read as many queries as a first meeting.

How: every list is one query whose size is bounded by a window or a limit (the Joblog of the
period looked at, the ten latest conversations, the open homework), the Joblog is read once as
plain rows and counted in Python, and the rows that belong to the ten conversations shown
(agreements, journal amendments) are selected by a subquery instead of a list of ids, so they
cost one query each whether there are none or many.

The one part whose queries depend on the data (never on its amount) is
`plans.widen.widen_suggestion`: none while no plan's widening date has passed, at most two per
plan A and B otherwise."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.models import Booking, Status
from citizens.models import Citizen
from conversations import findings as cv_findings
from conversations.approach import Approach, approach_for
from conversations.models import JournalAmendment, JournalNote
from conversations.topics import TopicBlock, topic_block
from coservice.models import CoServiceSession
from coservice.selectors import helped_since
from cv.models import CV, CvSkill, SoughtOccupation, WorkExperience
from joblog.models import (
    ANSWERED,
    SEARCH_TYPES,
    ActivityType,
    Channel,
    EntryStatus,
    JoblogEntry,
    PlanLetter,
)
from joblog.rules import yardstick_for
from joblog.selectors import SEARCH
from occupations.models import OccupationSkill
from plans.models import Agreement, Homework, JobTrack, Plan
from plans.widen import MixRow, plan_of, widen_suggestion

#: How many earlier conversations the page shows (the citizen's conversation list has all).
EARLIER = 10
#: Agreements shown when the last conversation made none (or there was none).
LATEST_AGREEMENTS = 5
#: How many occupations and towns the Joblog breadth lists.
TOP = 5

_SEARCHES = frozenset(SEARCH_TYPES)


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class Track:
    letter: str
    label: str
    track: JobTrack | None
    occupations: tuple[str, ...] = ()


@dataclass(frozen=True)
class HomeworkLine:
    homework: Homework
    overdue: bool
    due_today: bool


@dataclass(frozen=True)
class EarlierConversation:
    booking: Booking
    agreements: tuple[Agreement, ...]
    note: JournalNote | None
    amendments: tuple[JournalAmendment, ...]


@dataclass(frozen=True)
class JoblogPeriod:
    """The Joblog from `since` to `until`: since the last held conversation, or, when there
    was none, over the yardstick's period."""

    since: date
    until: date
    last_conversation: Booking | None
    entries: int
    searches: int
    per_week: Decimal
    yardstick_per_week: Decimal
    answered: int
    interviews: int
    hired: int
    occupation_count: int
    occupations: tuple[Count, ...]
    plans: tuple[MixRow, ...]
    town_count: int
    towns: tuple[Count, ...]
    channels: tuple[Count, ...]

    @property
    def met(self) -> bool:
        return self.per_week >= self.yardstick_per_week

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1


@dataclass(frozen=True)
class Preparation:
    booking: Booking
    citizen: Citizen
    today: date
    approach: Approach
    plan: Plan | None
    tracks: tuple[Track, ...]
    widen: str | None
    homework: tuple[HomeworkLine, ...]
    #: The agreements of the last held conversation, or the latest ones if it made none.
    agreements: tuple[Agreement, ...]
    agreements_from_last_conversation: bool
    joblog: JoblogPeriod
    findings: cv_findings.Findings
    earlier: tuple[EarlierConversation, ...]
    #: More earlier conversations than shown.
    more_earlier: bool
    #: What the citizen's chosen topic opens the page with (`conversations.topics`).
    topic: TopicBlock | None = None
    #: Co-service since the Joblog period began in which the citizen changed something.
    helped: tuple[CoServiceSession, ...] = ()


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))


def _earlier_held(booking: Booking) -> QuerySet[Booking]:
    return Booking.objects.filter(
        citizen_id=booking.citizen_id, status=Status.HELD, start__lt=booking.start
    ).order_by("-start", "-pk")


def _plan(citizen: Citizen) -> tuple[Plan | None, tuple[Track, ...], dict[int, str]]:
    """The plan with its tracks (two queries), and the tracks' occupations (one) with the
    plan letter of each occupation (as `plans.widen.track_letters`)."""
    plan = (
        Plan.objects.filter(citizen=citizen)
        .prefetch_related(Prefetch("tracks", JobTrack.objects.all()))
        .first()
    )
    titles: dict[int, list[str]] = defaultdict(list)
    letters: dict[int, str] = {}
    links = (
        JobTrack.occupations.through.objects.filter(jobtrack__plan__citizen=citizen)
        .order_by("occupation__title")
        .values_list("jobtrack_id", "occupation__title", "occupation_id", "jobtrack__letter")
    )
    for track_id, title, occupation_id, letter in links:
        titles[track_id].append(title)
        letters[occupation_id] = min(letter, letters.get(occupation_id, letter))
    by_letter = {t.letter: t for t in plan.tracks.all()} if plan else {}
    tracks = []
    for letter, label in PlanLetter.choices:
        track = by_letter.get(letter)
        tracks.append(Track(letter, str(label), track, tuple(titles[track.pk]) if track else ()))
    return plan, tuple(tracks), letters


def _earlier(booking: Booking) -> tuple[list[Booking], dict[int, list[JournalAmendment]]]:
    held = _earlier_held(booking)
    rows = list(
        held.select_related("topic", "consultant", "journal_note", "journal_note__author")[
            : EARLIER + 1
        ]
    )
    amendments: dict[int, list[JournalAmendment]] = defaultdict(list)
    for amendment in JournalAmendment.objects.filter(
        note__booking__in=held.values("pk")[:EARLIER]
    ).select_related("author"):
        amendments[amendment.note_id].append(amendment)
    return rows, amendments


def _agreements(booking: Booking) -> list[Agreement]:
    """The agreements of the conversations shown, and the latest few; newest first."""
    of_citizen = Agreement.objects.filter(plan__citizen_id=booking.citizen_id)
    latest = of_citizen.order_by("-created_at", "-id").values("pk")[:LATEST_AGREEMENTS]
    shown = _earlier_held(booking).values("pk")[:EARLIER]
    return list(
        of_citizen.filter(Q(conversation__in=shown) | Q(pk__in=latest)).order_by(
            "-created_at", "-id"
        )
    )


def _counts(counter: Counter[str], limit: int | None = None) -> tuple[Count, ...]:
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Count(label, n) for label, n in ordered[:limit])


def _joblog(
    citizen: Citizen, last: Booking | None, until: date, letters: dict[int, str]
) -> tuple[JoblogPeriod, list[cv_findings.Application]]:
    """The Joblog period's figures and the job searches of the findings' window, from one
    read of the rows (and one of the yardstick)."""
    rule = yardstick_for(citizen)
    since = timezone.localdate(last.start) if last else until - timedelta(days=rule.period_days - 1)
    since = min(since, until)
    findings_from = until - timedelta(weeks=cv_findings.WEEKS) + timedelta(days=1)
    rows = (
        JoblogEntry.objects.filter(
            citizen=citizen, date__gte=min(since, findings_from), date__lte=until
        )
        .exclude(status=EntryStatus.PLANNED)
        .values_list(
            "pk",
            "date",
            "activity",
            "status",
            "plan",
            "town",
            "channel",
            "employer",
            "job_title",
            "occupation_id",
            "occupation__title",
        )
    )
    applications = []
    entries = searches = answered = interviews = hired = 0
    occupations: Counter[str] = Counter()
    plans: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    towns: Counter[str] = Counter()
    town_names: dict[str, str] = {}
    for pk, day, activity, status, plan, town, channel, employer, title, occ_id, occ in rows:
        is_search = activity in _SEARCHES
        if is_search and day >= findings_from:
            applications.append(cv_findings.Application(pk, day, occ_id, occ, employer, title))
        if day < since:
            continue
        entries += 1
        searches += is_search
        answered += status in ANSWERED
        interviews += status == EntryStatus.INTERVIEW or activity == ActivityType.INTERVIEW
        hired += status == EntryStatus.HIRED
        occupations[occ] += 1
        plans[plan_of(plan, occ_id, letters)] += 1
        channels[str(Channel(channel).label) if channel in Channel.values else channel] += 1
        if town.strip():
            key = town.strip().lower()
            town_names.setdefault(key, town.strip())
            towns[town_names[key]] += 1
    days = (until - since).days + 1
    weeks = Decimal(max(days, 7)) / 7
    mix = [(str(label), plans.get(letter, 0)) for letter, label in PlanLetter.choices]
    mix.append((_("Not placed in a plan"), plans.get("", 0)))
    period = JoblogPeriod(
        since=since,
        until=until,
        last_conversation=last,
        entries=entries,
        searches=searches,
        per_week=_quantize(searches / weeks),
        yardstick_per_week=_quantize(rule.searches * 7 / rule.period_days),
        answered=answered,
        interviews=interviews,
        hired=hired,
        occupation_count=len(occupations),
        occupations=_counts(occupations, TOP),
        plans=tuple(
            MixRow(label, n, round(100 * n / entries) if entries else 0) for label, n in mix
        ),
        town_count=len(towns),
        towns=_counts(towns, TOP),
        channels=_counts(channels),
    )
    return period, applications


def _cv(citizen: Citizen) -> CV | None:
    """The CV sections the findings read: five queries, or one without a CV."""
    return (
        CV.objects.filter(citizen=citizen)
        .prefetch_related(
            Prefetch("sought_occupations", SoughtOccupation.objects.select_related("occupation")),
            Prefetch("work_experiences", WorkExperience.objects.select_related("occupation")),
            Prefetch("skills", CvSkill.objects.select_related("skill")),
            "courses",
        )
        .first()
    )


def _requirements(
    citizen: Citizen, since: date, until: date
) -> dict[int, list[cv_findings.Requirement]]:
    """The skills of every occupation searched for in the findings' window (one query)."""
    searched = JoblogEntry.objects.filter(
        SEARCH, citizen=citizen, date__gte=since, date__lte=until
    ).values("occupation_id")
    found: dict[int, list[cv_findings.Requirement]] = defaultdict(list)
    for link in (
        OccupationSkill.objects.filter(occupation_id__in=searched)
        .select_related("skill")
        .order_by("skill__name")
    ):
        found[link.occupation_id].append(
            cv_findings.Requirement(link.skill_id, link.skill.name, link.essential)
        )
    return found


@dataclass(frozen=True)
class Essentials:
    """What the conversation stands on: the plan, the Joblog since last time and the CV held
    against it. The preparation shows it among the rest; the guide in its side panel."""

    plan: Plan | None
    tracks: tuple[Track, ...]
    joblog: JoblogPeriod
    findings: cv_findings.Findings
    cv: CV | None


def essentials_for(booking: Booking, today: date, last: Booking | None) -> Essentials:
    """Eleven queries whatever the history: the plan (three), the Joblog (two), the CV (five)
    and the skills of the occupations searched for (one)."""
    citizen = booking.citizen
    until = min(today, timezone.localdate(booking.start))
    plan, tracks, letters = _plan(citizen)
    joblog, applications = _joblog(citizen, last, until, letters)
    cv = _cv(citizen)
    findings_from = until - timedelta(weeks=cv_findings.WEEKS) + timedelta(days=1)
    findings = cv_findings.cv_against_joblog(
        cv=cv_findings.cv_facts(cv) if cv else None,
        applications=applications,
        requirements=_requirements(citizen, findings_from, until),
    )
    return Essentials(plan, tracks, joblog, findings, cv)


def side_panel(*, booking: Booking, today: date) -> Essentials:
    """The guide's side panel: the essentials since the last held conversation (one query
    more)."""
    return essentials_for(booking, today, _earlier_held(booking).first())


def preparation_for(*, booking: Booking, today: date) -> Preparation:
    """What the consultant reads before `booking`. The booking comes with its citizen, the
    citizen's user and job centre, its topic and room selected (`conversation_get`).

    The Joblog is looked at up to today, or up to the conversation's day if it lies behind."""
    citizen = booking.citizen
    homework = [
        HomeworkLine(h, h.due < today, h.due == today)
        for h in Homework.objects.filter(plan__citizen=citizen, done_at__isnull=True).order_by(
            "due", "pk"
        )
    ]
    earlier, amendments = _earlier(booking)
    agreements = _agreements(booking)
    by_conversation: dict[int, list[Agreement]] = defaultdict(list)
    for agreement in agreements:
        if agreement.conversation_id is not None:
            by_conversation[agreement.conversation_id].append(agreement)
    last = earlier[0] if earlier else None
    last_time = by_conversation.get(last.pk, []) if last else []
    essentials = essentials_for(booking, today, last)
    conversations = []
    for held in earlier[:EARLIER]:
        note = getattr(held, "journal_note", None)
        conversations.append(
            EarlierConversation(
                held,
                tuple(reversed(by_conversation.get(held.pk, []))),
                note,
                tuple(amendments.get(note.pk, [])) if note else (),
            )
        )
    plan = essentials.plan
    return Preparation(
        booking=booking,
        citizen=citizen,
        today=today,
        approach=approach_for(citizen, today),
        plan=plan,
        tracks=essentials.tracks,
        widen=widen_suggestion(plan, today) if plan else None,
        homework=tuple(homework),
        agreements=tuple(last_time or agreements[:LATEST_AGREEMENTS]),
        agreements_from_last_conversation=bool(last_time),
        joblog=essentials.joblog,
        findings=essentials.findings,
        earlier=tuple(conversations),
        more_earlier=len(earlier) > EARLIER,
        topic=topic_block(booking, essentials.cv, today),
        helped=tuple(
            helped_since(
                citizen_id=citizen.pk,
                since=datetime.combine(
                    essentials.joblog.since, time.min, tzinfo=timezone.get_current_timezone()
                ),
            )
        ),
    )
