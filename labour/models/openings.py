"""The shared board of job openings (schema.org JobPosting) and the large imports that fill it."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from labour.models.companies import Company, ContactPerson
from labour.models.contributions import Contribution


class EmploymentType(models.TextChoices):
    """schema.org JobPosting employmentType values."""

    FULL_TIME = "FULL_TIME", _("Full time")
    PART_TIME = "PART_TIME", _("Part time")
    TEMPORARY = "TEMPORARY", _("Temporary")
    SEASONAL = "SEASONAL", _("Seasonal")
    INTERN = "INTERN", _("Internship")
    OTHER = "OTHER", _("Other")


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered by a business consultant")
    TIP = "tip", _("A colleague heard of it")
    JSONLD = "jsonld", _("Imported from JobPosting JSON-LD")
    CSV = "csv", _("Imported from CSV")


#: The most positions one opening may have (the form, the API and the import hold to it).
MAX_POSITIONS = 999


class JobOpening(Contribution):
    """An opening on the job centre's shared board. Fields follow schema.org JobPosting; an
    import matches on (job centre, identifier), so importing the same opening again updates
    it. It leaves the board when `valid_through` has passed."""

    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="openings"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identifier = models.CharField(_("identifier"), max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
    )
    #: hiringOrganization's name as given, for openings of companies not (yet) registered.
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        "occupations.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
    )
    #: occupationalCategory as given (e.g. a DISCO/ISCO code or a title).
    occupational_category = models.CharField(_("occupational category"), max_length=200, blank=True)
    skills = models.ManyToManyField(
        "occupations.Skill", verbose_name=_("skills"), related_name="openings", blank=True
    )
    #: skills as given, including any not on the skill list.
    skills_text = models.TextField(_("skills"), blank=True)
    employment_type = models.CharField(
        _("employment type"),
        max_length=20,
        choices=EmploymentType.choices,
        default=EmploymentType.FULL_TIME,
    )
    positions = models.PositiveSmallIntegerField(
        _("positions"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_POSITIONS)],
    )
    street = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, db_index=True)
    town = models.CharField(_("town"), max_length=80, blank=True)
    date_posted = models.DateField(_("posted"))
    valid_through = models.DateField(_("apply by"), null=True, blank=True, db_index=True)
    base_salary = models.CharField(_("salary"), max_length=200, blank=True)
    url = models.URLField(_("link to the ad"), max_length=500, blank=True)
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact at the company"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("business consultant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings",
    )
    #: A colleague's tip that turned out to be this one already on the board.
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Title, occupation and description prepared for full-text search (see matching.py).
    search_document = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_posted", "title"]
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "identifier"],
                condition=~models.Q(identifier=""),
                name="opening_identifier_once_per_centre",
            )
        ]
        indexes = [
            models.Index(fields=["job_centre", "valid_through"]),
            # The board: a centre's newest first (a national index on created_at read past
            # every other centre's newer openings).
            models.Index(fields=["job_centre", "-created_at"], name="opening_centre_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def employer(self) -> str:
        return self.company.name if self.company is not None else self.employer_name


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    STOPPED = "stopped", _("Nothing imported")
    FAILED = "failed", _("Failed")


class OpeningImport(models.Model):
    """A large import of job openings, run by a worker rather than in the request: the page
    that waits on it reads its progress. The uploaded text is kept only until the run has
    read it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    job_centre = models.ForeignKey(
        "centres.JobCentre", on_delete=models.CASCADE, related_name="opening_imports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10)
    all_or_nothing = models.BooleanField(default=False)
    language = models.CharField(max_length=10, default="da")
    raw = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    #: The first problems found ({"number": row or posting, "reason": text}); all are counted.
    problems = models.JSONField(default=list)
    problem_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["job_centre", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.job_centre_id} {self.status} {self.processed}/{self.total}"

    @property
    def is_open(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def saved(self) -> bool:
        return self.status == ImportStatus.DONE

    @property
    def stopped(self) -> bool:
        """All or nothing was chosen and something was wrong: nothing was saved."""
        return (
            self.status == ImportStatus.STOPPED and self.all_or_nothing and self.problem_count > 0
        )

    @property
    def unit(self) -> str:
        return str(_("Row") if self.kind == "csv" else _("Posting"))

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0
