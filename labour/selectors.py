"""Reads of companies and openings, always within the user's own job centre (views ask the
policy first; an object of another job centre is a 404 here)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import import_module

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower, Trim
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from labour import search
from labour.models import (
    Company,
    ContactPerson,
    ContributionStatus,
    CooperationAgreement,
    Industry,
    JobOpening,
    KnowledgeNote,
    OpeningImport,
    WheelEvent,
)

TUESDAY = 1  # date.weekday()


def last_tuesday(now: datetime | None = None) -> datetime:
    """00:00 local time of the Tuesday before today (a week back when today is a Tuesday, so
    on Tuesday morning it covers the week the Tuesday mail covers): "new since last Tuesday"
    on the board and the mail count from here."""
    today = timezone.localdate(now or timezone.now())
    back = (today.weekday() - TUESDAY) % 7 or 7
    return timezone.make_aware(datetime.combine(today - timedelta(days=back), time.min))


def open_q(today: date) -> Q:
    """Openings still on the board: no apply-by date, or one not yet passed."""
    return Q(valid_through__isnull=True) | Q(valid_through__gte=today)


# ---------- companies ----------


def companies_of(user: User) -> QuerySet[Company]:
    return Company.objects.filter(job_centre_id=user.job_centre_id)


def company_list(*, user: User, query: str = "") -> QuerySet[Company]:
    """The job centre's companies; a query matches the name, the CVR number or the industry
    (its name or DB07 code)."""
    qs = (
        companies_of(user)
        .exclude(status=ContributionStatus.REJECTED)
        .select_related("industry", "consultant")
    )
    query = query.strip()
    if query:
        digits = query.replace(" ", "")
        match = Q(name__icontains=query) | Q(industry__name__icontains=query)
        if digits.isdigit():
            match |= Q(cvr__startswith=digits) | Q(industry__code__startswith=digits)
        qs = qs.filter(match)
    return qs.order_by("name", "pk")


def company_get(*, user: User, public_id) -> Company:
    return get_object_or_404(
        companies_of(user).select_related("industry", "consultant", "job_centre", "added_by"),
        public_id=public_id,
    )


@dataclass(frozen=True)
class CompanyDetail:
    company: Company
    contacts: list[ContactPerson]
    running_agreements: list[CooperationAgreement]
    ended_agreements: list[CooperationAgreement]
    openings: list[JobOpening]


def company_detail(*, company: Company, today: date) -> CompanyDetail:
    agreements = list(company.agreements.all())
    running = [a for a in agreements if a.ends_on is None or a.ends_on >= today]
    return CompanyDetail(
        company=company,
        contacts=list(company.contacts.all()),
        running_agreements=running,
        ended_agreements=[a for a in agreements if a not in running],
        openings=list(
            company.openings.filter(open_q(today))
            .select_related("occupation")
            .order_by("valid_through", "title")
        ),
    )


def contact_get(*, company: Company, pk: int) -> ContactPerson:
    return get_object_or_404(ContactPerson, company=company, pk=pk)


def agreement_get(*, company: Company, pk: int) -> CooperationAgreement:
    return get_object_or_404(CooperationAgreement, company=company, pk=pk)


def contacts_for_choice(*, user: User) -> QuerySet[ContactPerson]:
    return ContactPerson.objects.filter(company__job_centre_id=user.job_centre_id).select_related(
        "company"
    )


def industries() -> QuerySet[Industry]:
    return Industry.objects.all()


# ---------- openings ----------


def places_module():
    """`places.selectors` when the places app offers distances, else None."""
    try:
        module = import_module("places.selectors")
    except ImportError:
        return None
    return module if hasattr(module, "postcodes_within") else None


def radius_available() -> bool:
    return places_module() is not None


def openings_of(user: User) -> QuerySet[JobOpening]:
    return JobOpening.objects.filter(job_centre_id=user.job_centre_id)


@dataclass(frozen=True)
class BoardFilter:
    #: The stems of a job title (labour.search.phrase): all must be in the opening's text.
    words: tuple[str, ...] = ()
    industry: Industry | None = None
    area: str = ""  # a postcode or a town
    radius_km: int | None = None
    new_only: bool = False


def _area_q(area: str, radius_km: int | None) -> Q:
    area = area.strip()
    if area.isdigit() and len(area) == 4:
        places = places_module()
        if radius_km and places is not None:
            return Q(postcode__in=list(places.postcodes_within(area, radius_km)))
        return Q(postcode=area)
    return Q(town__iexact=area) | Q(town__istartswith=f"{area} ")


def opening_board(
    *, user: User, today: date, board_filter: BoardFilter | None = None
) -> QuerySet[JobOpening]:
    """The open openings of the user's job centre, newest first, with what each row
    shows (employer, place, contact) fetched up front."""
    f = board_filter or BoardFilter()
    qs = (
        openings_of(user)
        .filter(open_q(today))
        .select_related("company", "occupation", "contact", "consultant", "company__consultant")
        .prefetch_related(
            Prefetch(
                "company__contacts",
                queryset=ContactPerson.objects.filter(is_primary=True),
                to_attr="primary_contacts",
            )
        )
    )
    if f.words:
        qs, condition = search.text_match(qs, [f.words])
        qs = qs.filter(condition)
    if f.industry is not None:
        qs = qs.filter(company__industry=f.industry)
    if f.area.strip():
        qs = qs.filter(_area_q(f.area, f.radius_km))
    if f.new_only:
        qs = qs.filter(created_at__gte=last_tuesday())
    return qs.order_by("-created_at", "title", "pk")


def opening_get(*, user: User, public_id) -> JobOpening:
    return get_object_or_404(
        openings_of(user).select_related(
            "company", "company__industry", "occupation", "contact", "consultant", "added_by"
        ),
        public_id=public_id,
    )


@dataclass(frozen=True)
class Contact:
    """Who to call about an opening."""

    name: str
    phone: str
    email: str
    role: str  # "contact" (at the company) or "consultant" (the job centre's)


def contact_for(opening: JobOpening) -> Contact | None:
    """The opening's contact person; else the company's primary contact; else the business
    consultant of the opening or of the company."""
    person = opening.contact
    company = opening.company
    if person is None and company is not None:
        primaries = getattr(company, "primary_contacts", None)
        if primaries is None:
            primaries = [c for c in company.contacts.all() if c.is_primary]
        person = primaries[0] if primaries else None
    if person is not None:
        return Contact(person.name, person.phone, person.email, "contact")
    consultant = opening.consultant or (company.consultant if company else None)
    if consultant is not None:
        return Contact(consultant.name, "", consultant.email, "consultant")
    return None


def opening_imports_of(job_centre) -> QuerySet[OpeningImport]:
    """The job centre's large imports, newest first, without their uploads."""
    return OpeningImport.objects.filter(job_centre=job_centre).defer("raw")


# ---------- colleagues' additions ----------


@dataclass(frozen=True)
class Proposed:
    """What colleagues added that waits for a business consultant ("Nyt fra kolleger")."""

    openings: list[tuple[JobOpening, list[JobOpening]]]  # each with openings it may be
    companies: list[Company]
    notes: list[KnowledgeNote]
    wheel_events: list[WheelEvent]

    @property
    def count(self) -> int:
        return len(self.openings) + len(self.companies) + len(self.notes) + len(self.wheel_events)


def _ascii_lower(text: str) -> str:
    """As SQLite's lower(): A-Z only."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def proposed_for(*, user: User, today: date) -> Proposed:
    """The centre's proposed additions, oldest first; each opening with the open openings of
    the same company (or employer) it could be merged into."""
    proposed = Q(status=ContributionStatus.PROPOSED)
    openings = list(
        openings_of(user)
        .filter(proposed)
        .select_related("company", "occupation", "added_by")
        .order_by("created_at", "pk")
    )
    companies = {o.company_id for o in openings if o.company_id}
    # Employer names compared case-folded: Lower() in SQL folds every letter on PostgreSQL but
    # only A-Z on SQLite, so both foldings are asked for; alike() compares in Python.
    names = [o.employer_name.strip() for o in openings if not o.company_id]
    employers = {n.lower() for n in names} | {_ascii_lower(n) for n in names}
    candidates = (
        list(
            openings_of(user)
            .filter(open_q(today), status=ContributionStatus.CONFIRMED)
            .alias(employer_folded=Lower(Trim("employer_name")))
            .filter(
                Q(company_id__in=companies) | Q(company__isnull=True, employer_folded__in=employers)
            )
            .select_related("company")
            .order_by("title", "pk")
        )
        if openings
        else []
    )

    def alike(opening: JobOpening) -> list[JobOpening]:
        if opening.company_id:
            return [c for c in candidates if c.company_id == opening.company_id]
        name = opening.employer_name.strip().lower()
        return [
            c for c in candidates if not c.company_id and c.employer_name.strip().lower() == name
        ]

    return Proposed(
        openings=[(o, alike(o)) for o in openings],
        companies=list(companies_of(user).filter(proposed).select_related("industry", "added_by")),
        notes=list(
            KnowledgeNote.objects.filter(proposed, company__job_centre_id=user.job_centre_id)
            .select_related("company", "added_by")
            .order_by("created_at", "pk")
        ),
        wheel_events=list(
            WheelEvent.objects.filter(proposed, job_centre_id=user.job_centre_id)
            .select_related("company", "added_by")
            .order_by("year", "week_from", "pk")
        ),
    )


def contribution_get(
    *, user: User, kind: str, public_id
) -> Company | JobOpening | KnowledgeNote | WheelEvent:
    """One addition of the user's centre by its kind in the URL; another centre's is a 404."""
    if kind == "stilling":
        return get_object_or_404(openings_of(user), public_id=public_id)
    if kind == "virksomhed":
        return get_object_or_404(companies_of(user), public_id=public_id)
    if kind == "viden":
        return get_object_or_404(
            KnowledgeNote.objects.filter(company__job_centre_id=user.job_centre_id),
            public_id=public_id,
        )
    if kind == "aarshjul":
        return get_object_or_404(
            WheelEvent.objects.filter(job_centre_id=user.job_centre_id), public_id=public_id
        )
    raise Http404
