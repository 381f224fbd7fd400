"""The facilitator's view of a learning-group meeting: it starts the meeting and walks the agenda
with a timer, item by item, to the end. A meeting outside the user's team is a 404."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from learning.forms.meetings import ItemNotesForm, MeetingEndForm
from learning.models import AgendaItem, AgendaKind, LearningMeeting, MeetingStatus
from learning.selectors import meetings as selectors
from learning.services import meetings as services
from learning.views.meetings import _apply_errors, _flash_errors, _MeetingView, _url


def facilitate_context(meeting: LearningMeeting, user: User, **forms) -> dict:
    now = timezone.now()
    today = timezone.localdate(now)
    current = selectors.meeting_current_item(meeting=meeting)
    timer = selectors.timer_for(item=current, now=now)
    points = selectors.learning_points_seen_by(meeting=meeting, user=user)
    notes_form = forms.get("notes_form")
    if notes_form is None and current is not None:
        point = points.get(current.consultant_id) if current.consultant_id else None
        notes_form = ItemNotesForm(
            initial={"text": current.notes, "learning_point": point.text if point else ""},
            auto_id=f"id_item{current.pk}_%s",
        )
    end_form = forms.get("end_form")
    if end_form is None:
        focus_from, focus_until = selectors.focus_period_default(meeting=meeting, today=today)
        end_form = MeetingEndForm(
            initial={"focus_from": focus_from, "focus_until": focus_until},
        )
    rows = selectors.agenda_rows(meeting=meeting)
    return {
        "meeting": meeting,
        "rows": rows,
        "current": current,
        "current_row": next((row for row in rows if row.item == current), None),
        "timer": timer,
        "notes_form": notes_form,
        "end_form": end_form,
        # On the focus item, after the last item, or to show what was refused.
        "show_end": meeting.status == MeetingStatus.RUNNING
        and (current is None or current.kind == AgendaKind.FOCUS or "end_form" in forms),
        "may_start_today": today >= timezone.localdate(meeting.starts_at),
        "Status": MeetingStatus,
        "Kind": AgendaKind,
    }


class MeetingFacilitateView(_MeetingView):
    """The facilitator's screen during the meeting: the current item big with its timer."""

    action = "meeting.facilitate"
    template_name = "learning/meetings/facilitate.html"

    def get(self, request, pk):
        context = facilitate_context(self.meeting, self.user)
        return render(request, self.template_name, context)


class MeetingStartView(_MeetingView):
    action = "meeting.facilitate"
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            services.meeting_start(meeting=self.meeting)
        except ValidationError as error:
            _flash_errors(request, error)
            if self.meeting.status in (MeetingStatus.ENDED, MeetingStatus.CANCELLED):
                return redirect(_url("meeting", self.meeting))
        return redirect(_url("meeting_facilitate", self.meeting, "current-item"))


class _AgendaStepView(_MeetingView):
    """Next item or skip: names the item the facilitator saw as current, so a second tab or
    a double click cannot move the agenda on twice."""

    action = "meeting.facilitate"
    http_method_names = ["post"]
    item: AgendaItem

    def step(self):
        raise NotImplementedError

    def post(self, request, pk, item_pk):
        try:
            self.step()
        except ValidationError as error:
            _flash_errors(request, error)
        return redirect(_url("meeting_facilitate", self.meeting, "current-item"))


class ItemNextView(_AgendaStepView):
    def step(self):
        return services.agenda_item_next(meeting=self.meeting, item=self.item)


class ItemSkipView(_AgendaStepView):
    def step(self):
        return services.agenda_item_skip(meeting=self.meeting, item=self.item)


class ItemNotesView(_MeetingView):
    """Saves an item's notes (and a round's learning point): htmx gets the small status line,
    a beacon a bare status, a plain POST the facilitator's view again."""

    action = "meeting.facilitate"
    http_method_names = ["post"]
    item: AgendaItem
    status_template = "learning/meetings/_saved.html"

    def post(self, request, pk, item_pk):
        item = self.item
        form = ItemNotesForm(request.POST, auto_id=f"id_item{item.pk}_%s")
        status = 200
        context: dict[str, Any] = {"item": item}
        if form.is_valid():
            point = form.cleaned_data["learning_point"]
            has_point = item.kind == AgendaKind.ROUND and "learning_point" in request.POST
            try:
                services.agenda_item_notes_save(
                    meeting=self.meeting,
                    item=item,
                    notes=form.cleaned_data["text"],
                    learning_point=point if has_point else None,
                )
                context["saved_at"] = timezone.now()
            except ValidationError as error:
                status = 422
                context["errors"] = error.messages
                _apply_errors(form, error)
        else:
            status = 422
            context["errors"] = [e for errors in form.errors.values() for e in errors]
        if request.POST.get("beacon"):
            return HttpResponse(status=204 if status == 200 else status)
        if request.htmx:
            return render(request, self.status_template, context, status=status)
        if status == 200:
            messages.success(request, _("The notes are saved."))
            return redirect(_url("meeting_facilitate", self.meeting, "current-item"))
        context = facilitate_context(self.meeting, self.user, notes_form=form)
        return render(request, MeetingFacilitateView.template_name, context, status=400)


class MeetingEndView(_MeetingView):
    action = "meeting.facilitate"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = MeetingEndForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_end(
                    meeting=self.meeting,
                    minutes=form.cleaned_data["minutes"],
                    focus_areas=form.focus_areas(),
                    focus_from=form.cleaned_data["focus_from"],
                    focus_until=form.cleaned_data["focus_until"],
                )
            except ValidationError as error:
                if self.meeting.status != MeetingStatus.RUNNING:
                    _flash_errors(request, error)
                    return redirect(_url("meeting", self.meeting))
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The meeting is ended. The focus areas are on the members' home pages."),
                )
                return redirect(_url("meeting", self.meeting))
        context = facilitate_context(self.meeting, self.user, end_form=form)
        return render(request, MeetingFacilitateView.template_name, context, status=400)
