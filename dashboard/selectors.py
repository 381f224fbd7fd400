"""What each role's home page shows. Every read starts from the policy's scopes."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import Role, User
from booking.models import ACTIVE_STATUSES, BookingDeadline, DeadlineStatus
from booking.selectors.bookings import consultant_bookings
from citizens.models import BenefitType, TargetGroup
from citizens.selectors import citizen_list
from common.small_numbers import hidden_text, is_small, protect, suppress


def consultant_caseload(*, user: User) -> dict:
    citizens = citizen_list(user=user, mine_only=True)
    return {"my_citizens": citizens[:10], "my_citizen_count": citizens.count()}


def consultant_day(*, user: User, shown: int = 10) -> dict:
    """Today's conversations, and the booking deadlines the consultant's citizens let pass
    (a flag for the consultant to follow up on, never a sanction)."""
    today = timezone.localdate()
    todays = consultant_bookings(consultant=user, first=today, last=today).filter(
        status__in=ACTIVE_STATUSES
    )
    missed = (
        BookingDeadline.objects.filter(
            status=DeadlineStatus.MISSED,
            citizen__in=policy.visible_to(user, "citizens").filter(responsible_consultant=user),
        )
        .select_related("citizen__user", "topic")
        .order_by("deadline", "pk")
    )
    return {
        "todays_bookings": list(todays),
        "missed_deadlines": list(missed[:shown]),
        "missed_count": missed.count(),
    }


def team_overview(*, user: User) -> dict:
    members = (
        policy.staff_visible_to(user)
        .filter(team_id=user.team_id, team__isnull=False, is_active=True)
        .exclude(pk=user.pk)
        .annotate(caseload=Count("responsible_for"))
        .order_by("name")
    )
    unassigned = policy.visible_to(user, "citizens").filter(responsible_consultant__isnull=True)
    return {"team": user.team, "members": members, "unassigned_count": unassigned.count()}


def centre_overview(*, user: User) -> dict:
    """Citizens by benefit and target group, and staff by role, for managers. A cell on fewer
    citizens than the centre's threshold is "< 5"; a cell or row total that would give one away
    (a row total minus the other cells, the citizens in total minus the other rows) is hidden
    as well (`common.small_numbers`)."""
    threshold = user.job_centre.small_number_threshold if user.job_centre else 5
    citizens = policy.visible_to(user, "citizens")
    counts = {
        (row["benefit_type"], row["target_group"]): row["n"]
        for row in citizens.values("benefit_type", "target_group").annotate(n=Count("id"))
    }
    values: dict[object, int] = {}
    lines: list[tuple[list, object]] = []
    for benefit in BenefitType:
        cells = [(benefit.value, group.value) for group in TargetGroup]
        for key in cells:
            values[key] = counts.get(key, 0)
        values[benefit.value] = sum(values[key] for key in cells)
        lines.append((cells, benefit.value))
    values["all"] = sum(counts.values())
    lines.append(([benefit.value for benefit in BenefitType], "all"))
    hidden = suppress(values, lines, threshold=threshold)

    def shown(key) -> int | str:
        if key not in hidden:
            return values[key]
        return hidden_text(threshold) if is_small(values[key], threshold) else _("hidden")

    rows = [
        {
            "label": benefit.label,
            "cells": [shown((benefit.value, group.value)) for group in TargetGroup],
            "total": shown(benefit.value),
        }
        for benefit in BenefitType
    ]
    totals = citizens.aggregate(
        total=Count("id"),
        exempt=Count("id", filter=Q(self_booking_exempt=True)),
        unassigned=Count("id", filter=Q(responsible_consultant__isnull=True)),
    )
    staff = {
        row["role"]: row["n"]
        for row in policy.staff_visible_to(user)
        .filter(is_active=True)
        .values("role")
        .annotate(n=Count("id"))
    }
    return {
        "group_headers": [group.label for group in TargetGroup],
        "citizen_rows": rows,
        "citizen_total": shown("all"),
        # The number the sentence's grammar follows: never the hidden number's.
        "citizen_total_n": values["all"] if "all" not in hidden else threshold,
        "exempt_count": protect(totals["exempt"], threshold),
        "small_number_threshold": threshold,
        "unassigned_count": totals["unassigned"],
        "staff_by_role": [(role.label, staff.get(role.value, 0)) for role in Role if role in staff],
    }
