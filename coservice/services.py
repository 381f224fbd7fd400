"""Writes: starting and ending a co-service session, and noting what it opened."""

import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import Role, User
from audit.models import Purpose, Subject
from audit.services import lookup_record
from centres.help_places import hours_summary, open_until
from centres.models import HelpPlace
from citizens.models import Citizen
from common.db import lock
from coservice.models import CoServiceChange, CoServiceSession, EndReason

logger = logging.getLogger("jobsamtale.coservice")


def _refuse(message: str, code: str, *, helper: User, place: HelpPlace) -> ValidationError:
    logger.warning("coservice refused: %s (helper %s, place %s)", code, helper.pk, place.pk)
    return ValidationError(message, code=code)


def session_start(
    *, helper: User, place: HelpPlace, citizen_user: User, now: datetime | None = None
) -> CoServiceSession:
    """Starts a session once the citizen has logged in on the helper's screen. Refused outside
    the place's opening hours, at another centre's place or for another centre's citizen. A
    helper has one session at a time: a start with the same citizen at the same place goes on
    with the running one (one record for a double click), a start with another ends it."""
    now = now or timezone.now()
    if not policy.can(helper, "coservice.help", place):
        raise _refuse(_("You do not give co-service at this place."), "place", helper=helper,
                      place=place)  # fmt: skip
    citizen = Citizen.objects.filter(user=citizen_user).first()
    if citizen_user.role != Role.CITIZEN or citizen is None:
        raise _refuse(_("Only a citizen can confirm with their own login."), "not_citizen",
                      helper=helper, place=place)  # fmt: skip
    if citizen.job_centre_id != place.job_centre_id:
        raise _refuse(
            _("You belong to another job centre. Please contact your own job centre."),
            "other_centre",
            helper=helper,
            place=place,
        )
    closes_at = open_until(place, now)
    if closes_at is None:
        raise _refuse(
            _("%(place)s is closed now. Co-service is open %(hours)s.")
            % {"place": place.name, "hours": hours_summary(place) or "-"},
            "closed",
            helper=helper,
            place=place,
        )
    with transaction.atomic():
        # Starts by one helper queue on the helper's row (a click sent twice, a second screen):
        # each sees the session the one before it started.
        lock(helper)
        for running in CoServiceSession.objects.filter(helper=helper, ended_at__isnull=True):
            if (running.citizen_id, running.place_id) == (citizen.pk, place.pk) and (
                session_expiry(running, now) is None
            ):
                # The same citizen beside the same helper: the running session goes on.
                running.last_seen_at = now
                running.save(update_fields=["last_seen_at"])
                return running
            reason = session_expiry(running, now) or EndReason.HELPER
            session_end(session=running, reason=reason, now=now)
        session = CoServiceSession.objects.create(
            job_centre_id=place.job_centre_id,
            place=place,
            helper=helper,
            citizen=citizen,
            started_at=now,
            last_seen_at=now,
            closes_at=closes_at,
        )
        lookup_record(
            actor=helper,
            citizen=citizen,
            subject=Subject.CO_SERVICE,
            purpose=Purpose.CO_SERVICE,
            place=place.name,
        )
    logger.info("coservice started: session %s", session.pk)
    return session


def session_end(
    *, session: CoServiceSession, reason: str, now: datetime | None = None
) -> CoServiceSession:
    """Ends a running session (a session already ended stays as it ended)."""
    if session.ended_at is None:
        session.ended_at = now or timezone.now()
        session.end_reason = reason
        session.save(update_fields=["ended_at", "end_reason"])
        logger.info("coservice ended: session %s, %s", session.pk, reason)
    return session


def session_expiry(session: CoServiceSession, now: datetime) -> str | None:
    """Why a running session must end now (closing time, idle time), or None."""
    if now >= session.closes_at:
        return EndReason.CLOSING
    idle = timedelta(minutes=session.job_centre.coservice_idle_minutes)
    if now - session.last_seen_at >= idle:
        return EndReason.IDLE
    return None


#: The parts of the citizen's pages whose first look in a session is logged, and as what.
AREA_SUBJECTS = {
    "booking": Subject.BOOKINGS,
    "cv": Subject.CV,
    "joblog": Subject.JOBLOG,
    "suggestions": Subject.SUGGESTIONS,
}


def session_touch(*, session: CoServiceSession, area: str, now: datetime) -> None:
    """Keeps the session alive; the first look at an area writes the citizen's lookup log."""
    session.last_seen_at = now
    fields = ["last_seen_at"]
    if area in AREA_SUBJECTS and area not in session.areas:
        lookup_record(
            actor=session.helper,
            citizen=session.citizen,
            subject=AREA_SUBJECTS[area],
            purpose=Purpose.CO_SERVICE,
            place=session.place.name,
        )
        session.areas = [*session.areas, area]
        fields.append("areas")
    session.save(update_fields=fields)


def session_record_change(*, session: CoServiceSession, area: str, now: datetime) -> None:
    """Marks that the citizen changed a part of their pages with help in this session (a form
    sent and accepted): the citizen sees it on their co-service page, with the place and the
    helper. One row per part and session: a second change to the CV says nothing new."""
    if area in AREA_SUBJECTS:
        CoServiceChange.objects.bulk_create(
            [CoServiceChange(session=session, area=area, at=now)], ignore_conflicts=True
        )
