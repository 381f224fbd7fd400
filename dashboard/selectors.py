"""What each role's home page shows. Every read starts from the policy's scopes."""

from django.db.models import Count, Q
from django.utils import timezone

from accounts import policy
from accounts.models import Role, User
from booking.models import ACTIVE_STATUSES, BookingDeadline, DeadlineStatus
from booking.selectors import consultant_bookings
from citizens.models import BenefitType, TargetGroup
from citizens.selectors import citizen_list

SMALL_NUMBER = 5  # cells built on fewer people are shown as "< 5"


def protect(n: int) -> int | str:
    return "< 5" if 0 < n < SMALL_NUMBER else n


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
            citizen__in=policy.citizens_visible_to(user).filter(responsible_consultant=user),
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
    unassigned = policy.citizens_visible_to(user).filter(responsible_consultant__isnull=True)
    return {"team": user.team, "members": members, "unassigned_count": unassigned.count()}


def centre_overview(*, user: User) -> dict:
    """Citizens by benefit and target group, and staff by role, for managers."""
    citizens = policy.citizens_visible_to(user)
    cells = {
        (row["benefit_type"], row["target_group"]): row["n"]
        for row in citizens.values("benefit_type", "target_group").annotate(n=Count("id"))
    }
    rows = [
        {
            "label": benefit.label,
            "cells": [protect(cells.get((benefit.value, group.value), 0)) for group in TargetGroup],
            "total": protect(sum(cells.get((benefit.value, g.value), 0) for g in TargetGroup)),
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
        "citizen_total": totals["total"],
        "exempt_count": protect(totals["exempt"]),
        "unassigned_count": totals["unassigned"],
        "staff_by_role": [(role.label, staff.get(role.value, 0)) for role in Role if role in staff],
    }
