"""Writes for the GDPR rights: correction requests, retention rules and their application."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from citizens.models import Citizen
from privacy.models import (
    CorrectionRequest,
    CorrectionStatus,
    RetentionAction,
    RetentionRule,
    RetentionRun,
)
from privacy.retention import DATA_TYPES, DataType, months_before


def correction_request_create(
    *, citizen: Citizen, what_is_wrong: str, should_be: str
) -> CorrectionRequest:
    return CorrectionRequest.objects.create(
        citizen=citizen,
        job_centre_id=citizen.job_centre_id,
        what_is_wrong=what_is_wrong.strip(),
        should_be=should_be.strip(),
    )


def correction_request_resolve(
    *, request: CorrectionRequest, by: User, accepted: bool, answer: str
) -> CorrectionRequest:
    """Accepts (with a note of what was corrected) or rejects (with the reason) an open
    request. The correction itself is made on the citizen's details page."""
    answer = answer.strip()
    if not answer:
        raise ValidationError(
            _("Write what was corrected.") if accepted else _("Write why the request is rejected.")
        )
    locked = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != CorrectionStatus.OPEN:
        raise ValidationError(_("The request has already been answered."))
    locked.status = CorrectionStatus.ACCEPTED if accepted else CorrectionStatus.REJECTED
    locked.resolution = answer
    locked.resolved_by = by
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    return locked


def retention_rule_set(
    *, job_centre, data_type: str, years: int, months: int, action: str
) -> RetentionRule:
    """Sets the centre's own rule for one type of data (overriding the default)."""
    kind = DATA_TYPES.get(data_type)
    if kind is None:
        raise ValidationError(_("Unknown type of data."))
    if action not in kind.actions:
        raise ValidationError(
            _("%(type)s can only be deleted.") % {"type": kind.label}
            if kind.actions == (RetentionAction.DELETE,)
            else _("Choose delete or anonymise.")
        )
    if years * 12 + months <= 0:
        raise ValidationError(_("The period must be at least one month."))
    rule, _created = RetentionRule.objects.update_or_create(
        job_centre=job_centre,
        data_type=data_type,
        defaults={"years": years, "months": months, "action": action},
    )
    return rule


def retention_apply(*, now: datetime | None = None, batch_size: int | None = None) -> RetentionRun:
    """Deletes or anonymises what is past its rule: each centre's own rule for its own data,
    the default for the data of centres without one. Works in batches, one transaction each,
    and records the counts per data type (no personal data) in a `RetentionRun`."""
    now = now or timezone.now()
    batch_size = batch_size or settings.PRIVACY_RETENTION_BATCH
    run = RetentionRun.objects.create(started_at=now)
    rules = list(RetentionRule.objects.all())
    counts: dict[str, dict[str, int]] = {}
    for key, kind in DATA_TYPES.items():
        tally = {"deleted": 0, "anonymised": 0}
        own = {r.job_centre_id: r for r in rules if r.data_type == key and r.job_centre_id}
        default = next((r for r in rules if r.data_type == key and not r.job_centre_id), None)
        for centre_id, rule in own.items():
            _apply(kind, rule, Q(**{kind.centre_field: centre_id}), now, batch_size, tally)
        if default is not None:
            scope = ~Q(**{f"{kind.centre_field}__in": list(own)})
            _apply(kind, default, scope, now, batch_size, tally)
        counts[key] = tally
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run


def _apply(
    kind: DataType, rule: RetentionRule, scope: Q, now: datetime, batch_size: int, tally: dict
) -> None:
    cutoff = months_before(now, rule.total_months)
    action = rule.action if rule.action in kind.actions else kind.actions[0]
    act = kind.anonymise if action == RetentionAction.ANONYMISE and kind.anonymise else kind.delete
    counter = "anonymised" if act is kind.anonymise else "deleted"
    expired = kind.expired(cutoff).filter(scope).order_by("pk")
    previous: list = []
    while True:
        ids = list(expired.values_list("pk", flat=True)[:batch_size])
        if not ids or ids == previous:  # the second: a guard against a row that cannot change
            return
        with transaction.atomic():
            act(expired.model.objects.filter(pk__in=ids))
        tally[counter] += len(ids)
        previous = ids


def retention_rules_save(*, job_centre, rules: list[dict]) -> None:
    """Saves the centre's rules from the settings page: a rule equal to the default is not
    kept as the centre's own, so a later change of the default still reaches the centre."""
    defaults = {r.data_type: r for r in RetentionRule.objects.filter(job_centre__isnull=True)}
    with transaction.atomic():
        for item in rules:
            default = defaults.get(item["data_type"])
            if default is not None and (default.years, default.months, default.action) == (
                item["years"],
                item["months"],
                item["action"],
            ):
                RetentionRule.objects.filter(
                    job_centre=job_centre, data_type=item["data_type"]
                ).delete()
            else:
                retention_rule_set(job_centre=job_centre, **item)
