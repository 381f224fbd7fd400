"""Action learning (aktionslæring): the techniques a team trains, the consultant's logbook,
observations of real conversations with the team's feedback template, learning-group meetings
with their agenda, focus areas and learning points, and sparring weeks and sessions.

Records are changed only through `learning.services`; the database guards what must never
happen: feedback without the citizen's recorded consent, an acknowledgement without feedback,
a consultant observing themselves, a fourth citizen brought to a sparring event, two rounds for
one consultant in one meeting.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

#: The techniques of the method, a new team's starting list (the team leader edits it).
DEFAULT_TECHNIQUES = [
    ("Kontrakt", "Aftal formål, borgerens ønsker og dagsorden i starten af samtalen."),
    ("Nysgerrige spørgsmål", "Åbne spørgsmål, der lader borgeren folde sine tanker ud."),
    ("Spejling", "Gentag og afspejl det, borgeren siger, så borgeren hører sig selv."),
    ("Timeout", "Stop op og aftal på ny, hvor samtalen skal hen."),
    ("Opsummering ved borgeren", "Lad borgeren selv opsummere samtalen og aftalerne."),
    ("Joblog som udgangspunkt", "Tag afsæt i borgerens egen Joblog."),
    ("Arbejdsmarkedsviden i samtalen", "Bring konkret viden om job og virksomheder i spil."),
    (
        "Skift mellem myndighed og vejleder",
        "Vær tydelig om, hvornår du er myndighed, og hvornår du vejleder.",
    ),
]

#: A new team's feedback questions: the conversation's phases and the three bearings. The two
#: questions every feedback ends with (one thing that went well, one to try next) are fields of
#: `Observation`, not questions a team can remove.
DEFAULT_FEEDBACK_QUESTIONS = [
    "Kontrakt og opstart: Hvordan blev formålet, borgerens ønsker og dagsordenen aftalt?",
    "Status: Hvordan kom borgerens egen vurdering af jobsøgningen frem?",
    "Fremdrift: Kom borgerens egne idéer først, før konsulentens viden og tilbud?",
    "Afslutning: Opsummerede borgeren selv, og blev aftaler og hjemmeopgaver konkrete?",
    "Job og arbejdsmarked: Hvordan holdt samtalen retningen mod job og arbejdsmarkedet?",
    "Ejerskab: Hvordan fik borgeren ejerskab til sin egen jobsøgning?",
    "Progression: Hvilken progression blev tydelig for borgeren?",
]

#: The most citizens one consultant brings to a sparring week or session.
MAX_CASES_PER_CONSULTANT = 3


class Technique(models.Model):
    team = models.ForeignKey("centres.Team", on_delete=models.CASCADE, related_name="techniques")
    name = models.CharField(_("technique"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    #: A technique no longer trained is retired, not deleted: old logbook entries keep it.
    active = models.BooleanField(_("being trained"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="technique_name_once_per_team")
        ]

    def __str__(self) -> str:
        return self.name


class LogbookEntry(models.Model):
    """One training experience in the consultant's own logbook. Private unless `shared` with
    the learning group (the consultant's team). An entry with a `booking` comes from, or belongs
    to, that conversation; the logbook never shows the citizen behind it."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="logbook_entries"
    )
    date = models.DateField(_("date"))
    technique = models.ForeignKey(
        Technique,
        verbose_name=_("technique trained"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_entries",
    )
    booking = models.ForeignKey(
        "booking.Booking",
        verbose_name=_("conversation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logbook_entries",
    )
    what_happened = models.TextField(_("what happened"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    score = models.PositiveSmallIntegerField(
        _("how the conversation went (1-10)"),
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    next_step = models.TextField(_("next step"), blank=True)
    shared = models.BooleanField(_("shared with the learning group"), default=False)
    #: Written by the self-rating at the end of the conversation guide.
    from_guide = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=10), name="logbook_score_1_10"
            ),
            models.UniqueConstraint(
                fields=["consultant", "booking"],
                condition=Q(booking__isnull=False),
                name="logbook_one_entry_per_conversation",
            ),
        ]
        indexes = [models.Index(fields=["consultant", "date"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.score}/10"


class FeedbackQuestion(models.Model):
    """One question of a team's feedback template."""

    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, related_name="feedback_questions"
    )
    text = models.CharField(_("question"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")

    def __str__(self) -> str:
        return self.text


class ObservationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback given")
    ACKNOWLEDGED = "acknowledged", _("Feedback read")


#: Observations still going somewhere; one observer sits in on a conversation once.
OPEN_OBSERVATION_STATUSES = (
    ObservationStatus.REQUESTED,
    ObservationStatus.ACCEPTED,
    ObservationStatus.FEEDBACK_GIVEN,
    ObservationStatus.ACKNOWLEDGED,
)


class ConsentMethod(models.TextChoices):
    ORAL = "oral", _("Orally, before the conversation")
    WRITTEN = "written", _("In writing")


class Observation(models.Model):
    """A colleague or the team leader sits in on a coming conversation and gives feedback.

    The citizen's consent is recorded before feedback can exist (a database check), and the
    feedback keeps the template's questions as they were asked."""

    booking = models.ForeignKey(
        "booking.Booking", on_delete=models.PROTECT, related_name="observations"
    )
    observed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="observations_received"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observer"),
        on_delete=models.PROTECT,
        related_name="observations_given",
    )
    technique = models.ForeignKey(
        Technique,
        verbose_name=_("technique I am training"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
    )
    message = models.CharField(_("what to look for"), max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=ObservationStatus.choices, default=ObservationStatus.REQUESTED
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_method = models.CharField(
        _("how the citizen consented"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: [{"question": text as asked, "answer": text}, ...]
    answers = models.JSONField(default=list, blank=True)
    went_well = models.TextField(_("one thing that went well"), blank=True)
    try_next = models.TextField(_("one thing to try next time"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement = models.TextField(_("your thoughts on the feedback"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ObservationStatus.values), name="observation_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(observer=F("observed")), name="observation_not_of_oneself"
            ),
            models.CheckConstraint(
                condition=Q(feedback_at__isnull=True) | Q(consent_at__isnull=False),
                name="observation_feedback_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(feedback_at__isnull=False) | Q(went_well="", try_next="", answers=[]),
                name="observation_no_feedback_text_before_feedback",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(feedback_at__isnull=False),
                name="observation_ack_needs_feedback",
            ),
            models.UniqueConstraint(
                fields=["booking", "observer"],
                condition=Q(status__in=OPEN_OBSERVATION_STATUSES),
                name="observation_once_per_observer",
            ),
        ]
        indexes = [
            models.Index(fields=["observed", "feedback_at"]),
            models.Index(fields=["observer", "feedback_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.observer_id} → {self.booking_id}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class LearningMeeting(models.Model):
    """A learning-group meeting of one team, facilitated by its team leader. Its agreed focus
    areas and the members' learning points stand until the team's next meeting is held."""

    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, related_name="learning_meetings"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        related_name="meetings_facilitated",
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=120)
    place = models.CharField(_("place"), max_length=120, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(_("meeting minutes"), blank=True)
    focus_from = models.DateField(_("focus areas from"), null=True, blank=True)
    focus_until = models.DateField(_("focus areas until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("learning-group meeting")
        verbose_name_plural = _("learning-group meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_known"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=30, duration_minutes__lte=480),
                name="meeting_length_sane",
            ),
            models.CheckConstraint(
                condition=Q(focus_until__isnull=True) | Q(focus_until__gte=F("focus_from")),
                name="meeting_focus_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.ENDED) | Q(ended_at__isnull=False),
                name="meeting_ended_has_time",
            ),
        ]
        indexes = [models.Index(fields=["team", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.team_id} {self.starts_at:%Y-%m-%d}"


class AgendaKind(models.TextChoices):
    WELCOME = "welcome", _("Welcome and purpose")
    ROUND = "round", _("Round")
    FOCUS = "focus", _("Common focus areas")


class AgendaItem(models.Model):
    """One point of the meeting's agenda; a round item is one consultant's turn, told and then
    reflected on together. The facilitator's timer runs from `started_at`."""

    meeting = models.ForeignKey(LearningMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=AgendaKind.choices)
    title = models.CharField(_("title"), max_length=200)
    planned_minutes = models.PositiveSmallIntegerField(_("minutes"))
    #: Of the planned minutes, those for shared reflection (rounds: 5).
    reflection_minutes = models.PositiveSmallIntegerField(default=0)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_rounds",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(_("skipped"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_once"),
            models.UniqueConstraint(
                fields=["meeting", "consultant"],
                condition=Q(consultant__isnull=False),
                name="agenda_one_round_per_consultant",
            ),
            models.CheckConstraint(
                condition=(Q(kind=AgendaKind.ROUND) & Q(consultant__isnull=False))
                | (~Q(kind=AgendaKind.ROUND) & Q(consultant__isnull=True)),
                name="agenda_round_has_consultant",
            ),
            models.CheckConstraint(
                condition=Q(reflection_minutes__lte=F("planned_minutes")),
                name="agenda_reflection_within_item",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(started_at__isnull=False) | Q(skipped=True),
                name="agenda_ended_after_started",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FocusArea(models.Model):
    meeting = models.ForeignKey(
        LearningMeeting, on_delete=models.CASCADE, related_name="focus_areas"
    )
    text = models.CharField(_("focus area"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.text


class LearningPoint(models.Model):
    """One consultant's individual learning point from a meeting (private to them and the
    facilitator)."""

    meeting = models.ForeignKey(
        LearningMeeting, on_delete=models.CASCADE, related_name="learning_points"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_points"
    )
    text = models.TextField(_("learning point"))

    class Meta:
        ordering = ["meeting", "consultant"]
        verbose_name = _("learning point")
        verbose_name_plural = _("learning points")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "consultant"], name="learning_point_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return self.text[:50]


class SparringKind(models.TextChoices):
    WEEK = "week", _("Intensive week")
    SESSION = "session", _("Sparring session")


class SparringEvent(models.Model):
    """An intensive team week (the "uge 39" model) or a monthly sparring session: each
    consultant brings up to three citizens, the team sets a goal, and the result is counted
    from the course agreements approved between `starts_on` and `ends_on`."""

    team = models.ForeignKey(
        "centres.Team", on_delete=models.CASCADE, related_name="sparring_events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SparringKind.choices)
    title = models.CharField(_("title"), max_length=150)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    goal_count = models.PositiveSmallIntegerField(
        _("goal: citizens into a company-oriented course")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("sparring week or session")
        verbose_name_plural = _("sparring weeks and sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SparringKind.values), name="sparring_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="sparring_period_order"
            ),
            models.CheckConstraint(condition=Q(goal_count__gte=1), name="sparring_goal_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    """One part of the event's programme (Monday: each brings three citizens; Tuesday
    afternoon: outreach to companies; ...), ticked off as the week goes."""

    event = models.ForeignKey(SparringEvent, on_delete=models.CASCADE, related_name="programme")
    day = models.DateField(_("day"))
    title = models.CharField(_("what"), max_length=200)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["day", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return self.title


class SparringCase(models.Model):
    """A citizen a consultant brings to a sparring event. Colleagues see only `pseudonym`."""

    event = models.ForeignKey(SparringEvent, on_delete=models.CASCADE, related_name="cases")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sparring_cases"
    )
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="sparring_cases"
    )
    #: 1..MAX_CASES_PER_CONSULTANT: the database holds the limit per consultant.
    slot = models.PositiveSmallIntegerField()
    pseudonym = models.CharField(_("pseudonym"), max_length=20)
    question = models.CharField(_("what I want sparring on"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "pseudonym"]
        verbose_name = _("citizen brought to sparring")
        verbose_name_plural = _("citizens brought to sparring")
        constraints = [
            models.UniqueConstraint(fields=["event", "citizen"], name="sparring_citizen_once"),
            models.UniqueConstraint(fields=["event", "pseudonym"], name="sparring_pseudonym_once"),
            models.UniqueConstraint(
                fields=["event", "consultant", "slot"], name="sparring_slot_once"
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=1, slot__lte=MAX_CASES_PER_CONSULTANT),
                name="sparring_at_most_three_each",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym
