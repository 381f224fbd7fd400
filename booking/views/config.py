"""The job centre's booking configuration ("what can be booked") for its administrators and team
leaders: topics, meeting rooms, closing days and the booking rules."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts import policy
from booking.forms.config import (
    BookingRuleForm,
    ClosingDayForm,
    RoomCreateForm,
    RoomUpdateForm,
    TopicCreateForm,
    TopicForm,
)
from booking.models import ClosingDay, Room, Topic
from booking.selectors import config as selectors
from booking.services import config as services
from common.forms import create_once, service_errors_to_form


def _data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "submission_token"}


class OverviewView(View):
    def get(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        context = {
            "topic_count": selectors.topic_list(centre=centre).filter(active=True).count(),
            "room_count": selectors.room_list(centre=centre).filter(active=True).count(),
            "closing_day_count": selectors.coming_closing_days(centre=centre).count(),
            "staff_count": selectors.bookable_staff(centre=centre).count(),
        }
        return render(request, "booking/config/overview.html", context)


# --- Topics


class TopicListView(View):
    def get(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        return render(
            request,
            "booking/config/topic_list.html",
            {"topics": selectors.topic_rows(centre=centre)},
        )


class TopicCreateView(View):
    template_name = "booking/config/topic_form.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        return render(request, self.template_name, {"form": TopicCreateForm(centre=centre)})

    def post(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        form = TopicCreateForm(request.POST, centre=centre)
        if form.is_valid():

            def create() -> str:
                topic = services.topic_create(centre=centre, **_data(form))
                messages.success(request, _("The topic %(name)s is created.") % {"name": topic})
                return reverse("booking_config:topic_list")

            url = create_once(request, form, create, reverse("booking_config:topic_list"))
            if url:
                return redirect(url)
        return render(request, self.template_name, {"form": form}, status=400)


def _topic(request, pk) -> Topic:
    centre = policy.centre_for(request.user, "booking.configure")
    return get_object_or_404(Topic.objects.filter(job_centre=centre), pk=pk)


class TopicUpdateView(View):
    template_name = "booking/config/topic_form.html"

    def _render(self, request, topic, form, status=200):
        context = {
            "form": form,
            "topic": topic,
            "has_bookings": selectors.topic_has_bookings(topic=topic),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        topic = _topic(request, pk)
        return self._render(request, topic, TopicForm(instance=topic, centre=topic.job_centre))

    def post(self, request, pk):
        topic = _topic(request, pk)
        form = TopicForm(request.POST, instance=topic, centre=topic.job_centre)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.topic_update(topic=topic, **form.cleaned_data)
        ):
            messages.success(request, _("The changes are saved."))
            return redirect("booking_config:topic_list")
        return self._render(request, topic, form, status=400)


class TopicDeleteView(View):
    """Asks first. A topic with bookings is deactivated instead of deleted."""

    template_name = "booking/config/topic_delete.html"

    def get(self, request, pk):
        topic = _topic(request, pk)
        context = {"topic": topic, "has_bookings": selectors.topic_has_bookings(topic=topic)}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        topic = _topic(request, pk)
        name = topic.name
        if services.topic_delete(topic=topic):
            messages.success(request, _("The topic %(name)s is deleted.") % {"name": name})
        else:
            messages.success(
                request,
                _("The topic %(name)s has bookings, so it is deactivated instead of deleted.")
                % {"name": name},
            )
        return redirect("booking_config:topic_list")


# --- Meeting rooms


class RoomListView(View):
    def get(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        return render(
            request, "booking/config/room_list.html", {"rooms": selectors.room_list(centre=centre)}
        )


class RoomCreateView(View):
    template_name = "booking/config/room_form.html"

    def get(self, request):
        policy.centre_for(request.user, "booking.configure")
        return render(request, self.template_name, {"form": RoomCreateForm()})

    def post(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        form = RoomCreateForm(request.POST)
        if form.is_valid():

            def create() -> str:
                room = services.room_create(centre=centre, **_data(form))
                messages.success(request, _("The room %(name)s is created.") % {"name": room})
                return reverse("booking_config:room_list")

            url = create_once(request, form, create, reverse("booking_config:room_list"))
            if url:
                return redirect(url)
        return render(request, self.template_name, {"form": form}, status=400)


class RoomUpdateView(View):
    template_name = "booking/config/room_form.html"

    def _room(self, request, pk) -> Room:
        centre = policy.centre_for(request.user, "booking.configure")
        return get_object_or_404(Room.objects.filter(job_centre=centre), pk=pk)

    def get(self, request, pk):
        room = self._room(request, pk)
        context = {"form": RoomUpdateForm(instance=room), "room": room}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        room = self._room(request, pk)
        form = RoomUpdateForm(request.POST, instance=room)
        if form.is_valid() and service_errors_to_form(
            form, lambda: services.room_update(room=room, **form.cleaned_data)
        ):
            messages.success(request, _("The changes are saved."))
            return redirect("booking_config:room_list")
        return render(request, self.template_name, {"form": form, "room": room}, status=400)


# --- Closing days


def _bookings_warning(request, count: int) -> None:
    if count:
        messages.warning(
            request,
            ngettext(
                "%(count)d meeting is already booked in the period. It is not cancelled "
                "automatically.",
                "%(count)d meetings are already booked in the period. They are not cancelled "
                "automatically.",
                count,
            )
            % {"count": count},
        )


class ClosingDayListView(View):
    template_name = "booking/config/closing_day_list.html"

    def _render(self, request, centre, form, status=200):
        context = {
            "form": form,
            "closing_days": selectors.coming_closing_days(centre=centre),
            "holidays": selectors.coming_public_holidays(),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        return self._render(request, centre, ClosingDayForm())

    def post(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        form = ClosingDayForm(request.POST)
        if form.is_valid():

            def create() -> str:
                day = services.closing_day_add(centre=centre, **_data(form))
                messages.success(request, _("The closing day is added."))
                _bookings_warning(
                    request,
                    selectors.active_bookings_between(
                        first_day=day.date, last_day=day.date, centre=centre
                    ),
                )
                return reverse("booking_config:closing_day_list")

            url = create_once(request, form, create, reverse("booking_config:closing_day_list"))
            if url:
                return redirect(url)
        return self._render(request, centre, form, status=400)


class ClosingDayDeleteView(View):
    template_name = "booking/config/closing_day_delete.html"

    def _closing_day(self, request, pk) -> ClosingDay:
        centre = policy.centre_for(request.user, "booking.configure")
        return get_object_or_404(selectors.coming_closing_days(centre=centre), pk=pk)

    def get(self, request, pk):
        closing_day = self._closing_day(request, pk)
        return render(request, self.template_name, {"closing_day": closing_day})

    def post(self, request, pk):
        services.closing_day_delete(closing_day=self._closing_day(request, pk))
        messages.success(request, _("The closing day is deleted."))
        return redirect("booking_config:closing_day_list")


# --- Booking rules


def _prefix(target_group: str) -> str:
    return f"rule-{target_group or 'all'}"


class RulesView(View):
    """One form per citizen group and one for all groups; each saves on its own."""

    template_name = "booking/config/rules.html"

    def _render(self, request, centre, bound=None, status=200):
        sections = []
        for row in selectors.rule_rows(centre=centre):
            if bound is not None and bound.prefix == _prefix(row.target_group):
                form = bound
            else:
                form = BookingRuleForm(prefix=_prefix(row.target_group), initial=row.values)
            warnings = services.rule_warnings(row.values)
            sections.append({"row": row, "form": form, "warnings": warnings})
        return render(request, self.template_name, {"sections": sections}, status=status)

    def get(self, request):
        return self._render(request, policy.centre_for(request.user, "booking.configure"))

    def post(self, request):
        centre = policy.centre_for(request.user, "booking.configure")
        target_group = request.POST.get("target_group")
        rows = {row.target_group: row for row in selectors.rule_rows(centre=centre)}
        if target_group not in rows:
            raise BadRequest("unknown citizen group")
        form = BookingRuleForm(request.POST, prefix=_prefix(target_group))
        if form.is_valid() and service_errors_to_form(
            form,
            lambda: services.rule_save(
                centre=centre, target_group=target_group, **form.cleaned_data
            ),
        ):
            messages.success(request, _("The booking rules are saved."))
            return redirect(reverse("booking_config:rules") + f"#{_prefix(target_group)}")
        return self._render(request, centre, bound=form, status=400)
