"""Learning-group meetings: the team's list, scheduling and changing a meeting, its rounds and
its page. Thin views: the services write, the selectors read and scope; a meeting outside the
user's team is a 404."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts import policy
from accounts.models import User
from centres.models import Team
from common.forms import create_once
from learning.forms.meetings import MeetingCreateForm, MeetingForm
from learning.models import AgendaItem, LearningMeeting, MeetingStatus
from learning.selectors import meetings as selectors
from learning.services import meetings as services


def _url(name: str, meeting: LearningMeeting, anchor: str = "") -> str:
    url = reverse(f"learning:{name}", args=[meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class _TeamView(View):
    """Pages of the user's own team's meetings."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.user = cast(User, request.user)

    def require_team(self, action: str) -> Team:
        """Refuses (403) unless the user may do `action` on their team; returns the team."""
        policy.require(self.user, "learning.use")
        policy.require(self.user, action, self.user.team)
        team = self.user.team
        assert team is not None  # learning.use requires a team
        return team


class _MeetingView(_TeamView):
    """Finds the meeting among the user's team's (else 404) and asks the policy (else 403)."""

    action = "meeting.view"

    def dispatch(self, request, *args, **kwargs):
        self.meeting = selectors.meeting_get(user=self.user, pk=kwargs["pk"])
        policy.require(self.user, self.action, self.meeting)
        if "item_pk" in kwargs:
            # An item of this meeting's agenda; another meeting's item is a 404.
            self.item = selectors.agenda_item_get(meeting=self.meeting, pk=kwargs["item_pk"])
        return super().dispatch(request, *args, **kwargs)


class MeetingListView(_TeamView):
    template_name = "learning/meetings/list.html"

    def get(self, request):
        self.require_team("meeting.view")
        today = timezone.localdate()
        return render(
            request,
            self.template_name,
            {
                "lists": selectors.meeting_lists(user=self.user, today=today),
                "may_manage": policy.can(self.user, "meeting.manage", self.user.team),
                "team": self.user.team,
            },
        )


class MeetingCreateView(_TeamView):
    template_name = "learning/meetings/form.html"

    def _render(self, request, team: Team, form, status=200):
        consultants = list(services.team_consultants(team).exclude(pk=self.user.pk))
        try:
            share = services.round_share(
                duration_minutes=services.DEFAULT_DURATION_MINUTES, rounds=len(consultants)
            )
        except ValidationError:
            share = None
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "creating": True,
                "consultants": consultants,
                "share": share if consultants else None,
                "reflection_minutes": services.ROUND_REFLECTION_MINUTES,
            },
            status=status,
        )

    def get(self, request):
        team = self.require_team("meeting.manage")
        form = MeetingCreateForm(initial=MeetingForm.initial_new(timezone.localdate()))
        return self._render(request, team, form)

    def post(self, request):
        team = self.require_team("meeting.manage")
        form = MeetingCreateForm(request.POST)
        if form.is_valid():

            def create() -> str:
                meeting = services.meeting_create(
                    team=team, facilitator=self.user, **form.details()
                )
                messages.success(
                    request,
                    _("The meeting is scheduled, and the members are told by e-mail."),
                )
                return _url("meeting", meeting)

            # The service's errors name the form's fields (or none): create_once puts them
            # beside the fields.
            url = create_once(request, form, create, reverse("learning:meetings"))
            if url:
                return redirect(url)
        return self._render(request, team, form, status=400)


class MeetingDetailView(_MeetingView):
    template_name = "learning/meetings/detail.html"

    def get(self, request, pk):
        meeting = self.meeting
        rows = selectors.agenda_rows(meeting=meeting)
        points = selectors.learning_points_seen_by(meeting=meeting, user=self.user)
        return render(
            request,
            self.template_name,
            {
                "meeting": meeting,
                "rows": rows,
                "focus_areas": list(meeting.focus_areas.all()),
                # In the agenda's order: (round, learning point) of those the user may see.
                "learning_points": [
                    (row.item, points[row.item.consultant_id])
                    for row in rows
                    if row.item.consultant_id in points
                ],
                "may_manage": policy.can(self.user, "meeting.manage", meeting),
                "may_facilitate": policy.can(self.user, "meeting.facilitate", meeting),
                "Status": MeetingStatus,
            },
        )


class MeetingEditView(_MeetingView):
    """Before the meeting: time, place, length and purpose; the order of the rounds and who
    is absent."""

    action = "meeting.manage"
    template_name = "learning/meetings/form.html"

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "meeting": self.meeting,
                "rows": selectors.agenda_rows(meeting=self.meeting),
            },
            status=status,
        )

    def _not_planned(self, request):
        messages.info(request, _("The meeting can only be changed before it starts."))
        return redirect(_url("meeting", self.meeting))

    def get(self, request, pk):
        if self.meeting.status != MeetingStatus.PLANNED:
            return self._not_planned(request)
        return self._render(request, MeetingForm(initial=MeetingForm.initial_from(self.meeting)))

    def post(self, request, pk):
        if self.meeting.status != MeetingStatus.PLANNED:
            return self._not_planned(request)
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_edit(meeting=self.meeting, **form.details())
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The meeting is changed."))
                return redirect(_url("meeting", self.meeting))
        self.meeting.refresh_from_db()
        return self._render(request, form, status=400)


class _RoundChangeView(_MeetingView):
    """Reordering a round or marking its consultant absent, from the edit page."""

    action = "meeting.manage"
    http_method_names = ["post"]
    item: AgendaItem

    def change(self, request) -> None:
        raise NotImplementedError

    def post(self, request, pk, item_pk):
        try:
            self.change(request)
        except ValidationError as error:
            _flash_errors(request, error)
            return redirect(_url("meeting", self.meeting))
        return redirect(_url("meeting_edit", self.meeting, f"item-{self.item.pk}"))


class RoundMoveView(_RoundChangeView):
    def change(self, request) -> None:
        services.agenda_round_move(
            meeting=self.meeting, item=self.item, up=request.POST.get("direction") == "up"
        )


class RoundAbsentView(_RoundChangeView):
    def change(self, request) -> None:
        absent = request.POST.get("absent") == "1"
        services.agenda_round_mark_absent(meeting=self.meeting, item=self.item, absent=absent)
        if absent:
            messages.success(
                request,
                _("%(name)s is marked absent; the other rounds share the time.")
                % {"name": self.item.title},
            )


class MeetingCancelView(_MeetingView):
    action = "meeting.manage"
    template_name = "learning/meetings/cancel.html"

    def get(self, request, pk):
        if self.meeting.status != MeetingStatus.PLANNED:
            messages.info(request, _("Only a planned meeting can be cancelled."))
            return redirect(_url("meeting", self.meeting))
        return render(request, self.template_name, {"meeting": self.meeting})

    def post(self, request, pk):
        try:
            services.meeting_cancel(meeting=self.meeting)
        except ValidationError as error:
            _flash_errors(request, error)
        else:
            messages.success(request, _("The meeting is cancelled, and the members are told."))
        return redirect(_url("meeting", self.meeting))
