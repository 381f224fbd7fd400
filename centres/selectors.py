from django.db.models import Count, Q, QuerySet

from accounts import policy
from accounts.models import User


def staff_list(*, user: User) -> QuerySet[User]:
    return policy.staff_visible_to(user).select_related("team").order_by("name")


def team_list(*, user: User) -> QuerySet:
    return (
        policy.visible_to(user, "teams")
        .annotate(member_count=Count("members", filter=Q(members__is_active=True)))
        .order_by("name")
    )
