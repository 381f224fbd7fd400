"""Writes to the Joblog. Entries are the citizen's own: every write names the citizen and
refuses an entry that is not theirs. Staff record exemptions; they never edit entries."""

import re
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User
from citizens.models import Citizen
from common.services import model_update
from joblog.models import EntryStatus, JoblogEntry, JoblogExemption, Yardstick
from joblog.rules import DEFAULTS, centre_rules, rule_from
from notifications.services import notifications_withdraw, notify

#: No Joblog entry is dated before this day.
FIRST_DAY = date(2000, 1, 1)
#: A planned activity may lie at most this far ahead.
MAX_AHEAD = timedelta(days=365)
NOTES_MAX = 2000

#: The fields a citizen fills in.
ENTRY_FIELDS = (
    "activity",
    "occupation",
    "job_title",
    "employer",
    "postcode",
    "town",
    "date",
    "channel",
    "status",
    "ad_url",
    "notes",
    "plan",
)
_POSTCODE = re.compile(r"\d{4}")


def _check(entry: JoblogEntry, today: date) -> None:
    """The model's own validation plus the Joblog's rules; all errors at once, by field."""
    errors: dict[str, list[Any]] = {}
    try:
        entry.full_clean(exclude=["citizen"])
    except ValidationError as error:
        errors.update(error.message_dict)

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not entry.employer.strip() and "employer" not in errors:
        add("employer", _("Write the name of the employer or company."))
    if isinstance(entry.date, date) and "date" not in errors:
        if entry.date < FIRST_DAY:
            add("date", _("The date cannot be before 1 January 2000."))
        elif entry.date > today + MAX_AHEAD:
            add("date", _("The date can be at most one year ahead."))
        elif entry.date > today and entry.status != EntryStatus.PLANNED:
            add(
                "date",
                _("The date is in the future. Choose the status “Planned”, or the day you did it."),
            )
    if len(entry.notes) > NOTES_MAX and "notes" not in errors:
        add("notes", _("The notes can be at most %(max)d characters.") % {"max": NOTES_MAX})
    if entry.ad_url and not entry.ad_url.lower().startswith(("http://", "https://")):
        add("ad_url", _("The link must start with http:// or https://."))
    if entry.postcode and not _POSTCODE.fullmatch(entry.postcode):
        add("postcode", _("A postcode is four digits."))
    if errors:
        raise ValidationError(errors)


def _apply(entry: JoblogEntry, fields: dict[str, Any]) -> None:
    stripped = {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}
    model_update(instance=entry, fields=ENTRY_FIELDS, data=stripped)


def _own(entry: JoblogEntry, citizen: Citizen) -> None:
    if entry.citizen_id != citizen.pk:
        raise PermissionDenied("Not the citizen's own Joblog entry.")


def entry_create(*, citizen: Citizen, today: date | None = None, **fields: Any) -> JoblogEntry:
    """A new entry in the citizen's Joblog; a ValidationError (by field) saves nothing."""
    entry = JoblogEntry(citizen=citizen)
    _apply(entry, fields)
    _check(entry, today or timezone.localdate())
    entry.save()
    notifications_withdraw(about=f"joblog:{citizen.pk}", reason="The citizen wrote in the Joblog.")
    return entry


def entry_update(
    *, entry: JoblogEntry, citizen: Citizen, today: date | None = None, **fields: Any
) -> JoblogEntry:
    _own(entry, citizen)
    _apply(entry, fields)
    _check(entry, today or timezone.localdate())
    entry.save()
    return entry


def entry_set_status(
    *, entry: JoblogEntry, citizen: Citizen, status: str, today: date | None = None
) -> JoblogEntry:
    """The status changes as the answer comes (sent → called to interview → hired, …)."""
    _own(entry, citizen)
    if status not in EntryStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    return entry_update(entry=entry, citizen=citizen, today=today, status=status)


def entry_delete(*, entry: JoblogEntry, citizen: Citizen) -> None:
    _own(entry, citizen)
    entry.delete()


def exemption_create(
    *,
    citizen: Citizen,
    actor: User,
    first_day: date,
    last_day: date | None,
    reason: str,
    documentation: str,
) -> JoblogExemption:
    """The citizen need not keep a Joblog from `first_day` (to `last_day`, or until ended);
    `documentation` says how the job search is documented instead."""
    if last_day is not None and last_day < first_day:
        raise ValidationError({"last_day": _("The last day cannot be before the first day.")})
    with transaction.atomic():
        Citizen.objects.select_for_update().filter(pk=citizen.pk).first()
        overlapping = JoblogExemption.objects.filter(citizen=citizen).filter(
            Q(last_day__isnull=True) | Q(last_day__gte=first_day)
        )
        if last_day is not None:
            overlapping = overlapping.filter(first_day__lte=last_day)
        if overlapping.exists():
            raise ValidationError(
                _("The citizen already has an exemption in this period. End it first.")
            )
        exemption = JoblogExemption(
            citizen=citizen,
            first_day=first_day,
            last_day=last_day,
            reason=reason.strip(),
            documentation=documentation.strip(),
            created_by=actor,
        )
        exemption.full_clean()
        exemption.save()
    return exemption


def exemption_end(
    *, exemption: JoblogExemption, actor: User, today: date | None = None
) -> JoblogExemption | None:
    """Ends the exemption today; one that has not begun yet is withdrawn (returns None)."""
    today = today or timezone.localdate()
    if exemption.first_day > today:
        exemption.delete()
        return None
    if exemption.last_day is not None and exemption.last_day < today:
        raise ValidationError(_("The exemption has already ended."))
    exemption.last_day = today
    exemption.save(update_fields=["last_day"])
    return exemption


def _inactive_message(citizen: Citizen, last: date, days: int) -> tuple[str, str, str, str]:
    link = settings.SITE_URL + reverse("joblog:list")
    staff_link = settings.SITE_URL + reverse("joblog:staff_list", args=[citizen.public_id])
    when = formats.date_format(last, "j. F Y")
    return (
        _("Remember your Joblog"),
        _(
            "You have not written anything in your Joblog since %(date)s. Write down what you "
            "have done to find a job, also calls, visits and planned applications: %(link)s"
        )
        % {"date": when, "link": link},
        _("No Joblog activity for %(days)d days") % {"days": days},
        _("%(name)s has had no Joblog activity since %(date)s. See the citizen's Joblog: %(link)s")
        % {"name": citizen.name, "date": when, "link": staff_link},
    )


def notify_inactive(today: date | None = None) -> int:
    """Citizens without a Joblog entry for their yardstick's inactivity_days (counted from the
    latest entry, or the day they registered) are told, and so is their consultant. The key
    holds the last active day, so each stretch of inactivity gives one message, not one a day.
    Citizens exempt today are left alone. Returns how many citizens were notified now."""
    today = today or timezone.localdate()
    exempt = JoblogExemption.objects.filter(citizen=OuterRef("pk"), first_day__lte=today).filter(
        Q(last_day__isnull=True) | Q(last_day__gte=today)
    )
    rules = centre_rules(Citizen.objects.values("job_centre_id").distinct())
    every_rule = [*DEFAULTS.values(), *(r for c in rules.values() for r in c.values())]
    cutoff = today - timedelta(days=min(rule.inactivity_days for rule in every_rule))
    citizens = (
        Citizen.objects.annotate(
            last_entry=Max("joblog_entries__date", filter=Q(joblog_entries__date__lte=today))
        )
        .filter(registered_on__lte=cutoff)
        .filter(Q(last_entry__isnull=True) | Q(last_entry__lte=cutoff))
        .exclude(Exists(exempt))
        .select_related("user", "responsible_consultant")
        .order_by("pk")
    )
    notified = 0
    for citizen in citizens.iterator(chunk_size=500):
        rule = rule_from(
            rules.get(citizen.job_centre_id, {}), citizen.target_group, citizen.benefit_type
        )
        entry_day = citizen.last_entry  # type: ignore[attr-defined]
        last = max(entry_day, citizen.registered_on) if entry_day else citizen.registered_on
        if (today - last).days < rule.inactivity_days:
            continue
        key = f"joblog-inactive:{citizen.pk}:{last.isoformat()}"
        with override(settings.LANGUAGE_CODE):
            subject, body, staff_subject, staff_body = _inactive_message(
                citizen, last, rule.inactivity_days
            )
            about = f"joblog:{citizen.pk}"
            made = notify(
                recipient=citizen.user,
                key=key,
                subject=subject,
                body=body,
                about=about,
                kind="inactivity",
            )
            consultant = citizen.responsible_consultant
            if consultant is not None and consultant.is_active:
                made += notify(
                    recipient=consultant,
                    key=key,
                    subject=staff_subject,
                    body=staff_body,
                    about=about,
                    kind="inactivity",
                    channels=["email"],
                )
        notified += bool(made)
    return notified


def yardstick_save(
    *,
    centre,
    target_group: str,
    benefit_type: str,
    searches,
    period_days: int,
    inactivity_days: int,
) -> Yardstick:
    """The centre's yardstick for one citizen group and benefit (created or changed)."""
    row = Yardstick.objects.filter(
        job_centre=centre, target_group=target_group, benefit_type=benefit_type
    ).first() or Yardstick(job_centre=centre, target_group=target_group, benefit_type=benefit_type)
    row.searches, row.period_days, row.inactivity_days = searches, period_days, inactivity_days
    row.full_clean(validate_constraints=False)
    row.save()
    return row


def yardstick_reset(*, centre, target_group: str, benefit_type: str) -> None:
    """Back to the default (or a less specific row of the centre)."""
    Yardstick.objects.filter(
        job_centre=centre, target_group=target_group, benefit_type=benefit_type
    ).delete()
