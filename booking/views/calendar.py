"""The consultant's calendar ("Min kalender", day and week) and a conversation's page. Every
page that shows a citizen's data writes the lookup log."""

from datetime import date, timedelta

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from accounts.models import User
from accounts.policy import CONVERSATION_ROLES
from audit.mixins import LogsCitizenLookup
from audit.models import Purpose, Subject
from audit.services import lookup_record
from booking import hooks
from booking.calendar import public_holiday
from booking.forms.staff import (
    CentreCancelForm,
    OutcomeForm,
    VideoLinkForm,
)
from booking.models import ACTIVE_STATUSES, Booking, MeetingMode, Status
from booking.selectors import bookings as selectors
from booking.services import bookings as services
from common.forms import service_errors_to_form

#: Dates the calendar accepts in ?dag= and ?uge=; anything else shows today.
_FIRST_DAY, _LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def _parse_day(value: str | None, default: date) -> date:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return default
    return day if _FIRST_DAY <= day <= _LAST_DAY else default


def _calendar_owner(request) -> User:
    """The user whose calendar is shown: one's own, or (team leaders) a colleague's in the
    same job centre via ?konsulent=<id>."""
    policy.require(request.user, "calendar.view")
    wanted = request.GET.get("konsulent", "")
    if not wanted or wanted == str(request.user.pk):
        return request.user
    policy.require(request.user, "team.overview")
    if not wanted.isdigit():
        raise Http404
    return get_object_or_404(
        policy.staff_visible_to(request.user).filter(role__in=CONVERSATION_ROLES), pk=wanted
    )


def _calendar_colleagues(user: User):
    """Whose calendars a team leader may switch to."""
    if not policy.can(user, "team.overview"):
        return []
    return (
        policy.staff_visible_to(user)
        .filter(role__in=CONVERSATION_ROLES, is_active=True)
        .order_by("name")
    )


def _log_shown(user: User, bookings) -> None:
    """One lookup-log line per citizen on the page, however many of their bookings it shows."""
    seen: set[int] = set()
    for booking in bookings:
        if booking.citizen_id not in seen:
            seen.add(booking.citizen_id)
            lookup_record(
                actor=user,
                citizen=booking.citizen,
                subject=Subject.BOOKINGS,
                purpose=Purpose.PREPARATION,
            )


def _calendar_context(request, owner: User) -> dict:
    own = owner.pk == request.user.pk
    return {
        "owner": owner,
        "own_calendar": own,
        "owner_query": "" if own else f"&konsulent={owner.pk}",
        "colleagues": _calendar_colleagues(request.user),
        "today": timezone.localdate(),
    }


class CalendarDayView(View):
    """The consultant's conversations of one day, with the citizens' own words to prepare."""

    template_name = "booking/staff/calendar_day.html"

    def get(self, request):
        owner = _calendar_owner(request)
        today = timezone.localdate()
        day = _parse_day(request.GET.get("dag"), today)
        bookings = list(selectors.consultant_bookings(consultant=owner, first=day, last=day))
        _log_shown(request.user, bookings)
        for booking in bookings:
            booking.approach = hooks.approach_for(booking.citizen, today)  # type: ignore[attr-defined]
        return render(
            request,
            self.template_name,
            {
                **_calendar_context(request, owner),
                "day": day,
                "holiday": public_holiday(day),
                "previous_day": day - timedelta(days=1),
                "next_day": day + timedelta(days=1),
                "bookings": bookings,
                "active_count": sum(1 for b in bookings if b.status in ACTIVE_STATUSES),
            },
        )


class CalendarWeekView(View):
    """Monday to Friday of the week that holds ?uge=<any date in it>."""

    template_name = "booking/staff/calendar_week.html"

    def get(self, request):
        owner = _calendar_owner(request)
        today = timezone.localdate()
        monday = _parse_day(request.GET.get("uge"), today)
        monday -= timedelta(days=monday.weekday())
        friday = monday + timedelta(days=4)
        bookings = list(selectors.consultant_bookings(consultant=owner, first=monday, last=friday))
        _log_shown(request.user, bookings)
        by_day: dict[date, list[Booking]] = {monday + timedelta(days=i): [] for i in range(5)}
        for booking in bookings:
            by_day.setdefault(timezone.localdate(booking.start), []).append(booking)
        days = [
            {"date": d, "holiday": public_holiday(d), "bookings": by_day[d]}
            for d in sorted(by_day)
            if d.weekday() < 5
        ]
        return render(
            request,
            self.template_name,
            {
                **_calendar_context(request, owner),
                "monday": monday,
                "friday": friday,
                "week_number": monday.isocalendar().week,
                "days": days,
                "previous_week": monday - timedelta(days=7),
                "next_week": monday + timedelta(days=7),
                "this_week": monday <= today <= monday + timedelta(days=6),
            },
        )


def _atomic(call):
    """The service call in a savepoint, so an error it raises leaves nothing behind even
    though the request's own transaction goes on (ATOMIC_REQUESTS)."""

    def run():
        with transaction.atomic():
            return call()

    return run


class StaffBookingView(LogsCitizenLookup, View):
    """Everything about one conversation, and what its consultant (or the centre's team
    leaders and administrators) can do with it: held, no-show, cancel."""

    template_name = "booking/staff/detail.html"
    lookup_subject = Subject.BOOKINGS
    lookup_purpose = Purpose.PREPARATION

    def _booking(self, request, public_id) -> Booking:
        booking = selectors.booking_get(user=request.user, public_id=public_id)
        policy.require(request.user, "citizen.view", booking.citizen)
        return booking

    def _render(self, request, booking, status=200, **forms):
        now = timezone.now()
        may_manage = policy.can(request.user, "booking.manage", booking)
        context = {
            "booking": booking,
            "may_manage": may_manage,
            "may_run": policy.can(request.user, "conversation.run", booking),
            "may_mark": may_manage and booking.start <= now and booking.is_active,
            "may_cancel": may_manage and booking.status == Status.BOOKED and booking.end > now,
            "may_link": may_manage
            and booking.mode == MeetingMode.VIDEO
            and booking.status == Status.BOOKED
            and booking.end > now,
            "outcome_form": forms.get("outcome_form") or OutcomeForm(),
            "cancel_form": forms.get("cancel_form") or CentreCancelForm(),
            "link_form": forms.get("link_form")
            or VideoLinkForm(initial={"video_link": booking.video_link}),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, public_id):
        booking = self._booking(request, public_id)
        self.log_lookup(booking.citizen)
        return self._render(request, booking)

    def post(self, request, public_id):
        booking = self._booking(request, public_id)
        policy.require(request.user, "booking.manage", booking)
        if "video_link" in request.POST:
            return self._post_link(request, booking)
        if "outcome" in request.POST:
            outcome_form = OutcomeForm(request.POST)
            if outcome_form.is_valid() and service_errors_to_form(
                outcome_form,
                _atomic(
                    lambda: services.mark_outcome(
                        booking=booking,
                        status=outcome_form.cleaned_data["outcome"],
                        actor=request.user,
                    )
                ),
            ):
                messages.success(
                    request,
                    _("The conversation is marked: %(status)s.")
                    % {"status": booking.get_status_display()},
                )
                return redirect("booking:staff_detail", public_id=booking.public_id)
            booking.refresh_from_db()
            return self._render(request, booking, 400, outcome_form=outcome_form)
        cancel_form = CentreCancelForm(request.POST)
        if cancel_form.is_valid() and service_errors_to_form(
            cancel_form,
            _atomic(
                lambda: services.cancel_by_centre(
                    booking=booking, actor=request.user, reason=cancel_form.cleaned_data["reason"]
                )
            ),
        ):
            messages.success(request, _("The conversation is cancelled. The citizen is told why."))
            return redirect("booking:staff_detail", public_id=booking.public_id)
        booking.refresh_from_db()
        return self._render(request, booking, 400, cancel_form=cancel_form)

    def _post_link(self, request, booking):
        link_form = VideoLinkForm(request.POST)
        if link_form.is_valid() and service_errors_to_form(
            link_form,
            _atomic(
                lambda: services.video_link_set(
                    booking=booking, link=link_form.cleaned_data["video_link"], actor=request.user
                )
            ),
        ):
            messages.success(request, _("The link to the video meeting is saved."))
            return redirect("booking:staff_detail", public_id=booking.public_id)
        booking.refresh_from_db()
        return self._render(request, booking, 400, link_form=link_form)
