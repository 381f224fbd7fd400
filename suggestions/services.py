"""Writes for job suggestions: the week's batch from matching, the citizen's answers, and
the daily reminders and missed-check flags. A missed check is only ever flagged to the
consultant; what happens next is a human decision."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from booking.calendar import WorkingCalendar
from citizens.models import Citizen, TargetGroup
from common.services import model_update
from cv.models import CV
from suggestions import notices, tuning
from suggestions.models import (
    DEFAULT_RULE,
    JobSuggestion,
    Reason,
    Status,
    SuggestionBatch,
    SuggestionRule,
)
from suggestions.rules import Rule, centre_rules, rule_for, rule_from

#: Answers that settle an opening: it is never suggested again.
ANSWERED = (Status.SAVED, Status.NOT_RELEVANT)
#: An unanswered opening comes back once after the rule's rest, not every fortnight.
SUGGESTED_AT_MOST = 2

#: The free text of a "not relevant" answer.
REASON_TEXT_MAX = 300


def week_start(day: date) -> date:
    """The Monday of `day`'s week: a batch belongs to its week."""
    return day - timedelta(days=day.weekday())


def check_deadline(citizen: Citizen, day: date, rule: Rule) -> date:
    """`check_every_days` after `day`, moved past weekends, public holidays, the job centre's
    closing days and the citizen's registered absence (booking's working-day calendar)."""
    due = day + timedelta(days=rule.check_every_days)
    return WorkingCalendar.for_citizen(citizen, due).next_working_day(due)


def suggestions_make(*, citizen: Citizen, today: date | None = None) -> SuggestionBatch | None:
    """This week's batch for the citizen: the best openings from matching, tuned by their
    earlier "not relevant" answers. An opening suggested before comes again only if it was
    left unanswered, once, after the rule's rest (its why says so). Made once per citizen and
    week (asking again returns the same batch); None when matching finds nothing."""
    today = today or timezone.localdate()
    start = week_start(today)
    existing = SuggestionBatch.objects.filter(citizen=citizen, week_start=start).first()
    if existing is not None:
        return existing
    rule = rule_for(citizen)
    before = _suggested_before(citizen, start, rule)
    picks = tuning.ranked(
        citizen=citizen,
        today=today,
        limit=rule.suggestions_per_week,
        exclude_ids={pk for pk, again in before.items() if not again},
        tuned_by=tuning.tuning_for(citizen),
    )
    if not picks:
        return None
    try:
        with transaction.atomic():
            batch = SuggestionBatch.objects.create(
                citizen=citizen, week_start=start, due_on=check_deadline(citizen, today, rule)
            )
            JobSuggestion.objects.bulk_create(
                JobSuggestion(
                    batch=batch,
                    citizen=citizen,
                    opening=pick.opening,
                    rank=rank,
                    why=_again(pick.why) if pick.opening.pk in before else pick.why[:300],
                    distance_km=pick.distance_km,
                )
                for rank, pick in enumerate(picks, start=1)
            )
    except IntegrityError:  # a concurrent run made this week's batch first
        return SuggestionBatch.objects.get(citizen=citizen, week_start=start)
    return batch


def _suggested_before(citizen: Citizen, start: date, rule: Rule) -> dict[int, bool]:
    """The openings suggested to the citizen before: opening id → whether it may come again
    this week (left unanswered, suggested only once, and not within the rule's rest)."""
    rest_from = start - timedelta(weeks=rule.resuggest_after_weeks)
    rows = (
        JobSuggestion.objects.filter(citizen=citizen)
        .values("opening_id")
        .annotate(
            times=Count("pk"),
            answered=Count("pk", filter=Q(status__in=ANSWERED)),
            last=Max("batch__week_start"),
        )
    )
    return {
        row["opening_id"]: (
            not row["answered"] and row["times"] < SUGGESTED_AT_MOST and row["last"] <= rest_from
        )
        for row in rows
    }


def _again(why: str) -> str:
    with override("da"):
        return (_("Suggested again") + " · " + why)[:300]


def _own(suggestion: JobSuggestion, citizen: Citizen) -> None:
    if suggestion.citizen_id != citizen.pk:
        raise PermissionDenied("Not the citizen's own job suggestion.")


def _answer(suggestion: JobSuggestion, now: datetime | None, **fields) -> JobSuggestion:
    now = now or timezone.now()
    model_update(instance=suggestion, data=fields)
    suggestion.responded_at = now
    suggestion.save(update_fields=[*fields, "responded_at"])
    batch_mark_checked_if_answered(batch=suggestion.batch, now=now)
    return suggestion


def batch_mark_checked_if_answered(*, batch: SuggestionBatch, now: datetime | None = None) -> bool:
    """A batch is checked when every suggestion in it has an answer; the time is kept once."""
    if batch.checked_at is not None:
        return True
    if batch.suggestions.filter(status=Status.NEW).exists():
        return False
    batch.checked_at = now or timezone.now()
    batch.save(update_fields=["checked_at"])
    notices.checked(batch, now=batch.checked_at)
    return True


def suggestion_mark_seen(
    *, suggestion: JobSuggestion, citizen: Citizen, now: datetime | None = None
) -> JobSuggestion:
    """ "Set": the citizen has looked at it. An answer already given stays."""
    _own(suggestion, citizen)
    if suggestion.status != Status.NEW:
        return suggestion
    return _answer(suggestion, now, status=Status.SEEN)


def suggestion_not_relevant(
    *,
    suggestion: JobSuggestion,
    citizen: Citizen,
    reason: str,
    text: str = "",
    now: datetime | None = None,
) -> JobSuggestion:
    """Not relevant, and why: the reason tunes the coming weeks' suggestions."""
    _own(suggestion, citizen)
    text = text.strip()
    errors = {}
    if reason not in Reason.values:
        errors["reason"] = _("Choose a reason from the list.")
    if len(text) > REASON_TEXT_MAX:
        errors["text"] = _("Write at most %(max)d characters.") % {"max": REASON_TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    return _answer(suggestion, now, status=Status.NOT_RELEVANT, reason=reason, reason_text=text)


def joblog_initial(suggestion: JobSuggestion, today: date) -> dict:
    """What "Gem i Joblog" fills in from the opening: the citizen checks it and saves."""
    opening = suggestion.opening
    from joblog.models import ActivityType, Channel, EntryStatus

    return {
        "activity": ActivityType.APPLICATION,
        "occupation": opening.occupation_id,
        "job_title": opening.title[:150],
        "employer": opening.employer[:150],
        "postcode": opening.postcode,
        "town": opening.town,
        "ad_url": opening.url,
        "channel": Channel.JOB_CENTRE,
        "status": EntryStatus.PLANNED,
        "date": today,
    }


def suggestion_save_to_joblog(
    *, suggestion: JobSuggestion, citizen: Citizen, entry=None, now: datetime | None = None
) -> JobSuggestion:
    """Saved to the Joblog: linked to the entry the citizen saved from it."""
    _own(suggestion, citizen)
    if entry is not None and entry.citizen_id != citizen.pk:
        raise PermissionDenied("Not the citizen's own Joblog entry.")
    return _answer(suggestion, now, status=Status.SAVED, reason="", joblog_entry=entry)


def _eligible_citizens():
    """Job-ready citizens with a CV and an active login."""
    return Citizen.objects.filter(
        target_group=TargetGroup.JOB_READY,
        user__is_active=True,
    ).filter(Exists(CV.objects.filter(citizen=OuterRef("pk"))))


def make_weekly(today: date | None = None) -> int:
    """The week's batches for every eligible citizen; returns how many were made now."""
    today = today or timezone.localdate()
    start = week_start(today)
    made = 0
    citizens = (
        _eligible_citizens()
        .exclude(Exists(SuggestionBatch.objects.filter(citizen=OuterRef("pk"), week_start=start)))
        .select_related("user")
        .order_by("pk")
    )
    for citizen in citizens.iterator(chunk_size=200):
        if suggestions_make(citizen=citizen, today=today) is not None:
            made += 1
    return made


#: The longest reminder lead a rule allows (SuggestionRule.remind_days_before).
_MAX_REMIND = 14


def remind(today: date | None = None, now: datetime | None = None) -> int:
    """Reminds each citizen with an unchecked batch whose deadline is `remind_days_before`
    days away or less (once per batch: the notification's key)."""
    today = today or timezone.localdate()
    due = list(
        SuggestionBatch.objects.filter(
            checked_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=_MAX_REMIND),
        ).select_related("citizen__user")
    )
    rules = centre_rules({batch.citizen.job_centre_id for batch in due})
    sent = 0
    for batch in due:
        rule = rule_from(rules.get(batch.citizen.job_centre_id, {}), batch.citizen.target_group)
        if batch.due_on - timedelta(days=rule.remind_days_before) <= today:
            sent += len(notices.check_reminder(batch, now=now))
    return sent


def flag_missed(today: date | None = None, now: datetime | None = None) -> int:
    """Unchecked batches whose deadline has passed are flagged once to the responsible
    consultant (a notification and their home page). Nothing else happens."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    missed = list(
        SuggestionBatch.objects.filter(
            checked_at__isnull=True, missed_at__isnull=True, due_on__lt=today
        ).select_related("citizen__user", "citizen__responsible_consultant")
    )
    flagged = 0
    for batch in missed:
        # The update is conditional, so two runs at once flag a batch once.
        if SuggestionBatch.objects.filter(pk=batch.pk, missed_at__isnull=True).update(
            missed_at=now
        ):
            notices.check_missed(batch, now=now)
            flagged += 1
    return flagged


def rule_save(*, centre, target_group: str, **values) -> SuggestionRule:
    """The job centre's rule for a citizen group ("" for all groups without their own)."""
    rule = SuggestionRule.objects.filter(job_centre=centre, target_group=target_group).first()
    rule = rule or SuggestionRule(job_centre=centre, target_group=target_group)
    model_update(instance=rule, fields=DEFAULT_RULE, data=values)
    rule.full_clean()
    rule.save()
    return rule


def rule_reset(*, centre, target_group: str) -> None:
    SuggestionRule.objects.filter(job_centre=centre, target_group=target_group).delete()
