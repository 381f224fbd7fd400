"""The citizen's CV: "Jeg søger job som" (the occupations sought), work experience, education,
courses and certificates, skills, languages and a profile. One CV per citizen; every section
item belongs to that CV. The occupation list and the skills are shared (occupations app)."""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cv.validators import not_before_1940, not_far_ahead, not_in_future

PROFILE_MAX = 1500
TEXT_MAX = 1000
MAX_YEARS = 50


class DrivingLicence(models.TextChoices):
    AM = "AM", _("AM (moped)")
    A1 = "A1", _("A1 (light motorcycle)")
    A2 = "A2", _("A2 (medium motorcycle)")
    A = "A", _("A (motorcycle)")
    B = "B", _("B (car)")
    BE = "BE", _("BE (car with trailer)")
    C1 = "C1", _("C1 (light lorry)")
    C1E = "C1E", _("C1E (light lorry with trailer)")
    C = "C", _("C (lorry)")
    CE = "CE", _("CE (lorry with trailer)")
    D1 = "D1", _("D1 (minibus)")
    D = "D", _("D (bus)")
    DE = "DE", _("DE (bus with trailer)")


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Native language")
    FLUENT = "fluent", _("Fluent")
    GOOD = "good", _("Good")
    BASIC = "basic", _("Basic")


class CV(models.Model):
    citizen = models.OneToOneField("citizens.Citizen", on_delete=models.CASCADE, related_name="cv")
    profile_text = models.TextField(
        _("about me"),
        max_length=PROFILE_MAX,
        validators=[MaxLengthValidator(PROFILE_MAX)],
        blank=True,
        help_text=_("A few lines about you: what you are good at and what you are looking for."),
    )
    other_skills = models.TextField(
        _("other skills"),
        max_length=TEXT_MAX,
        validators=[MaxLengthValidator(TEXT_MAX)],
        blank=True,
        help_text=_("Skills that are not on the list, in your own words."),
    )
    driving_licences = models.JSONField(_("driving licence"), default=list, blank=True)
    visible_to_employers = models.BooleanField(_("employers may see my CV"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")

    def __str__(self) -> str:
        return f"CV {self.citizen_id}"

    def get_driving_licences_display(self) -> list[str]:
        return [str(DrivingLicence(code).label) for code in self.driving_licences]


class SoughtOccupation(models.Model):
    """One line of "Jeg søger job som"."""

    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="sought_occupations")
    occupation = models.ForeignKey(
        "occupations.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    has_education = models.BooleanField(_("I have an education as this"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("occupation sought")
        verbose_name_plural = _("occupations sought")
        constraints = [
            models.UniqueConstraint(
                fields=["cv", "occupation"],
                name="cv_occupation_once",
                violation_error_message=_("The occupation is already on your list."),
            ),
            models.CheckConstraint(
                condition=models.Q(years_experience__lte=MAX_YEARS),
                name="cv_occupation_years_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.occupation)


def _period_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
        name=name,
        violation_error_message=_("The end cannot be before the start."),
    )


class WorkExperience(models.Model):
    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="work_experiences")
    job_title = models.CharField(_("job title"), max_length=150)
    employer = models.CharField(_("employer"), max_length=150)
    occupation = models.ForeignKey(
        "occupations.Occupation",
        verbose_name=_("occupation on the list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_on = models.DateField(_("from"), validators=[not_before_1940, not_in_future])
    ended_on = models.DateField(
        _("to"), null=True, blank=True, validators=[not_before_1940, not_in_future]
    )
    description = models.TextField(
        _("tasks"), max_length=TEXT_MAX, validators=[MaxLengthValidator(TEXT_MAX)], blank=True
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        constraints = [_period_constraint("cv_work_period")]

    def __str__(self) -> str:
        return f"{self.job_title}, {self.employer}"


class Education(models.Model):
    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="educations")
    title = models.CharField(_("education"), max_length=150)
    institution = models.CharField(_("school or institution"), max_length=150)
    started_on = models.DateField(_("from"), validators=[not_before_1940, not_in_future])
    ended_on = models.DateField(
        _("to"), null=True, blank=True, validators=[not_before_1940, not_far_ahead]
    )
    completed = models.BooleanField(_("completed"), default=False)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("education")
        verbose_name_plural = _("educations")
        constraints = [_period_constraint("cv_education_period")]

    def __str__(self) -> str:
        return f"{self.title}, {self.institution}"


class Course(models.Model):
    """A course or a certificate (with the date it expires, if it does)."""

    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="courses")
    name = models.CharField(_("course or certificate"), max_length=150)
    issuer = models.CharField(_("held by"), max_length=150, blank=True)
    completed_on = models.DateField(_("date"), validators=[not_before_1940, not_in_future])
    expires_on = models.DateField(
        _("valid until"), null=True, blank=True, validators=[not_before_1940, not_far_ahead]
    )

    class Meta:
        ordering = ["-completed_on", "-pk"]
        verbose_name = _("course or certificate")
        verbose_name_plural = _("courses and certificates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("completed_on")),
                name="cv_course_expiry_after_date",
                violation_error_message=_("It cannot expire before it was taken."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class CvSkill(models.Model):
    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("occupations.Skill", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["skill__name"]
        constraints = [models.UniqueConstraint(fields=["cv", "skill"], name="cv_skill_once")]

    def __str__(self) -> str:
        return str(self.skill)


class Language(models.Model):
    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(_("language"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "cv",
                name="cv_language_once",
                violation_error_message=_("The language is already in your CV."),
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=LanguageLevel.values), name="cv_language_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name
