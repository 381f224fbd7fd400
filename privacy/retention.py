"""The types of data a retention rule can name, each with how its age is measured and what
"delete" and "anonymise" mean for it. A short, fixed registry in code; the periods and actions
are data (`RetentionRule`), per job centre with a global default.

Citizens have no "closed" state in this system, so a closed case is a citizen with no activity
since the limit: no login, no change to the profile, no conversation booked for a time since
then, and no Joblog entry made since then.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q, QuerySet, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.models import RetentionAction

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

#: Usernames of anonymised citizens start with this, so they are not anonymised again.
ANONYMISED_PREFIX = "anonymiseret-"
ANONYMISED_NAME = _("Anonymised citizen")
#: Stands in for the CPR number of an anonymised citizen (shown masked as 000000-XXXX).
ANONYMISED_CPR = "0000000000"


@dataclass(frozen=True)
class DataType:
    key: str
    label: "StrOrPromise"
    measured_from: "StrOrPromise"
    actions: tuple[str, ...]
    #: The default rule the data migration writes: (years, months, action).
    default: tuple[int, int, str]
    #: The lookup from the data's rows to their job centre's id.
    centre_field: str
    #: (cutoff) → the rows past the limit (not yet anonymised).
    expired: Callable[[datetime], QuerySet]
    delete: Callable[[QuerySet], None]
    anonymise: Callable[[QuerySet], None] | None = None


def months_before(moment: datetime, months: int) -> datetime:
    """`moment` moved back whole calendar months (31 March - 1 month = 28/29 February)."""
    import calendar

    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


# --- Closed citizen cases


def _closed_cases(cutoff: datetime) -> QuerySet:
    from booking.models import Booking
    from citizens.models import Citizen
    from joblog.models import JoblogEntry

    recent_booking = Booking.objects.filter(citizen=OuterRef("pk"), start__gte=cutoff)
    recent_joblog = JoblogEntry.objects.filter(citizen=OuterRef("pk"), created_at__gte=cutoff)
    return (
        Citizen.objects.filter(created_at__lt=cutoff, updated_at__lt=cutoff)
        .filter(Q(user__last_login__isnull=True) | Q(user__last_login__lt=cutoff))
        .exclude(user__username__startswith=ANONYMISED_PREFIX)
        .exclude(Exists(recent_booking))
        .exclude(Exists(recent_joblog))
    )


def _anonymise_citizens(citizens: QuerySet) -> None:
    """Removes name, CPR number, contact details and the citizen's own free text; keeps the
    rows that statistics count (conversations, Joblog entries, courses)."""
    from notifications.models import Notification, NotificationStatus
    from privacy.models import CorrectionRequest

    for citizen in citizens.select_related("user"):
        marker = uuid.uuid4().hex
        user = citizen.user
        user.name = str(ANONYMISED_NAME)
        user.username = f"{ANONYMISED_PREFIX}{marker}"
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        citizen.cpr = ANONYMISED_CPR
        citizen.cpr_hash = f"{ANONYMISED_PREFIX}{marker}"
        citizen.mobile = ""
        citizen.postcode = ""
        citizen.travel_radius_km = None
        citizen.save()
        CorrectionRequest.objects.filter(citizen=citizen).delete()
        Notification.objects.filter(recipient=user, status=NotificationStatus.QUEUED).update(
            status=NotificationStatus.WITHDRAWN,
            status_reason="The citizen's data was anonymised.",
            status_changed_at=timezone.now(),
        )
        Notification.objects.filter(recipient=user).update(subject="", body="")


def _delete_citizens(citizens: QuerySet) -> None:
    """Deletes the citizen and their login with everything that cascades; a citizen whose data
    something else must keep (e.g. an observation of their conversation) is anonymised."""
    from notifications.models import Notification

    for citizen in citizens.select_related("user"):
        user = citizen.user
        try:
            with transaction.atomic():
                Notification.objects.filter(recipient=user).delete()
                citizen.delete()
                user.delete()
        except (ProtectedError, RestrictedError):
            _anonymise_citizens(type(citizen).objects.filter(pk=citizen.pk))


# --- The lookup log


def _lookups(cutoff: datetime) -> QuerySet:
    from audit.models import LookupLog

    return LookupLog.objects.filter(created_at__lt=cutoff)


# --- Conversation notes (the guide's notes and the journal note), by the conversation's date


def _conversations_with_notes(cutoff: datetime) -> QuerySet:
    from booking.models import Booking

    return Booking.objects.filter(start__lt=cutoff).filter(
        Q(guide__isnull=False) | Q(journal_note__isnull=False)
    )


def _delete_notes(bookings: QuerySet) -> None:
    from conversations.models import Guide, JournalNote

    ids = list(bookings.values_list("pk", flat=True))
    Guide.objects.filter(booking_id__in=ids).delete()
    JournalNote.objects.filter(booking_id__in=ids).delete()


# --- Joblog entries, by the entry's date


def _joblog(cutoff: datetime) -> QuerySet:
    from joblog.models import JoblogEntry

    return JoblogEntry.objects.filter(date__lt=cutoff.date()).exclude(employer="")


def _anonymise_joblog(entries: QuerySet) -> None:
    """Keeps activity, date, occupation, channel and status (the counts); removes the rest."""
    entries.update(employer="", job_title="", postcode="", town="", ad_url="", notes="")


# --- Notifications


def _notifications(cutoff: datetime) -> QuerySet:
    from notifications.models import Notification

    return Notification.objects.filter(created_at__lt=cutoff).exclude(body="")


def _anonymise_notifications(notifications: QuerySet) -> None:
    notifications.update(subject="", body="")


def _delete(rows: QuerySet) -> None:
    rows.delete()


DELETE, ANONYMISE = RetentionAction.DELETE.value, RetentionAction.ANONYMISE.value

DATA_TYPES: dict[str, DataType] = {
    t.key: t
    for t in [
        DataType(
            key="closed_cases",
            label=_("Closed citizen cases"),
            measured_from=_(
                "The citizen's last activity: login, change of details, booked conversation "
                "or Joblog entry."
            ),
            actions=(ANONYMISE, DELETE),
            default=(5, 0, ANONYMISE),
            centre_field="job_centre_id",
            expired=_closed_cases,
            delete=_delete_citizens,
            anonymise=_anonymise_citizens,
        ),
        DataType(
            key="lookup_log",
            label=_("Lookup log"),
            measured_from=_("When the data was looked up. The log can only be deleted."),
            actions=(DELETE,),
            default=(5, 0, DELETE),
            centre_field="job_centre_id",
            expired=_lookups,
            delete=_delete,
        ),
        DataType(
            key="conversation_notes",
            label=_("Conversation notes and journal notes"),
            measured_from=_("The date of the conversation. Notes can only be deleted."),
            actions=(DELETE,),
            default=(5, 0, DELETE),
            centre_field="job_centre_id",
            expired=_conversations_with_notes,
            delete=_delete_notes,
        ),
        DataType(
            key="joblog_entries",
            label=_("Entries in the Joblog"),
            measured_from=_("The date of the entry."),
            actions=(ANONYMISE, DELETE),
            default=(3, 0, ANONYMISE),
            centre_field="citizen__job_centre_id",
            expired=_joblog,
            delete=_delete,
            anonymise=_anonymise_joblog,
        ),
        DataType(
            key="notifications",
            label=_("Notifications (e-mail and SMS)"),
            measured_from=_("When the notification was made."),
            actions=(DELETE, ANONYMISE),
            default=(1, 0, DELETE),
            centre_field="recipient__job_centre_id",
            expired=_notifications,
            delete=_delete,
            anonymise=_anonymise_notifications,
        ),
    ]
}
