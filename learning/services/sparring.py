"""Writes of sparring weeks and sessions (the "uge 39" model): the team leader creates the event
with its goal and programme, each consultant brings up to three of their own citizens under a
pseudonym, and the programme is ticked off as the week goes.

The result is never stored: `learning.selectors.sparring.event_result` counts it from the
course agreements approved in the event's period."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from accounts.models import Role, User
from audit.models import Purpose, Subject
from audit.services import lookup_record
from centres.models import Team
from citizens.models import Citizen
from common.forms import validate_no_html
from learning.models import (
    MAX_CASES_PER_CONSULTANT,
    ProgrammeItem,
    SparringCase,
    SparringEvent,
    SparringKind,
)
from learning.selectors.sparring import bringers_of

#: The longest period of a week or session; the result is counted over it.
MAX_PERIOD_DAYS = 31
TITLE_MAX = 150
ITEM_MAX = 200
QUESTION_MAX = 300
#: A case's name in the shared view: a running number, never anything of the citizen's. Stored
#: as data (like a name), so it reads the same to everyone.
PSEUDONYM = "Borger {number}"

#: The week's default programme, after Brøndby's "uge 39": (day of the week, 0 = Monday, what).
#: Stored in Danish when the week is created; then the team leader's to edit.
DEFAULT_WEEK_PROGRAMME: list[tuple[int, str]] = [
    (0, gettext_noop("Each consultant brings three citizens; together we set the week's goal")),
    (0, gettext_noop("Sparring between the consultants on the citizens' chances at work")),
    (1, gettext_noop("Morning: our use of company centres and new cooperation agreements")),
    (1, gettext_noop("Afternoon: outreach to companies")),
    (2, gettext_noop("Outreach to companies")),
    (2, gettext_noop("Joint meeting: the requirements we set for citizens in an internship")),
    (3, gettext_noop("Outreach to companies")),
    (4, gettext_noop("Morning: outreach to companies")),
    (4, gettext_noop("Afternoon: summing up with the case workers and mentors")),
]


@dataclass(frozen=True)
class EventTerms:
    """What the team leader decides about a week or session. For a new event `ends_on` may be
    None (a week: Monday to Friday of the week of `starts_on`; a session: the same day) and
    `title` empty (a week: "Uge 39")."""

    title: str
    starts_on: date
    ends_on: date | None
    goal_count: int
    purpose: str = ""


def week_of(day: date) -> tuple[date, date]:
    """Monday and Friday of the ISO week `day` is in."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=4)


def default_title(kind: str, starts_on: date) -> str:
    with override("da"):
        if kind == SparringKind.WEEK:
            return _("Week %(number)s") % {"number": starts_on.isocalendar().week}
        return _("Sparring session %(day)s") % {"day": date_format(starts_on, "j. F Y")}


def max_goal(team: Team) -> int:
    """The most citizens the team's consultants can bring: three each."""
    return bringers_of(team).count() * MAX_CASES_PER_CONSULTANT


def _text_errors(errors: dict, name: str, value: str, limit: int, required: bool) -> None:
    if required and not value.strip():
        errors[name] = _("Please fill in this field.")
    elif len(value) > limit:
        errors[name] = _("Please write at most %(limit)s characters.") % {"limit": limit}
    else:
        try:
            validate_no_html(value)
        except ValidationError as error:
            errors[name] = error.messages[0]


def _check_terms(*, team: Team, terms: EventTerms, ends_on: date) -> None:
    errors: dict[str, str] = {}
    _text_errors(errors, "title", terms.title, TITLE_MAX, required=True)
    _text_errors(errors, "purpose", terms.purpose, 2000, required=False)
    if ends_on < terms.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    elif (ends_on - terms.starts_on).days + 1 > MAX_PERIOD_DAYS:
        errors["ends_on"] = _("The period can be at most %(days)s days.") % {
            "days": MAX_PERIOD_DAYS
        }
    most = max_goal(team)
    if terms.goal_count < 1:
        errors["goal_count"] = _("The goal must be at least 1 citizen.")
    elif most == 0:
        errors["goal_count"] = _("The team has no job consultants to bring citizens.")
    elif terms.goal_count > most:
        errors["goal_count"] = _(
            "The goal cannot be more than the %(most)s citizens the team's consultants can "
            "bring (%(each)s each)."
        ) % {"most": most, "each": MAX_CASES_PER_CONSULTANT}
    if errors:
        raise ValidationError(errors)


def _default_programme(event: SparringEvent) -> list[ProgrammeItem]:
    with override("da"):
        return [
            ProgrammeItem(
                event=event,
                day=min(event.starts_on + timedelta(days=offset), event.ends_on),
                title=_(text),
            )
            for offset, text in DEFAULT_WEEK_PROGRAMME
        ]


@transaction.atomic
def sparring_event_create(
    *, team: Team, created_by: User, kind: str, terms: EventTerms
) -> SparringEvent:
    """A week (with the default programme) or a session of `team`."""
    if kind not in SparringKind.values:
        raise ValidationError({"kind": _("Please choose a week or a session.")})
    starts_on, ends_on = terms.starts_on, terms.ends_on
    if ends_on is None:
        if kind == SparringKind.WEEK:
            starts_on, ends_on = week_of(starts_on)
        else:
            ends_on = starts_on
    title = terms.title.strip() or default_title(kind, starts_on)
    terms = EventTerms(
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        goal_count=terms.goal_count,
        purpose=terms.purpose.strip(),
    )
    _check_terms(team=team, terms=terms, ends_on=ends_on)
    event = SparringEvent.objects.create(
        team=team,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        goal_count=terms.goal_count,
        purpose=terms.purpose,
        created_by=created_by,
    )
    if kind == SparringKind.WEEK:
        ProgrammeItem.objects.bulk_create(_default_programme(event))
    return event


@transaction.atomic
def sparring_event_update(
    *, event: SparringEvent, terms: EventTerms, today: date | None = None
) -> SparringEvent:
    """Changes title, period, goal and purpose until the event is over (then its goal stands
    as it was set). Moving the period moves the programme with it (each item keeps its place
    in the week; none falls outside the period)."""
    today = today or timezone.localdate()
    event = SparringEvent.objects.select_for_update().get(pk=event.pk)
    if event.ends_on < today:
        raise ValidationError(_("The event is over; its goal and period stay as they were."))
    ends_on = terms.ends_on or event.ends_on
    terms = EventTerms(
        title=terms.title.strip(),
        starts_on=terms.starts_on,
        ends_on=ends_on,
        goal_count=terms.goal_count,
        purpose=terms.purpose.strip(),
    )
    _check_terms(team=event.team, terms=terms, ends_on=ends_on)
    shift = terms.starts_on - event.starts_on
    event.title = terms.title
    event.starts_on = terms.starts_on
    event.ends_on = ends_on
    event.goal_count = terms.goal_count
    event.purpose = terms.purpose
    event.save(update_fields=["title", "starts_on", "ends_on", "goal_count", "purpose"])
    items = list(event.programme.all())
    for item in items:
        item.day = max(event.starts_on, min(item.day + shift, event.ends_on))
    ProgrammeItem.objects.bulk_update(items, ["day"])
    return event


def programme_item_add(*, event: SparringEvent, day: date, title: str) -> ProgrammeItem:
    errors: dict[str, str] = {}
    _text_errors(errors, "title", title, ITEM_MAX, required=True)
    if not event.starts_on <= day <= event.ends_on:
        errors["day"] = _("Please choose a day from %(first)s to %(last)s.") % {
            "first": date_format(event.starts_on, "j. F"),
            "last": date_format(event.ends_on, "j. F Y"),
        }
    if errors:
        raise ValidationError(errors)
    return ProgrammeItem.objects.create(event=event, day=day, title=title.strip())


def programme_item_set_done(*, item: ProgrammeItem, done: bool) -> ProgrammeItem:
    ProgrammeItem.objects.filter(pk=item.pk).update(done=done)
    item.done = done
    return item


def programme_item_remove(*, item: ProgrammeItem) -> None:
    item.delete()


def _next_pseudonym(event: SparringEvent) -> str:
    """One more than the highest number given in the event (numbers of removed cases are not
    reused, so a pseudonym never moves from one citizen to another)."""
    numbers = [0]
    for pseudonym in SparringCase.objects.filter(event=event).values_list("pseudonym", flat=True):
        tail = pseudonym.rsplit(" ", 1)[-1]
        if tail.isdigit():
            numbers.append(int(tail))
    return PSEUDONYM.format(number=max(numbers) + 1)


def _free_slots(event: SparringEvent, consultant: User) -> list[int]:
    taken = set(
        SparringCase.objects.filter(event=event, consultant=consultant).values_list(
            "slot", flat=True
        )
    )
    return [slot for slot in range(1, MAX_CASES_PER_CONSULTANT + 1) if slot not in taken]


def _too_many() -> ValidationError:
    return ValidationError(
        _("You can bring at most %(most)s citizens.") % {"most": MAX_CASES_PER_CONSULTANT},
        code="too_many",
    )


def sparring_case_add(
    *,
    event: SparringEvent,
    consultant: User,
    citizen: Citizen,
    question: str,
    today: date | None = None,
) -> SparringCase:
    """`consultant` brings one of their own citizens to `event`. The citizen gets the event's
    next pseudonym, and the look is written to the citizen's lookup log."""
    today = today or timezone.localdate()
    question = question.strip()
    errors: dict[str, str] = {}
    _text_errors(errors, "question", question, QUESTION_MAX, required=False)
    if errors:
        raise ValidationError(errors)
    if consultant.team_id != event.team_id or consultant.role != Role.JOB_CONSULTANT:
        raise ValidationError(_("Only the team's job consultants bring citizens."))
    if (
        citizen.responsible_consultant_id != consultant.pk
        or citizen.job_centre_id != consultant.job_centre_id
    ):
        raise ValidationError(
            {"citizen": _("You can only bring citizens you are responsible for.")}
        )
    if event.ends_on < today:
        raise ValidationError(_("The event is over; no more citizens can be brought."))
    try:
        with transaction.atomic():
            # The event's row serializes the consultants bringing citizens at the same time.
            SparringEvent.objects.select_for_update().filter(pk=event.pk).first()
            cases = SparringCase.objects.filter(event=event)
            if cases.filter(citizen=citizen).exists():
                raise ValidationError({"citizen": _("The citizen is already brought.")})
            free = _free_slots(event, consultant)
            if not free:
                raise _too_many()
            case = SparringCase.objects.create(
                event=event,
                consultant=consultant,
                citizen=citizen,
                slot=free[0],
                pseudonym=_next_pseudonym(event),
                question=question,
            )
            lookup_record(
                actor=consultant,
                citizen=citizen,
                subject=Subject.SPARRING,
                purpose=Purpose.SPARRING,
            )
    except IntegrityError:
        # Another request took the citizen, the slot or the pseudonym in the meantime.
        cases = SparringCase.objects.filter(event=event)
        if cases.filter(citizen=citizen).exists():
            raise ValidationError({"citizen": _("The citizen is already brought.")}) from None
        if cases.filter(consultant=consultant).count() >= MAX_CASES_PER_CONSULTANT:
            raise _too_many() from None
        raise ValidationError(
            _("A colleague brought a citizen at the same moment. Please try again."),
            code="conflict",
        ) from None
    return case


def sparring_case_remove(*, case: SparringCase, actor: User, today: date | None = None) -> None:
    """The consultant who brought the citizen takes them out again, until the event is over."""
    today = today or timezone.localdate()
    if case.consultant_id != actor.pk:
        raise ValidationError(_("Only the consultant who brought the citizen can remove them."))
    if case.event.ends_on < today:
        raise ValidationError(_("The event is over; its citizens stay as they were."))
    case.delete()
