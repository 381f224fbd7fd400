"""The KPIs leaders know, as data: what each one counts (its definition, shown on the
dashboard), its unit, the levels it may be shown at, whether it is built on citizens (and so
hidden under the job centre's threshold, `common.small_numbers`) and, for the self-booking
share, its traffic lights.
`kpis.compute` computes each of them by its key."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kpis.models import Level

PERCENT, PER_WEEK, COUNT, SCORE = "percent", "per_week", "count", "score"

ALL_LEVELS = (Level.CENTRE, Level.TEAM, Level.CONSULTANT)
#: Satisfaction is never shown per consultant (DOMAIN: only ever aggregated).
NOT_PER_CONSULTANT = (Level.CENTRE, Level.TEAM)


@dataclass(frozen=True)
class Lights:
    """Green at or above `green`, yellow at or above `yellow`, else red."""

    green: float
    yellow: float


@dataclass(frozen=True)
class Kpi:
    key: str
    label: Promise
    definition: Promise
    unit: str
    levels: tuple = ALL_LEVELS
    #: Built on citizens or answers: a cell on fewer than the job centre's threshold is hidden.
    protected: bool = True
    #: Shown only when at least `common.small_numbers.MIN_CONSULTANTS` consultants held the
    #: conversations behind it (satisfaction: never one consultant's figure).
    several_consultants: bool = False
    higher_is_better: bool = True
    lights: Lights | None = None
    group: Promise = field(default=_("Conversations"))

    @property
    def target_bounds(self) -> tuple[Decimal, Decimal | None]:
        if self.unit == PERCENT:
            return Decimal(0), Decimal(100)
        if self.unit == SCORE:
            return Decimal(1), Decimal(10)
        return Decimal(0), None


CONVERSATIONS = _("Conversations")
JOBLOG = _("Joblog and job suggestions")
SATISFACTION = _("Citizen satisfaction")
LEARNING = _("Action learning")
COURSES = _("Company-oriented courses")

KPIS: tuple[Kpi, ...] = (
    Kpi(
        "self_booking_share",
        _("Self-booking share"),
        _(
            "Self-booked conversations divided by self-booked plus summoned conversations that "
            "took place (held or no-show) in the period. Facilitated bookings count as "
            "self-booked. Green from 75 %, yellow from 60 %, red below."
        ),
        PERCENT,
        lights=Lights(green=75, yellow=60),
    ),
    Kpi(
        "facilitated_share",
        _("Facilitated share of self-bookings"),
        _(
            "Self-bookings made together with a consultant (the turned screen) divided by all "
            "self-bookings of conversations in the period."
        ),
        PERCENT,
        higher_is_better=False,
    ),
    Kpi(
        "no_show_rate",
        _("No-show rate"),
        _("Conversations the citizen did not come to, divided by those held or not come to."),
        PERCENT,
        higher_is_better=False,
    ),
    Kpi(
        "conversations_per_week",
        _("Conversations held per consultant per week"),
        _(
            "Held conversations divided by the number of consultants who held any and by the "
            "weeks of the period (for one consultant: their own per week)."
        ),
        PER_WEEK,
    ),
    Kpi(
        "deadlines_missed",
        _("Booking deadlines missed"),
        _(
            "Booking deadlines in the period that passed without a booking, by the citizen's "
            "responsible consultant."
        ),
        COUNT,
        higher_is_better=False,
    ),
    Kpi(
        "joblog_active_14",
        _("Joblog use, last 14 days"),
        _(
            "Share of the citizens who had an entry in their Joblog dated in the 14 days up to "
            "the end of the period."
        ),
        PERCENT,
        group=JOBLOG,
    ),
    Kpi(
        "joblog_active_30",
        _("Joblog use, last 30 days"),
        _(
            "Share of the citizens who had an entry in their Joblog dated in the 30 days up to "
            "the end of the period."
        ),
        PERCENT,
        group=JOBLOG,
    ),
    Kpi(
        "searches_per_week",
        _("Job searches per citizen per week"),
        _(
            "Applications, unsolicited applications and CVs sent to recruiters in the Joblog, "
            "per citizen per week of the period. The common yardstick is 1.5 a week."
        ),
        PER_WEEK,
        group=JOBLOG,
    ),
    Kpi(
        "suggestions_on_time",
        _("Job suggestions checked on time"),
        _(
            "Share of the weekly job suggestions due in the period that the citizen checked no "
            "later than the day they were due."
        ),
        PERCENT,
        group=JOBLOG,
    ),
    Kpi(
        "satisfaction_average",
        _("Satisfaction, average"),
        _(
            'Average answer (1-10) to "Hvordan fungerede den her samtale for dig i dag?" given '
            "in the period. Never shown per consultant."
        ),
        SCORE,
        levels=NOT_PER_CONSULTANT,
        several_consultants=True,
        group=SATISFACTION,
    ),
    Kpi(
        "satisfaction_share_8_10",
        _("Satisfied (8-10)"),
        _("Share of the answers in the period that were 8, 9 or 10. Never shown per consultant."),
        PERCENT,
        levels=NOT_PER_CONSULTANT,
        several_consultants=True,
        group=SATISFACTION,
    ),
    Kpi(
        "satisfaction_answers",
        _("Number of answers"),
        _("Answers to the satisfaction question given in the period."),
        COUNT,
        levels=NOT_PER_CONSULTANT,
        several_consultants=True,
        group=SATISFACTION,
    ),
    Kpi(
        "logbook_entries",
        _("Logbook entries"),
        _("Entries written in the consultants' logbooks in the period (private ones included)."),
        COUNT,
        protected=False,
        group=LEARNING,
    ),
    Kpi(
        "observations_with_feedback",
        _("Observations with feedback"),
        _(
            "Observations of conversations where the observer gave feedback in the period, by "
            "the observed consultant (feedback received)."
        ),
        COUNT,
        protected=False,
        group=LEARNING,
    ),
    Kpi(
        "feedback_given",
        _("Feedback given"),
        _("Feedback given in the period as the observer of a colleague's conversation."),
        COUNT,
        protected=False,
        group=LEARNING,
    ),
    Kpi(
        "meetings_held",
        _("Learning-group meetings held"),
        _("Learning-group meetings ended in the period."),
        COUNT,
        levels=NOT_PER_CONSULTANT,
        protected=False,
        group=LEARNING,
    ),
    Kpi(
        "courses_started",
        _("Company-oriented courses started"),
        _("Internships, wage subsidies and ordinary hours that started in the period."),
        COUNT,
        group=COURSES,
    ),
    Kpi(
        "courses_into_job",
        _("Courses ended in a job"),
        _("Courses that ended in the period with an ordinary job, at the company or elsewhere."),
        COUNT,
        group=COURSES,
    ),
)

BY_KEY: dict[str, Kpi] = {kpi.key: kpi for kpi in KPIS}


def light(kpi: Kpi, value: float | None) -> str:
    """ "green", "yellow", "red", or "" when the KPI has no traffic lights or no value."""
    if kpi.lights is None or value is None:
        return ""
    if value >= kpi.lights.green:
        return "green"
    return "yellow" if value >= kpi.lights.yellow else "red"


def value_of(kpi: Kpi, numerator: float, denominator: float) -> float | None:
    """What a snapshot shows. Every KPI is numerator / denominator (times 100 for a share), except a
    count, which is its numerator; so figures over several periods combine by summing both."""
    if kpi.unit == COUNT:
        return numerator
    if not denominator:
        return None
    ratio = numerator / denominator
    return ratio * 100 if kpi.unit == PERCENT else ratio


def combined(kpi: Kpi, rows) -> tuple[float | None, int]:
    """(value, base) over several snapshots of one scope (e.g. the months of a target's
    period). The base is the largest of theirs: the citizens behind a combined figure are at
    least that many, so the small-number protection never under-protects."""
    rows = list(rows)
    numerator = sum(row.numerator for row in rows)
    denominator = sum(row.denominator for row in rows)
    return value_of(kpi, numerator, denominator), max((row.base for row in rows), default=0)
