"""Writes for citizens' profiles. Every change to a citizen goes through here."""

import logging
import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.models import Purpose, Subject
from audit.services import lookup_record
from centres import row_security
from centres.models import JobCentre
from citizens.identifiers import cpr_hash, cpr_normalise
from citizens.models import Citizen
from common.services import model_update

logger = logging.getLogger(__name__)


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
    low_motivation: bool = False
    long_unemployment_history: bool = False
    self_booking_exempt: bool = False
    self_booking_exemption_reason: str = ""
    responsible_consultant: User | None = None

    def profile(self) -> dict:
        return {name: getattr(self, name) for name in PROFILE_FIELDS}


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
    "low_motivation",
    "long_unemployment_history",
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


def _already_registered() -> ValidationError:
    return ValidationError({"cpr": _("A citizen with this CPR number is already registered.")})


def _locked_citizen(hashed: str) -> Citizen | None:
    """The citizen with this CPR hash, locked until the transaction ends (PostgreSQL; SQLite
    serialises writers anyway)."""
    locked = Citizen.objects.select_for_update().select_related("user")
    return locked.filter(cpr_hash=hashed).first()


def _new_citizen(
    *, job_centre: JobCentre, cpr: str, hashed: str, data: CitizenData, username, password
) -> Citizen:
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
    citizen = Citizen(user=user, job_centre=job_centre, cpr=cpr, cpr_hash=hashed, **data.profile())
    citizen.save()
    return citizen


def _insert_or_find(
    *, job_centre: JobCentre, cpr: str, data: CitizenData, username=None, password=None
) -> tuple[Citizen, bool]:
    """(the citizen, whether it is new). The unique key on the hash decides a race: an insert
    that loses it is undone in its savepoint and the winner's record is returned instead."""
    hashed = cpr_hash(cpr)
    existing = _locked_citizen(hashed)
    if existing is None:
        try:
            with transaction.atomic():
                return _new_citizen(
                    job_centre=job_centre,
                    cpr=cpr,
                    hashed=hashed,
                    data=data,
                    username=username,
                    password=password,
                ), True
        except IntegrityError:
            existing = _locked_citizen(hashed)
            if existing is None:
                raise
    return existing, False


@transaction.atomic
def citizen_create(
    *,
    job_centre: JobCentre,
    cpr: str,
    data: CitizenData,
    username: str | None = None,
    password: str | None = None,
) -> Citizen:
    """Registers a new citizen in `job_centre` (the demo, tests, imports). Without a password
    the citizen has no local login (they log in through the national login later). Staff
    register through `citizen_register`."""
    cpr = cpr_normalise(cpr)
    _check(data, job_centre)
    citizen, new = _insert_or_find(
        job_centre=job_centre, cpr=cpr, data=data, username=username, password=password
    )
    if not new:
        raise _already_registered()
    return citizen


def _take_over(citizen: Citizen, *, job_centre: JobCentre, data: CitizenData) -> Citizen:
    """The person moved: their record becomes `job_centre`'s, with the details it typed. What
    the old centre knew of them as a profile (consultant, home postcode, radius) goes."""
    with transaction.atomic():  # the same statements, savepoint included, as a new citizen
        user = citizen.user
        user.name, user.email, user.job_centre = data.name, data.email, job_centre
        user.save(update_fields=["name", "email", "job_centre"])
        citizen.job_centre = job_centre
        model_update(instance=citizen, data=data.profile())
        citizen.postcode, citizen.travel_radius_km = "", None
        citizen.save()
    return citizen


@transaction.atomic
def citizen_register(*, by: User, cpr: str, data: CitizenData) -> Citizen:
    """Staff register a person by CPR number in their own job centre ("Opret borger").

    One person, one record (docs/decisions.md, 2026-12-07). A number registered in the same
    centre is refused as already registered. A number registered at another job centre means
    the person moved: this centre takes the record over (`_take_over`); the other centre's own
    records (bookings, conversations, correction requests) stay with it. The caller gets the
    same citizen-shaped answer, by the same statements, as for a new number, so that the form
    tells nobody whether another centre knows the person. Either way the CPR lookup is written
    to the lookup log the citizen reads."""
    job_centre = by.job_centre
    assert job_centre is not None
    cpr = cpr_normalise(cpr)
    _check(data, job_centre)
    # The one lookup across job centres there is (under PostgreSQL's row security the request
    # sees its own centre's rows only), made the same way for every number.
    with row_security.all_centres():
        citizen, new = _insert_or_find(job_centre=job_centre, cpr=cpr, data=data)
        if not new:
            if citizen.job_centre_id == job_centre.id:
                raise _already_registered()
            old_centre_id = citizen.job_centre_id
            _take_over(citizen, job_centre=job_centre, data=data)
    if not new:
        logger.info(
            "citizen taken over: citizen_id=%s from_centre_id=%s to_centre_id=%s by_user_id=%s",
            citizen.pk,
            old_centre_id,
            job_centre.pk,
            by.pk,
        )
    lookup_record(
        actor=by,
        citizen=citizen,
        subject=Subject.REGISTRATION if new else Subject.TRANSFER,
        purpose=Purpose.CASEWORK,
    )
    return citizen


@transaction.atomic
def citizen_update(*, citizen: Citizen, data: CitizenData) -> Citizen:
    """Staff correct a citizen's details (the CPR number is not changed here)."""
    _check(data, citizen.job_centre)
    model_update(instance=citizen, data=data.profile())
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
