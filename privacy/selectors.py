"""Reads for the GDPR rights, scoped by the policy."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import User
from privacy.models import CorrectionRequest, CorrectionStatus, RetentionRule
from privacy.retention import DATA_TYPES, DataType


def correction_requests(*, user: User, open_only: bool = False) -> QuerySet[CorrectionRequest]:
    qs = policy.visible_to(user, "correction_requests").select_related(
        "citizen__user", "resolved_by"
    )
    if open_only:
        qs = qs.filter(status=CorrectionStatus.OPEN).order_by("created_at", "pk")
    return qs


def correction_request_get(*, user: User, pk: int) -> CorrectionRequest:
    return get_object_or_404(correction_requests(user=user), pk=pk)


@dataclass(frozen=True)
class EffectiveRule:
    kind: DataType
    rule: RetentionRule | None
    own: bool


def retention_rules_for(*, job_centre) -> list[EffectiveRule]:
    """Each data type with the rule that applies to the centre: its own, else the default."""
    rules = list(RetentionRule.objects.filter(job_centre=job_centre)) + list(
        RetentionRule.objects.filter(job_centre__isnull=True)
    )
    result = []
    for key, kind in DATA_TYPES.items():
        own = next((r for r in rules if r.data_type == key and r.job_centre_id), None)
        default = next((r for r in rules if r.data_type == key and not r.job_centre_id), None)
        result.append(EffectiveRule(kind=kind, rule=own or default, own=own is not None))
    return result


def consents_for_centre(*, job_centre) -> QuerySet:
    """Observations of the centre's conversations where the citizen's consent is recorded."""
    from learning.models import Observation

    return (
        Observation.objects.filter(booking__job_centre=job_centre, consent_at__isnull=False)
        .select_related(
            "booking__citizen__user",
            "booking__topic",
            "observed",
            "observer",
            "consent_recorded_by",
        )
        .order_by("-consent_at", "-pk")
    )
