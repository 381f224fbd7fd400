"""The annual wheel: the year view for all staff of the centre, entering and changing events for
business consultants, and the calendar feed (a secret address, or a plain download)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET

from accounts import policy
from accounts.models import User
from centres import row_security
from common.forms import create_once, service_errors_to_form
from labour import wheel
from labour.feeds import wheel_calendar
from labour.forms.wheel import FeedActionForm, WheelEventCreateForm, WheelEventForm, WheelFilterForm

#: How far back the subscribed feed reaches: last year's events and everything after.
FEED_YEARS_BACK = 1


def _year(request) -> int:
    try:
        year = int(request.GET.get("aar", ""))
    except ValueError:
        return timezone.localdate().isocalendar().year
    if not wheel.FIRST_YEAR <= year <= wheel.LAST_YEAR:
        return timezone.localdate().isocalendar().year
    return year


class YearView(View):
    template_name = "labour/wheel/year.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "labour.view")
        year = _year(request)
        form = WheelFilterForm(request.GET or None, centre=centre)
        industry, occupation, group_by = form.filters()
        view = wheel.wheel_year(
            user=request.user,
            year=year,
            occupation=occupation,  # type: ignore[arg-type]
            industry=industry,
            group_by=group_by,
        )
        return render(
            request,
            self.template_name,
            {
                "centre": centre,
                "view": view,
                "form": form,
                "group_by": group_by,
                "previous_year": year - 1,
                "next_year": year + 1,
                "this_year": timezone.localdate().isocalendar().year,
                "filtered": bool(industry or occupation),
            },
        )


def _event_data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "submission_token"}


def _year_url(year: int) -> str:
    return f"{reverse('labour:wheel')}?aar={year}"


class EventCreateView(View):
    template_name = "labour/wheel/event_form.html"

    def get(self, request):
        centre = policy.centre_for(request.user, "labour.contribute")
        form = WheelEventCreateForm(centre=centre, initial={"year": _year(request)})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        centre = policy.centre_for(request.user, "labour.contribute")
        form = WheelEventCreateForm(request.POST, centre=centre)
        if form.is_valid():
            data = _event_data(form)

            def create() -> str:
                event = wheel.wheel_event_create(centre=centre, actor=request.user, **data)
                messages.success(request, _("“%(title)s” is on the annual wheel.") % data)
                return _year_url(event.year) + f"#event-{event.public_id}"

            url = create_once(request, form, create, reverse("labour:wheel"))
            if url:
                return redirect(url)
        return render(request, self.template_name, {"form": form}, status=400)


class EventEditView(View):
    template_name = "labour/wheel/event_form.html"

    def _event(self, request, public_id):
        event = wheel.wheel_event_get(user=request.user, public_id=public_id)
        policy.require(request.user, "labour.edit", event)
        return event

    def get(self, request, public_id):
        event = self._event(request, public_id)
        form = WheelEventForm(centre=event.job_centre, initial=WheelEventForm.initial_from(event))
        return render(request, self.template_name, {"form": form, "event": event})

    def post(self, request, public_id):
        event = self._event(request, public_id)
        form = WheelEventForm(request.POST, centre=event.job_centre)
        if form.is_valid() and service_errors_to_form(
            form, lambda: wheel.wheel_event_update(event=event, **form.cleaned_data)
        ):
            messages.success(request, _("The changes are saved."))
            return redirect(_year_url(event.year) + f"#event-{event.public_id}")
        return render(request, self.template_name, {"form": form, "event": event}, status=400)


class EventDeleteView(View):
    template_name = "labour/wheel/event_delete.html"

    def _event(self, request, public_id):
        event = wheel.wheel_event_get(user=request.user, public_id=public_id)
        policy.require(request.user, "labour.edit", event)
        return event

    def get(self, request, public_id):
        event = self._event(request, public_id)
        return render(
            request,
            self.template_name,
            {
                "event": event,
                "first_day": wheel.event_first_day(event),
                "last_day": wheel.event_last_day(event),
            },
        )

    def post(self, request, public_id):
        event = self._event(request, public_id)
        year, title = event.year, event.title
        wheel.wheel_event_delete(event=event)
        messages.success(
            request, _("“%(title)s” is deleted from the annual wheel.") % {"title": title}
        )
        return redirect(_year_url(year))


class FeedManageView(View):
    """ "Subscribe in your calendar": the user's secret feed address. The address is shown once,
    right after it is made; only its hash is kept."""

    template_name = "labour/wheel/feed.html"

    def _render(self, request, *, token=None, status=200):
        feed = wheel.calendar_feed_of(user=request.user)
        address = (
            request.build_absolute_uri(reverse("labour:wheel_feed", args=[token]))
            if token
            else None
        )
        return render(
            request,
            self.template_name,
            {"feed": feed, "address": address},
            status=status,
        )

    def get(self, request):
        policy.centre_for(request.user, "labour.view")
        return self._render(request)

    def post(self, request):
        policy.centre_for(request.user, "labour.view")
        form = FeedActionForm(request.POST)
        if not form.is_valid():
            return self._render(request, status=400)
        if form.cleaned_data["action"] == "revoke":
            wheel.calendar_feed_revoke(user=request.user)
            messages.success(request, _("The calendar address is deleted and no longer works."))
            return redirect("labour:wheel_feed_manage")
        token = wheel.calendar_feed_create(user=request.user)
        response = self._render(request, token=token)
        response["Cache-Control"] = "no-store"
        return response


def _calendar_response(user: User, events, *, filename: str | None = None) -> HttpResponse:
    body = wheel_calendar(centre_name=user.job_centre.name, events=events)  # type: ignore[union-attr]
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@login_not_required
@require_GET
def feed(request, token: str):
    """The subscribed feed: no login (calendar apps cannot), the secret token is the key. An
    unknown, replaced or revoked token, or a user who may no longer see the wheel, is a 404."""
    user = wheel.calendar_feed_owner(token)
    centre = user.job_centre if user is not None else None
    if user is None or centre is None or not policy.can(user, "labour.view", centre):
        raise Http404
    if row_security.enabled():  # no login, so the middleware set no job centre
        row_security.set_centre(centre.pk)
    first_year = timezone.localdate().isocalendar().year - FEED_YEARS_BACK
    events = wheel.wheel_events_for(user=user).filter(year__gte=first_year)
    response = _calendar_response(user, events)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def download(request):
    """The year's events as an .ics file, for the logged-in user."""
    policy.centre_for(request.user, "labour.view")
    year = _year(request)
    events = wheel.wheel_events_for(user=request.user, year=year)
    return _calendar_response(request.user, events, filename=f"aarshjul-{year}.ics")
