"""The consultants' working hours, set by administrators and team leaders, and a consultant's own
working hours and absence."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from booking.forms.config import (
    WORKDAYS,
    AbsenceForm,
    WorkingHoursForm,
)
from booking.models import Absence
from booking.selectors import config as selectors
from booking.services import hours as hours_services
from booking.views.config import _bookings_warning, _data
from common.forms import create_once, service_errors_to_form

# --- Working hours


class WorkingHoursListView(View):
    def get(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        rows = []
        for consultant in selectors.staff_with_working_days(centre=centre):
            by_day = {wd.weekday: wd for wd in consultant.working_days.all()}
            rows.append({"consultant": consultant, "days": [by_day.get(d) for d in WORKDAYS]})
        return render(
            request,
            "booking/config/working_hours_list.html",
            {"rows": rows, "weekdays": WORKDAYS},
        )


def _save_hours(request, consultant, form) -> bool:
    if form.is_valid() and service_errors_to_form(
        form, lambda: hours_services.working_hours_save(consultant=consultant, days=form.days())
    ):
        messages.success(request, _("The working hours are saved."))
        return True
    return False


class WorkingHoursUpdateView(View):
    template_name = "booking/config/working_hours_form.html"

    def _consultant(self, request, user_id):
        centre = policy.centre_for(request.user, "booking.configure")
        return get_object_or_404(selectors.staff_with_working_days(centre=centre), pk=user_id)

    def get(self, request, user_id):
        consultant = self._consultant(request, user_id)
        form = WorkingHoursForm.for_consultant(consultant)
        return render(request, self.template_name, {"form": form, "consultant": consultant})

    def post(self, request, user_id):
        consultant = self._consultant(request, user_id)
        form = WorkingHoursForm.for_consultant(consultant, request.POST)
        if _save_hours(request, consultant, form):
            return redirect("booking_config:working_hours_list")
        context = {"form": form, "consultant": consultant}
        return render(request, self.template_name, context, status=400)


class OwnHoursView(View):
    """A consultant's own working hours and absence ("Mine arbejdstider og fravær")."""

    template_name = "booking/config/own_hours.html"

    def _render(self, request, hours_form=None, absence_form=None, status=200):
        policy.require(request.user, "calendar.view")
        context = {
            "form": hours_form or WorkingHoursForm.for_consultant(request.user),
            "absence_form": absence_form or AbsenceForm(),
            "absences": selectors.coming_absences(consultant=request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        policy.require(request.user, "calendar.view")
        if request.POST.get("section") == "absence":
            return self._add_absence(request)
        form = WorkingHoursForm.for_consultant(request.user, request.POST)
        if _save_hours(request, request.user, form):
            return redirect("booking_config:own_hours")
        return self._render(request, hours_form=form, status=400)

    def _add_absence(self, request):
        form = AbsenceForm(request.POST)
        url = reverse("booking_config:own_hours")
        if form.is_valid():

            def create() -> str:
                absence = hours_services.absence_add(consultant=request.user, **_data(form))
                messages.success(request, _("The absence is registered."))
                _bookings_warning(
                    request,
                    selectors.active_bookings_between(
                        first_day=absence.first_day,
                        last_day=absence.last_day,
                        consultant=request.user,
                    ),
                )
                return url

            if create_once(request, form, create, url):
                return redirect(url)
        return self._render(request, absence_form=form, status=400)


class OwnAbsenceDeleteView(View):
    template_name = "booking/config/absence_delete.html"

    def _absence(self, request, pk) -> Absence:
        policy.require(request.user, "calendar.view")
        return get_object_or_404(selectors.coming_absences(consultant=request.user), pk=pk)

    def get(self, request, pk):
        return render(request, self.template_name, {"absence": self._absence(request, pk)})

    def post(self, request, pk):
        hours_services.absence_delete(absence=self._absence(request, pk))
        messages.success(request, _("The absence is deleted."))
        return redirect("booking_config:own_hours")
