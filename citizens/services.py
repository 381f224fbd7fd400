"""Writes for citizens' profiles. Every change to a citizen goes through here."""

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from centres.models import JobCentre
from citizens.identifiers import cpr_hash, cpr_normalise
from citizens.models import Citizen


@dataclass(kw_only=True)
class CitizenData:
    name: str
    benefit_type: str
    target_group: str
    registered_on: date
    email: str = ""
    mobile: str = ""
    needs_it_support: bool = False
    needs_language_support: bool = False
    needs_reading_support: bool = False
    needs_interpreter: bool = False
    self_booking_exempt: bool = False
    self_booking_exemption_reason: str = ""
    responsible_consultant: User | None = None


#: The profile fields staff set on a citizen (the name and e-mail live on the user).
PROFILE_FIELDS = (
    "benefit_type",
    "target_group",
    "registered_on",
    "mobile",
    "needs_it_support",
    "needs_language_support",
    "needs_reading_support",
    "needs_interpreter",
    "self_booking_exempt",
    "self_booking_exemption_reason",
    "responsible_consultant",
)


def _check(data: CitizenData, job_centre: JobCentre) -> None:
    consultant = data.responsible_consultant
    if consultant is not None and (
        consultant.job_centre_id != job_centre.id or consultant.role != Role.JOB_CONSULTANT
    ):
        raise ValidationError(
            {"responsible_consultant": _("Choose a job consultant from the citizen's job centre.")}
        )
    if not data.self_booking_exempt:
        data.self_booking_exemption_reason = ""
    elif not data.self_booking_exemption_reason:
        raise ValidationError(
            {"self_booking_exemption_reason": _("Give the reason for the exemption.")}
        )


@transaction.atomic
def citizen_create(
    *,
    job_centre: JobCentre,
    cpr: str,
    data: CitizenData,
    username: str | None = None,
    password: str | None = None,
) -> Citizen:
    """Registers a citizen in `job_centre`. Without a password the citizen has no local login
    (they log in through the national login later)."""
    cpr = cpr_normalise(cpr)
    hashed = cpr_hash(cpr)
    if Citizen.objects.filter(cpr_hash=hashed).exists():
        raise ValidationError({"cpr": _("A citizen with this CPR number is already registered.")})
    _check(data, job_centre)
    user = User(
        username=username or f"borger-{uuid.uuid4().hex[:12]}",
        name=data.name,
        email=data.email,
        role=Role.CITIZEN,
        job_centre=job_centre,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    citizen = Citizen(user=user, job_centre=job_centre, cpr=cpr, cpr_hash=hashed)
    for name in PROFILE_FIELDS:
        setattr(citizen, name, getattr(data, name))
    citizen.save()
    return citizen


@transaction.atomic
def citizen_update(*, citizen: Citizen, data: CitizenData) -> Citizen:
    """Staff correct a citizen's details (the CPR number is not changed here)."""
    _check(data, citizen.job_centre)
    for name in PROFILE_FIELDS:
        setattr(citizen, name, getattr(data, name))
    citizen.save()
    citizen.user.name = data.name
    citizen.user.email = data.email
    citizen.user.save(update_fields=["name", "email"])
    return citizen


@transaction.atomic
def citizen_update_contact(*, citizen: Citizen, email: str, mobile: str) -> Citizen:
    """The citizen keeps their own contact details up to date."""
    citizen.mobile = mobile
    citizen.save(update_fields=["mobile", "updated_at"])
    citizen.user.email = email
    citizen.user.save(update_fields=["email"])
    return citizen
