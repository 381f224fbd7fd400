"""The citizen's booking: topic → consultant → a week of free times → mode and own words →
booked. The steps' state travels in the query string, so back, reload and bookmarks work; only
the final confirmation is a POST. The same flow serves co-service (the consultant turns the
screen)."""

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts import policy
from accounts.models import User
from audit.models import Purpose, Subject
from audit.services import lookup_record
from booking import deadlines, hooks
from booking.availability import Slot, free_slots, rule_for
from booking.forms.citizen import ConfirmForm
from booking.models import Booking, MeetingMode
from booking.selectors import bookings as selectors
from booking.services import bookings as services
from booking.services.bookings import BookingRequest, SlotTaken
from citizens.models import Citizen
from citizens.selectors import citizen_get
from common import hygiene


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _parse_time(raw: str | None) -> datetime | None:
    try:
        naive = datetime.fromisoformat(raw) if raw else None
    except ValueError:
        return None
    if naive is None or naive.tzinfo is not None:
        return None
    return timezone.make_aware(naive.replace(second=0, microsecond=0))


def apply_service_errors(form, error: ValidationError) -> None:
    """A service's errors on the form: field errors where the form has the field, the rest
    at the top, so nothing the citizen typed is lost."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def week_days(slots: list[Slot], monday: date) -> list[tuple[date, list[Slot]]]:
    """Monday to Friday (and a weekend day only if it has times), each with its free times."""
    by_day: dict[date, list[Slot]] = {monday + timedelta(days=i): [] for i in range(7)}
    for slot in slots:
        by_day.setdefault(timezone.localdate(slot.start), []).append(slot)
    return [(d, s) for d, s in sorted(by_day.items()) if d.weekday() < 5 or s]


class Flow:
    """The steps' state, read from the query string. Ids that do not belong to the citizen's
    choices are ignored (the step is shown again), never trusted."""

    def __init__(self, request, citizen: Citizen, base_url: str):
        self.citizen, self.base_url, self.now = citizen, base_url, timezone.now()
        self.moving_id: int | None = None  # the conversation being moved, if any
        self.rule = rule_for(citizen.job_centre_id, citizen.target_group)
        get = request.GET
        self.topics = selectors.topics_for(citizen)
        self.topic = next((t for t in self.topics if str(t.pk) == get.get("emne")), None)
        # A step with one sensible choice is taken for the citizen: one topic, one consultant
        # (not at the maximum: then the first step says why nothing can be booked).
        if self.topic is None and len(self.topics) == 1 and not get.get("emne"):
            self.topic = None if self.at_maximum else self.topics[0]
        raw_consultant = get.get("konsulent")
        # "alle" (or none yet) chooses no one: the consultants are then read only to be shown.
        self.consultant = (
            next((c for c in self.consultants if str(c.pk) == raw_consultant), None)
            if raw_consultant not in (None, "alle")
            else None
        )
        if raw_consultant is None and len(self.consultants) == 1:
            self.consultant = self.consultants[0]
        self.consultant_chosen = self.consultant is not None or raw_consultant == "alle"
        self.first_monday = _monday(timezone.localdate(self.now))
        self.last_day = self.rule.bookable_range(self.now)[1]
        self.week_wanted = get.get("uge")
        # A week beyond the bounds of common.hygiene (9999-W52) is no week: the first one.
        wanted = hygiene.query_date(get, "uge", label=_("Week"))
        self.monday = max(_monday(wanted or self.first_monday), self.first_monday)
        self.time = _parse_time(get.get("tid"))
        self._window: list[Slot] | None = None
        self.invalid = any(
            [
                get.get("emne") and self.topic is None,
                raw_consultant not in (None, "alle") and self.consultant is None,
                get.get("tid") and self.time is None,
            ]
        )

    @cached_property
    def consultants(self) -> list[User]:
        """Whom the citizen chooses among (step 2), and whom "første ledige" gives (step 4)."""
        return selectors.bookable_consultants(self.topic, self.citizen) if self.topic else []

    @cached_property
    def coming(self) -> int:
        """Told at the first step, not the last: at the maximum the citizen cannot book. Read
        when the page shows it (a confirmation that redirects never does)."""
        return deadlines.coming_bookings(self.citizen, self.now).count()

    @property
    def at_maximum(self) -> bool:
        return self.coming >= self.rule.max_open_bookings

    @property
    def step(self) -> int:
        if self.topic is None:
            return 1
        if not self.consultant_chosen:
            return 2
        if self.time is None:
            return 3
        return 4

    def url(self, **changes) -> str:
        params = {
            "emne": self.topic.pk if self.topic else None,
            "konsulent": (self.consultant.pk if self.consultant else "alle")
            if self.consultant_chosen
            else None,
            "uge": self.monday.isoformat() if self.step >= 3 else None,
            "tid": self.time.strftime("%Y-%m-%dT%H:%M") if self.time else None,
        }
        params.update(changes)
        query = urlencode({k: v for k, v in params.items() if v is not None})
        return f"{self.base_url}?{query}" if query else self.base_url

    def slots(
        self, first: date, last: date, check_rooms: bool = False, own_busy: bool = True
    ) -> list[Slot]:
        """The free times, less (`own_busy`) those over something the citizen has booked
        already (another conversation, a job club: the confirmation would refuse them; a POST
        leaves that to the booking service, which says why); whether a room is free too only
        when asked (the confirmation step), or when the topic is held in person only."""
        assert self.topic is not None
        slots = free_slots(
            topic=self.topic,
            target_group=self.citizen.target_group,
            date_from=first,
            date_to=last,
            consultant_id=self.consultant.pk if self.consultant else None,
            own_consultant_id=self.citizen.responsible_consultant_id,
            now=self.now,
            rule=self.rule,
            check_rooms=check_rooms,
        )
        if not own_busy:
            return slots
        return selectors.free_for_citizen(slots, self.citizen, ignore_booking_id=self.moving_id)

    def window_slots(self) -> list[Slot]:
        """The free times of the whole booking window, searched once per request."""
        if self._window is None:
            self._window = self.slots(timezone.localdate(self.now), self.last_day)
        return self._window

    def first_free(self) -> Slot | None:
        found = self.window_slots()
        return found[0] if found else None

    def open_first_free_week(self) -> None:
        """Without a chosen week, the week view opens at the first week that has free times,
        not at an empty one (the current week when no week has any)."""
        if self.week_wanted is None and (slot := self.first_free()) is not None:
            self.monday = _monday(timezone.localdate(slot.start))

    def slot_at_time(self, check_rooms: bool = True, own_busy: bool = True) -> Slot | None:
        assert self.time is not None
        day = timezone.localdate(self.time)
        found = self.slots(day, day, check_rooms, own_busy)
        return next((s for s in found if s.start == self.time), None)

    def week_times(self, slots: list[Slot]) -> list[tuple[date, list[dict[str, str]]]]:
        """week_days, each free time as the link the week shows: its time, the URL that
        chooses it and a label that says the day."""
        prefix = self.url(tid="")  # "tid" comes last: each time appends its own
        at = _("at")
        days = []
        for day, day_slots in week_days(slots, self.monday):
            day_name = dateformat.format(day, "l j. F")
            times = []
            for slot in day_slots:
                start = timezone.localtime(slot.start)
                hm = f"{start:%H.%M}"
                times.append(
                    {
                        "hm": hm,
                        "href": f"{prefix}{start:%Y-%m-%dT%H:%M}",
                        "label": f"{day_name} {at} {hm}",
                    }
                )
            days.append((day, times))
        return days

    def week_context(self) -> dict:
        sunday = self.monday + timedelta(days=6)
        if self._window is None:
            slots = self.slots(self.monday, sunday)
        else:  # the first week with times was found in the window: read the week from it
            slots = [
                s for s in self._window if self.monday <= timezone.localdate(s.start) <= sunday
            ]
        return {
            "days": self.week_times(slots),
            "has_times": bool(slots),
            "previous_url": self.url(uge=(self.monday - timedelta(days=7)).isoformat(), tid=None)
            if self.monday > self.first_monday
            else None,
            "next_url": self.url(uge=(self.monday + timedelta(days=7)).isoformat(), tid=None)
            if self.monday + timedelta(days=7) <= self.last_day
            else None,
            "first_free_url": self.url(uge="forste", tid=None),
            "week_number": self.monday.isocalendar().week,
            "sunday": self.monday + timedelta(days=6),
        }


class BookFlowMixin:
    """The four steps, for a citizen (BookView) or beside one (FacilitatedBookView)."""

    template_name = "booking/book.html"
    facilitated = False
    #: Told on the receipt; the citizen's own booking is recognised as their step.
    booked_message = gettext_lazy("Good that you booked. The conversation is booked.")

    def citizen(self, request, **kwargs) -> Citizen:
        raise NotImplementedError

    def base_url(self, citizen: Citizen) -> str:
        raise NotImplementedError

    def done_url(self, booking: Booking) -> str:
        raise NotImplementedError

    def _render(self, request, flow: Flow, status=200, **extra):
        slot = extra.get("slot")
        if slot is not None:
            # Who the citizen will meet: the one chosen, or whom "første ledige" will give.
            first = services.preferred_order(slot.consultant_ids, flow.citizen)[0]
            extra["assigned"] = flow.consultant or next(
                (c for c in flow.consultants if c.pk == first), None
            )
            # Until when the citizen could move or cancel it, told before they confirm.
            extra["change_deadline"] = flow.rule.change_until(slot.start)
            extra["can_change"] = flow.now <= extra["change_deadline"]
        context = {
            "flow": flow,
            "steps": [_("Topic"), _("Consultant"), _("Time"), _("Confirm")],
            "facilitated": self.facilitated,
            "open_deadlines": selectors.open_deadlines(flow.citizen),
            **extra,
        }
        if flow.step == 3 and "days" not in context:
            context.update(flow.week_context())
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        citizen = self.citizen(request, **kwargs)
        flow = Flow(request, citizen, self.base_url(citizen))
        if flow.invalid:
            messages.error(request, _("The choice is no longer possible. Please choose again."))
        if flow.step == 3 and flow.week_wanted == "forste":
            slot = flow.first_free()
            if slot is None:
                messages.info(request, _("There are no free times for this topic right now."))
                return redirect(flow.url(uge=None))
            return redirect(flow.url(uge=_monday(timezone.localdate(slot.start)).isoformat()))
        if flow.step == 3:
            flow.open_first_free_week()
        if flow.step == 4:
            slot = flow.slot_at_time()
            if slot is None:
                messages.warning(request, _("The time is no longer free. Please choose another."))
                return redirect(flow.url(tid=None))
            assert flow.topic is not None  # step 4: the topic is chosen
            form = ConfirmForm(modes=flow.topic.modes, room_free=slot.room_free)
            return self._render(request, flow, form=form, slot=slot)
        return self._render(request, flow)

    def post(self, request, **kwargs):
        citizen = self.citizen(request, **kwargs)
        flow = Flow(request, citizen, self.base_url(citizen))
        if flow.step != 4:
            return redirect(flow.url())
        assert flow.topic is not None and flow.time is not None  # step 4: both are chosen
        # Whether a room is free matters only to a conversation in person.
        in_person = request.POST.get("mode") == MeetingMode.IN_PERSON
        slot = flow.slot_at_time(check_rooms=in_person, own_busy=False)
        form = ConfirmForm(
            request.POST,
            modes=flow.topic.modes,
            room_free=slot.room_free if slot else True,
        )
        if form.is_valid():
            try:
                booking, _created = services.book(
                    citizen=citizen,
                    request=BookingRequest(
                        topic=flow.topic,
                        start=flow.time,
                        mode=form.cleaned_data["mode"],
                        consultant=flow.consultant,
                        talk_about=form.cleaned_data["talk_about"],
                        take_away=form.cleaned_data["take_away"],
                    ),
                    actor=request.user,
                    idempotency_key=form.cleaned_data["submission_token"],
                    facilitated=self.facilitated,
                    facilitator=None if self.facilitated else hooks.facilitator(request),
                    rule=flow.rule,
                )
            except SlotTaken as taken:
                flow.time = None
                return self._render(
                    request, flow, status=409, taken=True, alternatives=taken.alternatives
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, str(self.booked_message))
                return redirect(self.done_url(booking))
        return self._render(request, flow, status=400, form=form, slot=slot)


class BookView(BookFlowMixin, View):
    def citizen(self, request, **kwargs):
        policy.require(request.user, "booking.book_own")
        return request.user.citizen

    def base_url(self, citizen):
        return reverse("booking:start")

    def done_url(self, booking):
        return reverse("booking:detail", args=[booking.public_id])


class FacilitatedBookView(BookFlowMixin, View):
    """Co-service: the consultant opens the citizen's booking screen with the citizen beside
    them, and the citizen chooses. Recorded as self-booked and facilitated."""

    facilitated = True
    booked_message = gettext_lazy("The conversation is booked.")

    def citizen(self, request, **kwargs):
        citizen = citizen_get(user=request.user, public_id=kwargs["citizen_id"])
        policy.require(request.user, "citizen.facilitate", citizen)
        if request.method == "GET":
            lookup_record(
                actor=request.user,
                citizen=citizen,
                subject=Subject.BOOKING_SCREEN,
                purpose=Purpose.BOOKING,
            )
        return citizen

    def base_url(self, citizen):
        return reverse("booking:facilitate", args=[citizen.public_id])

    def done_url(self, booking):
        return reverse("booking:staff_detail", args=[booking.public_id])
