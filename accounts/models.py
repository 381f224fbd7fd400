from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    JOB_CONSULTANT = "job_consultant", _("Job consultant")
    BUSINESS_CONSULTANT = "business_consultant", _("Business consultant")
    TEAM_LEADER = "team_leader", _("Team leader")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    #: An external supervisor or a mentor invited to exactly one observation or sparring
    #: event, until an end date (learning.GuestAccess); not staff.
    GUEST = "guest", _("Guest")
    HELPER = "helper", _("Co-service helper")


STAFF_ROLES = frozenset(Role) - {Role.CITIZEN, Role.GUEST}
#: Staff who work with citizens' data. A co-service helper (reception, borgerservice, the
#: library) is staff but reaches a citizen only inside a co-service session, as the citizen
#: beside them (coservice.middleware): no policy rule or scope lets a helper in.
CASEWORK_ROLES = STAFF_ROLES - {Role.HELPER}
#: Who gives co-service at a help place: the helpers, and job consultants as superusers
#: (superbrugere).
COSERVICE_ROLES = frozenset({Role.HELPER, Role.JOB_CONSULTANT})
#: Who logs in with a second factor besides superusers: staff and guests of the method
#: (citizens log in through MitID in production).
SECOND_FACTOR_ROLES = STAFF_ROLES | {Role.GUEST}


class User(AbstractUser):
    """A person who logs in: a citizen or a member of a job centre's staff. The full name is
    one field: Danish names do not split cleanly into first and last."""

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    job_centre = models.ForeignKey(
        "centres.JobCentre",
        verbose_name=_("job centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    team = models.ForeignKey(
        "centres.Team",
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )

    REQUIRED_FIELDS = ["name", "role"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_superuser=True) | models.Q(job_centre__isnull=False),
                name="user_belongs_to_a_job_centre",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name

    @property
    def is_citizen(self) -> bool:
        return self.role == Role.CITIZEN

    @property
    def is_centre_staff(self) -> bool:
        return self.role in STAFF_ROLES
