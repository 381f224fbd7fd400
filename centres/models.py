from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobCentre(models.Model):
    """The tenant: one job centre per municipality. Its settings are data its administrators
    change in the settings UI."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    town = models.CharField(_("town"), max_length=80, blank=True)
    hide_staff_names_in_lookup_log = models.BooleanField(
        _("hide staff names in the citizen's lookup log"),
        default=False,
        help_text=_("The citizen then sees the role of whoever looked, not their name."),
    )
    staff_session_timeout_minutes = models.PositiveSmallIntegerField(
        _("staff log out after inactivity (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
    )
    citizen_session_timeout_minutes = models.PositiveSmallIntegerField(
        _("citizens log out after inactivity (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
    )
    long_unemployment_months = models.PositiveSmallIntegerField(
        _("long unemployment from (months)"),
        default=12,
        validators=[MinValueValidator(3), MaxValueValidator(36)],
        help_text=_(
            "From here the preparation view suggests an active, hands-on approach "
            "(aktiv og håndholdt) instead of involvement and cooperation."
        ),
    )

    travel_radius_with_car_km = models.PositiveSmallIntegerField(
        _("standard travel radius with a car (km)"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_(
            "How far job suggestions reach for a citizen whose CV has a driving licence for a "
            "car, unless the citizen has set their own radius."
        ),
    )
    travel_radius_without_car_km = models.PositiveSmallIntegerField(
        _("standard travel radius without a car (km)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("The same for a citizen without a driving licence for a car."),
    )

    # How citizens reach the centre: shown in the footer of citizen pages and wherever a page
    # says "kontakt jobcentret".
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("As citizens should read them, e.g. “Mandag-torsdag 9-15, fredag 9-12”."),
    )

    # Reminders (SMS and e-mail) go out only between quiet_hours_end and quiet_hours_start.
    quiet_hours_start = models.TimeField(
        _("no reminders from"), default=time(22, 0), help_text=_("Local time.")
    )
    quiet_hours_end = models.TimeField(
        _("no reminders until"), default=time(9, 0), help_text=_("Local time.")
    )
    reminder_lead_hours = models.PositiveSmallIntegerField(
        _("remind of a conversation (hours before)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_(
            "When the reminder would fall in the quiet hours, it goes out before them instead."
        ),
    )

    # Co-service (medbetjening): a session at a help place ends after this much idle time.
    coservice_idle_minutes = models.PositiveSmallIntegerField(
        _("co-service ends after inactivity (minutes)"),
        default=10,
        db_default=10,  # perf/scale inserts job centres with raw SQL
        validators=[MinValueValidator(2), MaxValueValidator(60)],
        help_text=_("A helper's session with a citizen beside them ends when nothing happens."),
    )

    # Figures on fewer than this many citizens or answers are shown as "< N".
    small_number_threshold = models.PositiveSmallIntegerField(
        _("hide figures on fewer than"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
        help_text=_("Key figures and evaluations on fewer citizens or answers are not shown."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("job centre")
        verbose_name_plural = _("job centres")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.quiet_hours_start is not None and self.quiet_hours_start == self.quiet_hours_end:
            raise ValidationError(
                {
                    "quiet_hours_end": _(
                        "“No reminders until” must be another time than “no reminders from”."
                    )
                }
            )


class Team(models.Model):
    job_centre = models.ForeignKey(JobCentre, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "name"], name="team_name_unique_in_centre"
            )
        ]

    def __str__(self) -> str:
        return self.name


class HelpPlace(models.Model):
    """A place where citizens get help with the self-service (medbetjening): the job centre's
    reception, borgerservice, the local library. Its opening hours bound a co-service session."""

    class Kind(models.TextChoices):
        RECEPTION = "reception", _("the job centre's reception")
        CITIZEN_SERVICE = "citizen_service", _("citizen service")
        LIBRARY = "library", _("library")
        OTHER = "other", _("other place")

    job_centre = models.ForeignKey(JobCentre, on_delete=models.CASCADE, related_name="help_places")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)
    #: The co-service helpers (and job consultants as superusers) who help citizens here.
    helpers = models.ManyToManyField(
        "accounts.User", verbose_name=_("helpers"), blank=True, related_name="help_places"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("help place")
        verbose_name_plural = _("help places")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "name"], name="help_place_name_unique_in_centre"
            )
        ]

    def __str__(self) -> str:
        return self.name


class HelpHours(models.Model):
    """One opening period of a help place on one weekday (0 is Monday), local time."""

    place = models.ForeignKey(HelpPlace, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MinValueValidator(0), MaxValueValidator(6)]
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="help_hours_closes_after"
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6), name="help_hours_weekday"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens}-{self.closes}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("The place must close after it opens.")})
