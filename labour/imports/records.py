"""The import's records: the kinds of input, a parsed posting, a problem with one, and the
report."""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from labour.models import EmploymentType

JSONLD = "jsonld"
CSV = "csv"


#: Field lengths of JobOpening; longer text is cut (with an ellipsis), never refused.
_MAX = {
    "title": 200,
    "employer_name": 200,
    "occupational_category": 200,
    "street": 200,
    "town": 80,
    "base_salary": 200,
}


class _Bad(Exception):
    """A posting that cannot be imported; the message says why, in Danish."""


@dataclass
class Posting:
    """One opening as read from the input, before it is matched to the database."""

    number: int  # the posting's place in the input (JSON-LD) or its line (CSV)
    identifier: str = ""
    title: str = ""
    description: str = ""
    employer_name: str = ""
    cvr: str = ""
    street: str = ""
    postcode: str = ""
    town: str = ""
    date_posted: date | None = None
    valid_through: date | None = None
    employment_type: str = EmploymentType.FULL_TIME
    occupational_category: str = ""
    disco_code: str = ""
    skills_text: str = ""
    base_salary: str = ""
    url: str = ""
    positions: int = 1

    @property
    def key(self) -> str:
        """What an opening is recognised by on the next import: its identifier; else its URL;
        else its title, employer, place and date posted."""
        key = self.identifier or self.url
        if not key:
            raw = "|".join(
                [self.title, self.employer_name, self.postcode, str(self.date_posted or "")]
            )
            return "auto:" + hashlib.sha256(raw.encode()).hexdigest()[:40]
        if len(key) > 200:
            return "sha256:" + hashlib.sha256(key.encode()).hexdigest()
        return key


@dataclass
class Problem:
    number: int | None  # None: the whole file
    reason: str


@dataclass
class ImportReport:
    kind: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    saved: bool = False
    all_or_nothing: bool = False
    processed: int = 0

    @property
    def unit(self) -> str:
        return _("Row") if self.kind == CSV else _("Posting")

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def stopped(self) -> bool:
        """All or nothing was chosen and something was wrong: nothing was saved."""
        return self.all_or_nothing and bool(self.problems)
