"""Writes of companies, their contacts and cooperation agreements, and job openings.

Every save of an opening goes through `opening_save`, which keeps `search_document` in step
with the title, occupation and description (see labour/search.py). Imports are in imports.py
and save through the same function."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

from accounts.models import User
from centres.models import JobCentre
from common.services import model_update
from labour import trends
from labour.models import (
    Company,
    ContactPerson,
    CooperationAgreement,
    JobOpening,
    Source,
)
from labour.models import (
    ContributionStatus as Status,
)
from labour.search import document_for
from labour.services.contributions import (
    Duplicate,
    company_duplicate,
    opening_check_new,
    status_for,
)

COMPANY_FIELDS = (
    "cvr",
    "name",
    "industry",
    "address",
    "postcode",
    "town",
    "is_company_centre",
    "tasks",
    "tone",
    "culture",
    "requirements",
    "seasonal_needs",
    "market_potential",
    "demand",
    "consultant",
)
CONTACT_FIELDS = ("name", "title", "phone", "email", "is_primary")
AGREEMENT_FIELDS = ("title", "description", "starts_on", "ends_on")
OPENING_FIELDS = (
    "title",
    "description",
    "company",
    "employer_name",
    "occupation",
    "occupational_category",
    "skills_text",
    "employment_type",
    "positions",
    "street",
    "postcode",
    "town",
    "date_posted",
    "valid_through",
    "base_salary",
    "url",
    "contact",
    "consultant",
)


def cvr_clean(value: str) -> str:
    """The CVR number as its eight digits, or a Danish ValidationError saying what is wrong."""
    try:
        return stdnum_cvr.validate(value or "")
    except InvalidChecksum:
        raise ValidationError(
            _("The CVR number is not valid (the check digit does not match)."), code="checksum"
        ) from None
    except StdnumError:
        raise ValidationError(_("A CVR number is 8 digits."), code="format") from None


# ---------- companies ----------


def _company_check(company: Company) -> None:
    company.cvr = cvr_clean(company.cvr)
    existing = company_duplicate(company)
    if existing is not None:
        raise Duplicate(
            {
                "cvr": _(
                    "%(name)s already has this CVR number in the job centre's list: "
                    "update that company instead."
                )
                % {"name": existing.name}
            },
            existing=existing,
        )


def company_create(
    *, job_centre: JobCentre, data: dict[str, Any], added_by: User | None = None
) -> Company:
    """A company for the job centre's list; one added by a colleague (not a business
    consultant) waits in "Nyt fra kolleger"."""
    company = Company(job_centre=job_centre, added_by=added_by, status=status_for(added_by))
    model_update(instance=company, fields=COMPANY_FIELDS, data=data)
    _company_check(company)
    company.save()
    return company


def company_update(*, company: Company, data: dict[str, Any]) -> Company:
    model_update(instance=company, fields=COMPANY_FIELDS, data=data)
    _company_check(company)
    company.save()
    return company


# ---------- contact persons ----------


def _only_primary(contact: ContactPerson) -> None:
    """One primary contact per company: marking one unmarks the others."""
    if contact.is_primary:
        ContactPerson.objects.filter(company_id=contact.company_id, is_primary=True).exclude(
            pk=contact.pk
        ).update(is_primary=False)


def contact_create(*, company: Company, data: dict[str, Any]) -> ContactPerson:
    contact = ContactPerson(company=company)
    model_update(instance=contact, fields=CONTACT_FIELDS, data=data)
    contact.save()
    _only_primary(contact)
    return contact


def contact_update(*, contact: ContactPerson, data: dict[str, Any]) -> ContactPerson:
    model_update(instance=contact, fields=CONTACT_FIELDS, data=data)
    contact.save()
    _only_primary(contact)
    return contact


def contact_delete(*, contact: ContactPerson) -> None:
    """Openings that named this contact keep their other details (the link is SET_NULL)."""
    contact.delete()


# ---------- cooperation agreements ----------


def _agreement_check(agreement: CooperationAgreement) -> None:
    if agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError(
            {"ends_on": _("The agreement cannot end before it starts.")}, code="order"
        )


def agreement_create(*, company: Company, data: dict[str, Any]) -> CooperationAgreement:
    agreement = CooperationAgreement(company=company)
    model_update(instance=agreement, fields=AGREEMENT_FIELDS, data=data)
    _agreement_check(agreement)
    agreement.save()
    return agreement


def agreement_end(*, agreement: CooperationAgreement, on: date) -> CooperationAgreement:
    """Ends a running agreement on `on` (its last day)."""
    if agreement.ends_on is not None and agreement.ends_on < on:
        raise ValidationError(_("The agreement has already ended."), code="ended")
    agreement.ends_on = on
    _agreement_check(agreement)
    agreement.save(update_fields=["ends_on"])
    return agreement


# ---------- job openings ----------


def _opening_check(opening: JobOpening) -> None:
    if not (opening.title or "").strip():
        raise ValidationError({"title": _("Write the title of the job.")}, code="required")
    if not opening.company_id and not (opening.employer_name or "").strip():
        raise ValidationError(
            {"company": _("Choose the company, or write the employer's name.")},
            code="employer",
        )
    contact, company = opening.contact, opening.company
    if contact is not None and contact.company_id != opening.company_id:
        raise ValidationError(
            {"contact": _("The contact person must work at the chosen company.")},
            code="contact",
        )
    if company is not None and company.job_centre_id != opening.job_centre_id:
        raise ValidationError({"company": _("Choose one of the job centre's companies.")})


def opening_save(*, opening: JobOpening) -> JobOpening:
    """The one place an opening is saved (the imports save through it too): keeps the search
    document in step."""
    opening.search_document = document_for(opening)
    opening.save()
    return opening


def opening_create(
    *,
    job_centre: JobCentre,
    consultant: User | None,
    data: dict[str, Any],
    added_by: User | None = None,
    today: date | None = None,
) -> JobOpening:
    """An opening on the board. One `added_by` a colleague who is not a business consultant
    is their tip: it is on the board at once, marked as proposed, and has no business
    consultant until one confirms it. It must still be open and not already be there."""
    today = today or timezone.localdate()
    status = status_for(added_by)
    if status != Status.CONFIRMED:
        consultant = None
    opening = JobOpening(
        job_centre=job_centre,
        consultant=consultant,
        added_by=added_by,
        status=status,
        source=Source.TIP if status != Status.CONFIRMED else Source.MANUAL,
    )
    model_update(instance=opening, fields=OPENING_FIELDS, data=data)
    if not opening.date_posted:
        opening.date_posted = today
    _opening_check(opening)
    opening_check_new(opening, today)
    opening_save(opening=opening)
    if "skills" in data:
        opening.skills.set(data["skills"])
    if status == Status.CONFIRMED:
        trends.trends_refresh(job_centre_id=job_centre.pk, today=today)
    return opening


def opening_update(*, opening: JobOpening, data: dict[str, Any]) -> JobOpening:
    model_update(instance=opening, fields=OPENING_FIELDS, data=data)
    _opening_check(opening)
    opening_save(opening=opening)
    if "skills" in data:
        opening.skills.set(data["skills"])
    return opening


def opening_end(*, opening: JobOpening, today: date | None = None) -> JobOpening:
    """Takes the opening off the board now: it was open through yesterday."""
    today = today or timezone.localdate()
    yesterday = today - timedelta(days=1)
    if opening.valid_through is not None and opening.valid_through < today:
        raise ValidationError(_("The opening is already off the board."), code="ended")
    opening.valid_through = yesterday
    opening_save(opening=opening)
    return opening
