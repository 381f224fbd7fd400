"""Targets set, changed and deleted by the manager, validated against overlap and bounds."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import policy
from centres.models import JobCentre, Team
from kpis.definitions import BY_KEY, PERCENT, SCORE, Kpi
from kpis.models import Level, Target
from kpis.targets.display import scope_label, target_shown

#: The longest period one target may cover.
MAX_YEARS = 3


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _bounds_message(kpi: Kpi) -> str:
    if kpi.unit == PERCENT:
        return _("A target for a share must be between 0 and 100 %.")
    if kpi.unit == SCORE:
        return _("A target for an average score must be between 1 and 10.")
    return _("A target cannot be negative.")


def _validate(
    *, job_centre: JobCentre, team: Team | None, kpi_key: str, value, starts_on, ends_on
) -> Decimal:
    """The checks every target passes; raises a ValidationError keyed by the form's fields."""
    errors: dict[str, str] = {}
    kpi = BY_KEY.get(kpi_key)
    if kpi is None:
        errors["kpi"] = _("Choose one of the figures in the list.")
    elif team is not None and Level.TEAM not in kpi.levels:
        errors["team"] = _("This figure is not computed per team.")
    if team is not None and team.job_centre_id != job_centre.pk:
        errors["team"] = _("Choose one of the job centre's own teams.")
    number = _decimal(value)
    if number is None:
        errors["value"] = _("Enter the target as a number.")
    elif kpi is not None:
        low, high = kpi.target_bounds
        if number < low or (high is not None and number > high):
            errors["value"] = _bounds_message(kpi)
        elif number != number.quantize(Decimal("0.1")):
            errors["value"] = _("Enter the target with at most one decimal.")
        elif number >= Decimal("1000000"):
            errors["value"] = _("The target is too large.")
    if starts_on and ends_on:
        if ends_on < starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        elif ends_on >= _years_later(starts_on, MAX_YEARS):
            errors["ends_on"] = _("A target can cover at most %(years)s years.") % {
                "years": MAX_YEARS
            }
    if errors:
        raise ValidationError(errors)
    return number  # type: ignore[return-value]


def _check_no_overlap(target: Target) -> None:
    """One target per KPI and scope at a time: a second one over the same days would leave the
    page to guess which of them counts."""
    clash = (
        Target.objects.filter(
            job_centre_id=target.job_centre_id,
            team=target.team,
            kpi=target.kpi,
            starts_on__lte=target.ends_on,
            ends_on__gte=target.starts_on,
        )
        .exclude(pk=target.pk)
        .select_related("team")
        .first()
    )
    if clash is None:
        return
    message = _(
        "There is already a target for “%(kpi)s” for %(scope)s in an overlapping period: "
        "%(target)s from %(start)s to %(end)s. Change that target, or choose dates that "
        "do not overlap it."
    ) % {
        "kpi": BY_KEY[clash.kpi].label,
        "scope": scope_label(clash),
        "target": target_shown(clash),
        "start": date_format(clash.starts_on, "SHORT_DATE_FORMAT"),
        "end": date_format(clash.ends_on, "SHORT_DATE_FORMAT"),
    }
    raise ValidationError({NON_FIELD_ERRORS: message})


def _lock_centre(job_centre: JobCentre) -> None:
    """Targets of one centre are written one at a time, so two managers saving overlapping
    targets at the same moment cannot both pass the overlap check."""
    JobCentre.objects.select_for_update().filter(pk=job_centre.pk).first()


def target_create(
    *,
    actor,
    job_centre: JobCentre,
    team: Team | None = None,
    kpi: str,
    value,
    starts_on: dt.date,
    ends_on: dt.date,
) -> Target:
    policy.require(actor, "kpi.targets", job_centre)
    number = _validate(
        job_centre=job_centre,
        team=team,
        kpi_key=kpi,
        value=value,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    target = Target(
        job_centre=job_centre,
        team=team,
        kpi=kpi,
        value=number,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    with transaction.atomic():
        _lock_centre(job_centre)
        _check_no_overlap(target)
        target.save()
    return target


def target_update(*, actor, target: Target, value, starts_on: dt.date, ends_on: dt.date) -> Target:
    """A new value or period; the KPI and the team stay (set a new target for another)."""
    policy.require(actor, "kpi.targets", target.job_centre)
    number = _validate(
        job_centre=target.job_centre,
        team=target.team,
        kpi_key=target.kpi,
        value=value,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    with transaction.atomic():
        _lock_centre(target.job_centre)
        target.value, target.starts_on, target.ends_on = number, starts_on, ends_on
        _check_no_overlap(target)
        target.save(update_fields=["value", "starts_on", "ends_on"])
    return target


def target_delete(*, actor, target: Target) -> None:
    policy.require(actor, "kpi.targets", target.job_centre)
    target.delete()
