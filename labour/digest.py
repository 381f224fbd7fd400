"""The weekly digest (tirsdagsmail): the job centre's new openings (still open) and new annual
wheel events since a moment, grouped by industry. The same digest is a page and, for staff who
opt in, an e-mail every Tuesday morning through the notifications service."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from accounts import policy
from accounts.models import User
from labour.feeds import event_summary
from labour.models import DigestSubscription, JobOpening, WheelEvent
from labour.selectors import last_tuesday
from notifications.models import Notification
from notifications.services import notify

logger = logging.getLogger(__name__)


@dataclass
class DigestGroup:
    label: str
    industry_id: int | None = None
    #: The first openings of the industry by title, at most LABOUR_DIGEST_OPENINGS_SHOWN.
    openings: list[JobOpening] = field(default_factory=list)
    #: All the industry's new openings, shown or not.
    opening_count: int = 0
    events: list[WheelEvent] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.opening_count + len(self.events)

    @property
    def more(self) -> int:
        """How many of the industry's new openings are not listed."""
        return self.opening_count - len(self.openings)

    @property
    def board_query(self) -> str:
        """The board's filter for the industry's new openings."""
        query = {"new": "on", **({"industry": self.industry_id} if self.industry_id else {})}
        return urlencode(query)


@dataclass
class Digest:
    since: datetime
    until: datetime
    groups: list[DigestGroup]

    @property
    def opening_count(self) -> int:
        return sum(g.opening_count for g in self.groups)

    @property
    def event_count(self) -> int:
        return sum(len(g.events) for g in self.groups)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def subscription_of(user: User) -> DigestSubscription | None:
    return DigestSubscription.objects.filter(user=user).first()


def digest_since(user: User, now: datetime | None = None) -> datetime:
    """Since the user's last digest, or since last Tuesday when none has been sent."""
    subscription = subscription_of(user)
    if subscription is not None and subscription.last_sent_at is not None:
        return subscription.last_sent_at
    return last_tuesday(now)


def _industry_key(industry_id: int | None, name: str | None) -> tuple[int, str]:
    if industry_id is not None and name is not None:
        return (0, name)
    return (1, _("No industry"))


def digest_build(*, centre, since: datetime, now: datetime | None = None) -> Digest:
    """The centre's openings created after `since` that are still open, and its wheel events
    created after `since`, grouped by the company's industry ("No industry" last). Each
    industry lists its first openings by title and counts the rest, so a week with a large
    import stays a page (and a mail) a person reads: two queries for the openings whatever
    their number."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    shown = settings.LABOUR_DIGEST_OPENINGS_SHOWN
    openings = JobOpening.objects.filter(
        job_centre=centre, created_at__gt=since, created_at__lte=now
    ).filter(Q(valid_through__isnull=True) | Q(valid_through__gte=today))
    counts = openings.values_list("company__industry", "company__industry__name").annotate(
        n=Count("pk")
    )
    first = (
        openings.annotate(
            rank=Window(
                RowNumber(), partition_by=[F("company__industry")], order_by=["title", "pk"]
            )
        )
        .filter(rank__lte=shown)
        .select_related("company__industry", "occupation")
        .order_by("title", "pk")
    )
    events = (
        WheelEvent.objects.filter(job_centre=centre, created_at__gt=since, created_at__lte=now)
        .select_related("company__industry", "occupation")
        .order_by("year", "week_from", "title", "pk")
    )
    groups: dict[tuple[int, str], DigestGroup] = {}

    def group(industry_id: int | None, name: str | None) -> DigestGroup:
        key = _industry_key(industry_id, name)
        return groups.setdefault(key, DigestGroup(label=key[1], industry_id=industry_id))

    for industry_id, name, count in counts:
        group(industry_id, name).opening_count += count
    for opening in first:
        industry = opening.company.industry if opening.company else None
        group(
            industry.pk if industry else None, industry.name if industry else None
        ).openings.append(opening)
    for event in events:
        industry = event.company.industry if event.company else None
        group(industry.pk if industry else None, industry.name if industry else None).events.append(
            event
        )
    return Digest(since=since, until=now, groups=[groups[k] for k in sorted(groups)])


def digest_for(user: User, *, since: datetime | None = None, now: datetime | None = None) -> Digest:
    now = now or timezone.now()
    return digest_build(centre=user.job_centre, since=since or digest_since(user, now), now=now)


# ---------------------------------------------------------------------------------------------
# Opt-in


def digest_subscription_set(*, user: User, active: bool) -> DigestSubscription:
    """Opts the user in or out. A new subscriber's first digest holds what is new since the
    Tuesday before."""
    subscription, _created = DigestSubscription.objects.get_or_create(
        user=user, defaults={"active": active}
    )
    if subscription.active != active:
        subscription.active = active
        subscription.save(update_fields=["active"])
    return subscription


def is_subscribed(user: User) -> bool:
    subscription = subscription_of(user)
    return bool(subscription and subscription.active)


# ---------------------------------------------------------------------------------------------
# The e-mail


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def digest_text(digest: Digest, *, centre_name: str) -> tuple[str, str]:
    """The e-mail's subject and plain-text body."""
    link = settings.SITE_URL + reverse("labour:digest")
    subject = _("Tuesday mail: new in %(centre)s") % {"centre": centre_name}
    lines = [
        _("New since %(when)s:") % {"when": _when(digest.since)},
        ngettext("%(count)d new job opening", "%(count)d new job openings", digest.opening_count)
        % {"count": digest.opening_count},
        ngettext(
            "%(count)d new need on the annual wheel",
            "%(count)d new needs on the annual wheel",
            digest.event_count,
        )
        % {"count": digest.event_count},
    ]
    for group in digest.groups:
        lines += ["", f"{group.label} ({group.count})"]
        for opening in group.openings:
            parts = [opening.title]
            if opening.employer:
                parts.append(opening.employer)
            if opening.town:
                parts.append(opening.town)
            line = "- " + ", ".join(parts)
            if opening.valid_through:
                line += " " + _("(apply by %(date)s)") % {
                    "date": formats.date_format(opening.valid_through, "j. F")
                }
            lines.append(line)
        if group.more:
            lines.append(
                ngettext(
                    "- and %(count)d more: %(link)s",
                    "- and %(count)d more: %(link)s",
                    group.more,
                )
                % {
                    "count": group.more,
                    "link": f"{settings.SITE_URL}{reverse('labour:board')}?{group.board_query}",
                }
            )
        for event in group.events:
            lines.append(
                "- "
                + _("Annual wheel: %(summary)s, weeks %(first)d-%(last)d %(year)d")
                % {
                    "summary": event_summary(event),
                    "first": event.week_from,
                    "last": event.week_to,
                    "year": event.year,
                }
            )
    lines += [
        "",
        _("See the Tuesday mail and the openings: %(link)s") % {"link": link},
        _("You get this mail because you signed up for it. Sign off on the same page."),
    ]
    return subject, "\n".join(lines)


def _iso_week_key(now: datetime) -> str:
    iso = timezone.localdate(now).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def send_digest(subscription: DigestSubscription, *, now: datetime) -> bool:
    """Sends the subscriber their digest, at most once per ISO week; an empty digest is not
    sent but is recorded as checked. Returns whether a mail was scheduled now."""
    user = subscription.user
    key = f"digest:{user.pk}:{_iso_week_key(now)}"
    if Notification.objects.filter(recipient=user, key=key).exists():
        return False
    digest = digest_build(
        centre=user.job_centre, since=subscription.last_sent_at or last_tuesday(now), now=now
    )
    made = []
    if not digest.is_empty:
        with override(settings.LANGUAGE_CODE):
            subject, body = digest_text(digest, centre_name=user.job_centre.name)  # type: ignore[union-attr]
        made = notify(
            recipient=user, key=key, subject=subject, body=body, channels=["email"], now=now
        )
    subscription.last_sent_at = now
    subscription.save(update_fields=["last_sent_at"])
    return bool(made)


def send_digests(*, now: datetime | None = None) -> int:
    """The Tuesday run: each active subscriber who may still see the centre's labour-market
    knowledge gets their digest. Returns how many mails were scheduled."""
    now = now or timezone.now()
    subscriptions = (
        DigestSubscription.objects.filter(
            active=True, user__is_active=True, user__job_centre__isnull=False
        )
        .select_related("user__job_centre")
        .order_by("pk")
    )
    sent = 0
    for subscription in subscriptions:
        user = subscription.user
        if not policy.can(user, "labour.view", user.job_centre):
            continue
        try:
            with transaction.atomic():
                sent += send_digest(subscription, now=now)
        except ValueError:
            logger.warning("Digest for user %s refused: it looks like a CPR number", user.pk)
    return sent
