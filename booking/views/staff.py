"""A citizen's conversations and booking deadlines for the consultant: the page, withdrawing a
deadline, registering the citizen's absence and summoning. Every page writes the lookup log;
the actions go through the booking services and deadlines."""

from datetime import date, time, timedelta

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from audit.mixins import LogsCitizenLookup
from audit.models import Subject
from booking import deadlines
from booking.availability import Slot, free_slots
from booking.calendar import WorkingCalendar
from booking.forms.staff import (
    CitizenAbsenceForm,
    DeadlineForm,
    SummonForm,
)
from booking.models import BookingDeadline, DeadlineStatus
from booking.selectors import bookings as selectors
from booking.selectors.config import bookable_staff
from booking.services import bookings as services
from booking.services import staff as staff_services
from citizens.models import Citizen
from citizens.selectors import citizen_get
from common.forms import create_once


class _CitizenPage(LogsCitizenLookup, View):
    """A page about one citizen's conversations; `action` must be allowed on the citizen."""

    lookup_subject = Subject.BOOKINGS
    action = "citizen.view"

    def citizen(self, request, citizen_id) -> Citizen:
        citizen = citizen_get(user=request.user, public_id=citizen_id)
        policy.require(request.user, "citizen.view", citizen)
        policy.require(request.user, self.action, citizen)
        return citizen


def _citizen_page_url(citizen: Citizen, anchor: str = "") -> str:
    url = reverse("booking:citizen_bookings", args=[citizen.public_id])
    return f"{url}#{anchor}" if anchor else url


def _default_summons_day(citizen: Citizen, today: date) -> date:
    tomorrow = today + timedelta(days=1)
    return WorkingCalendar.for_centre(citizen.job_centre_id, tomorrow).next_working_day(tomorrow)


def _summon_form(request, citizen: Citizen, data=None) -> SummonForm:
    """The summons form with the free times of its chosen day, topic and consultant."""
    form = SummonForm(
        data,
        citizen=citizen,
        consultants=bookable_staff(centre=citizen.job_centre),
        day=_default_summons_day(citizen, timezone.localdate()),
        actor=request.user,
    )
    topic, consultant, day = form.chosen("topic"), form.chosen("consultant"), form.chosen("day")
    times: list[time] = []
    if topic and consultant and day:
        slots = free_slots(
            topic=topic,
            target_group=citizen.target_group,
            date_from=day,
            date_to=day,
            consultant_id=consultant.pk,
        )
        times = [timezone.localtime(slot.start).time() for slot in slots]
    form.set_times(times)
    form.reload_times_from(reverse("booking:summon", args=[citizen.public_id]))
    return form


class CitizenBookingsView(_CitizenPage):
    """A citizen's conversations (coming and past), booking deadlines and absence, for staff.
    POST gives a booking deadline."""

    template_name = "booking/staff/citizen_bookings.html"

    def _context(self, request, citizen: Citizen, **forms) -> dict:
        today = timezone.localdate()
        user = request.user
        coming, past = selectors.citizen_bookings(citizen=citizen)
        deadline_list = list(selectors.citizen_deadlines(citizen))
        may_manage_deadlines = policy.can(user, "deadline.manage", citizen)
        # Citizens exempt from self-booking are summoned: they are given no deadline.
        may_give_deadline = may_manage_deadlines and not citizen.self_booking_exempt
        may_summon = citizen.self_booking_exempt and policy.can(user, "citizen.summon", citizen)
        context = {
            "citizen": citizen,
            "coming": list(coming),
            "past": list(past),
            "deadlines": deadline_list,
            "missed": [d for d in deadline_list if d.status == DeadlineStatus.MISSED],
            "absences": list(citizen.absences.filter(last_day__gte=today)),
            "may_manage_deadlines": may_manage_deadlines,
            "open_deadline": next(
                (d for d in deadline_list if d.status == DeadlineStatus.OPEN), None
            ),
            "may_summon": may_summon,
            "may_facilitate": policy.can(user, "citizen.facilitate", citizen),
            "facilitate_url": reverse("booking:facilitate", args=[citizen.public_id]),
        }
        if may_give_deadline or "deadline_form" in forms:
            context["deadline_form"] = forms.get("deadline_form") or DeadlineForm(
                citizen=citizen, today=today
            )
        if may_manage_deadlines:
            context["absence_form"] = forms.get("absence_form") or CitizenAbsenceForm()
        if may_summon:
            context["summon_form"] = _summon_form(request, citizen)
        return context

    def get(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        self.log_lookup(citizen)
        return render(request, self.template_name, self._context(request, citizen))

    def post(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        policy.require(request.user, "deadline.manage", citizen)
        today = timezone.localdate()
        form = DeadlineForm(request.POST, citizen=citizen, today=today)
        if form.is_valid():

            def create() -> str:
                item = deadlines.create(
                    citizen=citizen,
                    actor=request.user,
                    topic=form.cleaned_data["topic"],
                    deadline=form.cleaned_data["deadline"],
                    window_start=form.cleaned_data["window_start"],
                    window_end=form.cleaned_data["window_end"],
                    today=today,
                )
                messages.success(request, _deadline_given_message(item))
                return _citizen_page_url(citizen, "frister")

            url = create_once(request, form, create, _citizen_page_url(citizen, "frister"))
            if url:
                return redirect(url)
        context = self._context(request, citizen, deadline_form=form)
        return render(request, self.template_name, context, status=400)


def _deadline_given_message(item: BookingDeadline) -> str:
    """What the consultant is told: given (and what it replaced), or met at once."""

    def short(day: date) -> str:
        return formats.date_format(day, "SHORT_DATE_FORMAT")

    if item.fulfilled_by is not None:
        start = timezone.localtime(item.fulfilled_by.start)
        text = _(
            "The citizen already has a conversation on %(date)s at %(time)s inside the window, "
            "so the deadline is met by it. If the citizen cancels it, the deadline opens again."
        ) % {"date": short(start.date()), "time": f"{start:%H.%M}"}
    else:
        text = _("The booking deadline is given: %(date)s. The citizen is told.") % {
            "date": short(item.deadline)
        }
    if item.replaces is not None:
        text += " " + _("The new deadline replaces the open deadline %(date)s.") % {
            "date": short(item.replaces.deadline)
        }
    return text


class DeadlineWithdrawView(_CitizenPage):
    """GET asks to confirm; POST withdraws an open or missed booking deadline."""

    template_name = "booking/staff/deadline_withdraw.html"
    action = "deadline.manage"

    def _item(self, citizen: Citizen, pk: int) -> BookingDeadline:
        return get_object_or_404(
            BookingDeadline.objects.select_related("topic"), citizen=citizen, pk=pk
        )

    def get(self, request, citizen_id, pk):
        citizen = self.citizen(request, citizen_id)
        item = self._item(citizen, pk)
        self.log_lookup(citizen)
        return render(request, self.template_name, {"citizen": citizen, "item": item})

    def post(self, request, citizen_id, pk):
        citizen = self.citizen(request, citizen_id)
        item = self._item(citizen, pk)
        try:
            with transaction.atomic():
                deadlines.withdraw(item=item)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The booking deadline is withdrawn."))
        return redirect(_citizen_page_url(citizen, "frister"))


class CitizenAbsenceView(_CitizenPage):
    """Registers a citizen's absence; the citizen's booking deadlines move past it."""

    template_name = "booking/staff/absence.html"
    action = "deadline.manage"

    def _render(self, request, citizen, form, status=200):
        absences = citizen.absences.filter(last_day__gte=timezone.localdate())
        return render(
            request,
            self.template_name,
            {"citizen": citizen, "absence_form": form, "absences": absences},
            status=status,
        )

    def get(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        self.log_lookup(citizen)
        return self._render(request, citizen, CitizenAbsenceForm())

    def post(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        form = CitizenAbsenceForm(request.POST)
        if form.is_valid():

            def create() -> str:
                _absence, moved = staff_services.citizen_absence_register(
                    citizen=citizen,
                    first_day=form.cleaned_data["first_day"],
                    last_day=form.cleaned_data["last_day"],
                    reason=form.cleaned_data["reason"],
                )
                text = _("The absence is registered.")
                if moved:
                    text += " " + _("Booking deadlines moved past it: %(dates)s.") % {
                        "dates": ", ".join(
                            formats.date_format(d.deadline, "SHORT_DATE_FORMAT") for d in moved
                        )
                    }
                messages.success(request, text)
                return _citizen_page_url(citizen, "fravaer")

            url = create_once(request, form, create, _citizen_page_url(citizen, "fravaer"))
            if url:
                return redirect(url)
        return self._render(request, citizen, form, status=400)


def _on_fields(error: ValidationError, form) -> ValidationError:
    """The service's error with its keys on the form's fields ("start" is the time field);
    keys the form has no field for become errors of the whole form."""
    if not hasattr(error, "error_dict"):
        return error
    renamed: dict[str, list] = {}
    for key, errors in error.error_dict.items():
        key = "time" if key == "start" else key
        renamed.setdefault(key if key in form.fields else NON_FIELD_ERRORS, []).extend(errors)
    return ValidationError(renamed)


def _slot_label(slot: Slot) -> str:
    local = timezone.localtime(slot.start)
    return _("%(day)s at %(time)s") % {
        "day": formats.date_format(local, "l j. F"),
        "time": f"{local:%H.%M}",
    }


class SummonView(_CitizenPage):
    """An indkaldelse for a citizen exempt from self-booking. With htmx, GET returns only the
    free times for the chosen day, topic and consultant."""

    template_name = "booking/staff/summon.html"
    action = "citizen.summon"

    def _render(self, request, citizen, form, status=200):
        context = {"citizen": citizen, "summon_form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        if request.htmx:
            form = _summon_form(request, citizen, request.GET)
            return render(request, "booking/staff/_summon_form_times.html", {"summon_form": form})
        self.log_lookup(citizen)
        return self._render(request, citizen, _summon_form(request, citizen))

    def post(self, request, citizen_id):
        citizen = self.citizen(request, citizen_id)
        form = _summon_form(request, citizen, request.POST)
        if form.is_valid():
            token = form.cleaned_data["submission_token"]

            def create() -> str:
                try:
                    booking = services.summon(
                        citizen=citizen,
                        request=services.BookingRequest(
                            topic=form.cleaned_data["topic"],
                            start=form.start(timezone.get_current_timezone()),
                            mode=form.cleaned_data["mode"],
                            consultant=form.cleaned_data["consultant"],
                        ),
                        actor=request.user,
                        idempotency_key=token,
                    )
                except ValidationError as error:
                    raise _on_fields(error, form) from error
                messages.success(request, _("The citizen is summoned and is told the time."))
                return reverse("booking:staff_detail", args=[booking.public_id])

            try:
                url = create_once(request, form, create, _citizen_page_url(citizen))
            except services.SlotTaken as taken:
                message = _("The time has just been booked by someone else.")
                if taken.alternatives:
                    message += " " + _("The nearest free times: %(times)s.") % {
                        "times": ", ".join(_slot_label(s) for s in taken.alternatives)
                    }
                form.add_error("time", message)
                return self._render(request, citizen, form, status=400)
            if url:
                return redirect(url)
        return self._render(request, citizen, form, status=400)
