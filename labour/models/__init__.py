"""Labour-market knowledge a job centre's business consultants hold and share: companies with
their contacts and what it takes to work there, the shared board of job openings (fields follow
schema.org JobPosting), and the annual wheel of employers' expected needs.

Occupations, skills and the labour-market balance live in `occupations`; postcodes and their
areas in `places`; matching in `labour/matching/`.

One module per concept (`companies`, `openings` with their imports, `wheel`,
`subscriptions`,
`contributions` from colleagues, `trends` snapshots); every model is imported here, where
Django and the other apps look for them."""

from labour.models.companies import Company, ContactPerson, CooperationAgreement, Industry
from labour.models.contributions import ContributionStatus, KnowledgeNote
from labour.models.openings import (
    MAX_POSITIONS,
    EmploymentType,
    ImportStatus,
    JobOpening,
    OpeningImport,
    Source,
)
from labour.models.subscriptions import CalendarFeed, DigestSubscription
from labour.models.trends import OpeningCount, Period
from labour.models.wheel import WheelEvent

__all__ = [
    "MAX_POSITIONS",
    "CalendarFeed",
    "Company",
    "ContactPerson",
    "ContributionStatus",
    "CooperationAgreement",
    "DigestSubscription",
    "EmploymentType",
    "ImportStatus",
    "Industry",
    "JobOpening",
    "KnowledgeNote",
    "OpeningCount",
    "OpeningImport",
    "Period",
    "Source",
    "WheelEvent",
]
