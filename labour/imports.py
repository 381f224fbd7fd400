"""Importing job openings: schema.org JobPosting as JSON-LD (a file, or a page's source with
`<script type="application/ld+json">` blocks, `@graph`s and lists) and CSV with the columns
documented in docs/import-formats.md.

Two phases. Parsing (`openings_read`) turns the input into `Posting`s, or into `Problem`s
naming the posting (or CSV row) and what is wrong with it, in Danish. Saving (`openings_save`)
then matches each posting to what is already there, a chunk of postings per transaction: the
same identifier (or, without one, the same URL) updates the opening instead of adding another,
and a posting that would change nothing is counted as unchanged. With "all or nothing", any
problem means nothing is saved. Large uploads are imported by a worker (`import_runs`)."""

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from centres.models import JobCentre
from common import hygiene
from labour.models import MAX_POSITIONS, Company, EmploymentType, JobOpening, Source
from labour.search import document_for, stems
from labour.services.companies import cvr_clean, opening_save
from occupations.models import Occupation, Skill

JSONLD = "jsonld"
CSV = "csv"

#: Openings saved per transaction.
CHUNK = 500

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


# ---------- small readers ----------


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; scripts and styles are dropped, block elements
    become line breaks. Nothing of the markup survives."""

    BLOCKS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header"}
        | {"footer", "h1", "h2", "h3", "h4", "h5", "h6"}
    )
    SKIP = frozenset({"script", "style", "template"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    if "<" not in value and "&" not in value:
        return _tidy(value)
    parser = _TextOnly()
    parser.feed(value)
    parser.close()
    return _tidy("".join(parser.parts))


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _cut(name: str, value: str) -> str:
    limit = _MAX.get(name)
    if limit and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def _text(value: Any) -> str:
    """A schema.org value as plain text: a string, a number, a node's name or @value, or the
    first of a list."""
    if value is None:
        return ""
    if isinstance(value, list):
        return next((t for t in (_text(v) for v in value) if t), "")
    if isinstance(value, dict):
        for key in ("name", "@value", "value", "codeValue"):
            if key in value:
                return _text(value[key])
        return ""
    if isinstance(value, bool):
        return ""
    return str(value).strip()


_DANISH_DATE = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")


def _date(value: Any, label: str) -> date | None:
    text = _text(value)
    if not text:
        return None
    try:
        if "T" in text or " " in text.strip():
            moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
            if timezone.is_aware(moment):
                return _bounded(timezone.localtime(moment).date(), label)
            return _bounded(moment.date(), label)
        danish = _DANISH_DATE.match(text)
        if danish:
            day, month, year = (int(g) for g in danish.groups())
            return _bounded(date(year, month, day), label)
        parsed = date.fromisoformat(text)
    except (ValueError, OverflowError):  # OverflowError: year 9999 with an offset, in local time
        raise _Bad(
            _("%(field)s “%(value)s” is not a date (write it as 2026-12-31 or 31-12-2026).")
            % {"field": label, "value": text[:40]}
        ) from None
    return _bounded(parsed, label)


def _bounded(day: date, label: str) -> date:
    problem = hygiene.date_problem(day, label=label)
    if problem:
        raise _Bad(problem)
    return day


_EMPLOYMENT = {
    "full_time": EmploymentType.FULL_TIME,
    "fulltime": EmploymentType.FULL_TIME,
    "fuldtid": EmploymentType.FULL_TIME,
    "part_time": EmploymentType.PART_TIME,
    "parttime": EmploymentType.PART_TIME,
    "deltid": EmploymentType.PART_TIME,
    "temporary": EmploymentType.TEMPORARY,
    "midlertidig": EmploymentType.TEMPORARY,
    "vikariat": EmploymentType.TEMPORARY,
    "seasonal": EmploymentType.SEASONAL,
    "sæson": EmploymentType.SEASONAL,
    "intern": EmploymentType.INTERN,
    "praktik": EmploymentType.INTERN,
    "elev": EmploymentType.INTERN,
}


def _employment_type(value: Any) -> str:
    values = value if isinstance(value, list) else [value]
    for item in values:
        word = _text(item).lower().replace("-", "_").replace(" ", "_")
        if word in _EMPLOYMENT:
            return _EMPLOYMENT[word]
    return EmploymentType.OTHER if any(_text(v) for v in values) else EmploymentType.FULL_TIME


def _positions(value: Any) -> int:
    text = _text(value)
    if not text:
        return 1
    try:
        number = int(float(text))
    except (ValueError, OverflowError):  # OverflowError: 1e309 is inf
        raise _Bad(
            _("The number of positions “%(value)s” is not a whole number.") % {"value": text[:20]}
        ) from None
    if number > MAX_POSITIONS:
        raise _Bad(
            _("The number of positions %(value)s is more than %(most)d.")
            % {"value": text[:20], "most": MAX_POSITIONS}
        )
    return max(number, 1)


def _postcode(value: str) -> str:
    digits = re.sub(r"^(DK)?[\s-]*", "", value.strip(), flags=re.I)
    return digits if re.fullmatch(r"\d{4}", digits) else ""


def _url(value: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value[:500]


def _number(value: Any) -> str:
    """A salary amount the Danish way: 32.500 or 182,50."""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return _text(value)
    if not math.isfinite(amount):
        return _text(value)
    if amount == int(amount):
        return f"{int(amount):,}".replace(",", ".")
    return f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


_UNIT = {
    "HOUR": "pr. time",
    "DAY": "pr. dag",
    "WEEK": "pr. uge",
    "MONTH": "pr. måned",
    "YEAR": "pr. år",
}


def _salary(value: Any) -> str:
    """baseSalary (a MonetaryAmount, a number or text) as one line of Danish text. The text is
    data about the ad, so it is stored in the ad's language."""
    if not isinstance(value, dict):
        return _text(value) if not isinstance(value, int | float) else _number(value)
    currency = _text(value.get("currency")) or "DKK"
    amount = value.get("value")
    unit = ""
    if isinstance(amount, dict):
        unit = _UNIT.get(_text(amount.get("unitText")).upper(), _text(amount.get("unitText")))
        low, high, exact = amount.get("minValue"), amount.get("maxValue"), amount.get("value")
        if low is not None and high is not None:
            figure = f"{_number(low)}\u2013{_number(high)}"
        elif exact is not None:
            figure = _number(exact)
        elif low is not None:
            figure = f"fra {_number(low)}"
        elif high is not None:
            figure = f"op til {_number(high)}"
        else:
            return _text(amount)
    elif amount is not None:
        figure = _number(amount)
    else:
        return ""
    return " ".join(part for part in (figure, currency, unit) if part)


def _identifier(value: Any) -> str:
    """identifier as text, or a PropertyValue's value (the first of a list)."""
    if isinstance(value, list):
        return next((t for t in (_identifier(v) for v in value) if t), "")
    if isinstance(value, dict):
        return _text(value.get("value") or value.get("@value") or value.get("@id"))
    return _text(value)


_CVR_IN_TEXT = re.compile(r"(?<!\d)(\d{8})(?!\d)")


def _cvr_from(*values: Any) -> str:
    """A valid CVR number in the organisation's identifier or sameAs (e.g. a CVR register
    address); an invalid one is ignored, not an error: the name still matches."""
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            text = _identifier(item) if isinstance(item, dict) else _text(item)
            for candidate in _CVR_IN_TEXT.findall(text.replace(" ", "")):
                try:
                    return cvr_clean(candidate)
                except ValidationError:
                    continue
    return ""


def _skills(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return _text(value)


def skill_names(skills_text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[,;|\n]", skills_text) if s.strip()]


def _occupation(value: Any) -> tuple[str, str]:
    """occupationalCategory as (text, DISCO code if it carries one)."""
    node = value[0] if isinstance(value, list) and value else value
    text = _text(node)
    code = ""
    if isinstance(node, dict):
        code = _text(node.get("codeValue"))
        text = _text(node.get("name")) or code
    if not code:
        found = re.match(r"^(\d{4,6})\b\s*[-:]?\s*(.*)$", text)
        if found:
            code, rest = found.groups()
            text = rest or text
    return text, code


# ---------- JSON-LD ----------

_LD_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.I | re.S,
)


def _is_posting(node: dict) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    names = (k.split("/")[-1].split(":")[-1] for k in kinds if isinstance(k, str))
    return "JobPosting" in names


def _walk(node: Any, found: list[dict]) -> None:
    """Every JobPosting in a JSON-LD document, in document order (through @graph, lists and
    any nesting such as an ItemList)."""
    if isinstance(node, list):
        for item in node:
            _walk(item, found)
    elif isinstance(node, dict):
        if _is_posting(node):
            found.append(node)
            return
        for value in node.values():
            if isinstance(value, list | dict):
                _walk(value, found)


def _json_problem(error: json.JSONDecodeError, block: int | None) -> Problem:
    where = {"line": error.lineno, "column": error.colno}
    if block is None:
        reason = _("The file is not valid JSON (line %(line)d, column %(column)d).") % where
    else:
        reason = _(
            "JSON-LD block %(block)d of the page is not valid JSON (line %(line)d, "
            "column %(column)d)."
        ) % {"block": block, **where}
    return Problem(None, reason)


def _posting_from_jsonld(number: int, node: dict) -> Posting:
    organisation = node.get("hiringOrganization")
    if isinstance(organisation, list):
        organisation = organisation[0] if organisation else None
    if isinstance(organisation, dict):
        employer = _text(organisation.get("name") or organisation.get("legalName"))
        cvr = _cvr_from(
            organisation.get("identifier"), organisation.get("vatID"), organisation.get("sameAs")
        )
    else:
        employer, cvr = _text(organisation), ""
    location = node.get("jobLocation")
    if isinstance(location, list):
        location = location[0] if location else None
    address = location.get("address") if isinstance(location, dict) else location
    if isinstance(address, list):
        address = address[0] if address else None
    street = postcode = town = ""
    if isinstance(address, dict):
        street = _text(address.get("streetAddress"))
        postcode = _postcode(_text(address.get("postalCode")))
        town = _text(address.get("addressLocality"))
    elif address:
        town = _text(address)
    category, disco = _occupation(node.get("occupationalCategory"))
    return _posting(
        number,
        identifier=_identifier(node.get("identifier")),
        title=html_to_text(_text(node.get("title"))),
        description=html_to_text(_text(node.get("description"))),
        employer_name=employer,
        cvr=cvr,
        street=street,
        postcode=postcode,
        town=town,
        date_posted=_date(node.get("datePosted"), _("The date posted")),
        valid_through=_date(node.get("validThrough"), _("The apply-by date")),
        employment_type=_employment_type(node.get("employmentType")),
        occupational_category=category,
        disco_code=disco,
        skills_text=_skills(node.get("skills")),
        base_salary=_salary(node.get("baseSalary")),
        url=_url(_text(node.get("url"))),
        positions=_positions(node.get("totalJobOpenings")),
    )


#: Texts that may have several lines.
_MULTILINE = {"description", "skills_text"}


def _label(name: str) -> str:
    try:
        field = JobOpening._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    return str(getattr(field, "verbose_name", name.replace("_", " "))).capitalize()


def _posting(number: int, **values: Any) -> Posting:
    if not values["title"]:
        raise _Bad(_("The opening has no title."))
    for name, value in values.items():
        if isinstance(value, str):
            problem = hygiene.text_problem(value, label=_label(name), multiline=name in _MULTILINE)
            if problem:
                raise _Bad(problem)
            values[name] = _cut(name, value)
    return Posting(number=number, **values)


def parse_jsonld(text: str) -> tuple[list[Posting], list[Problem]]:
    problems: list[Problem] = []
    documents: list[Any] = []
    stripped = text.strip().lstrip("\ufeff")
    if stripped[:1] in ("{", "["):
        try:
            documents.append(hygiene.json_loads(stripped))
        except json.JSONDecodeError as error:
            return [], [_json_problem(error, None)]
        except hygiene.JSONProblem as problem:
            return [], [Problem(None, str(problem))]
    else:
        blocks = _LD_SCRIPT.findall(stripped)
        if not blocks:
            return [], [
                Problem(
                    None,
                    _(
                        'Found neither JSON nor a <script type="application/ld+json"> block. '
                        "Paste the whole page source, or choose a .json or .jsonld file."
                    ),
                )
            ]
        for block_number, block in enumerate(blocks, start=1):
            try:
                documents.append(hygiene.json_loads(block.strip()))
            except json.JSONDecodeError as error:
                problems.append(_json_problem(error, block_number))
            except hygiene.JSONProblem as problem:
                problems.append(
                    Problem(
                        None,
                        _("JSON-LD block %(block)d of the page: %(problem)s")
                        % {"block": block_number, "problem": problem},
                    )
                )
    nodes: list[dict] = []
    _walk(documents, nodes)
    if not nodes and not problems:
        problems.append(Problem(None, _("There is no JobPosting in the input.")))
    postings = []
    for number, node in enumerate(nodes, start=1):
        try:
            postings.append(_posting_from_jsonld(number, node))
        except _Bad as bad:
            problems.append(Problem(number, str(bad)))
    return postings, problems


# ---------- CSV ----------

#: Our column names, each with the names it is also known by (schema.org first, then Danish).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "identifier": ("identifier", "id", "annonce-id"),
    "title": ("title", "titel", "stillingsbetegnelse"),
    "description": ("description", "beskrivelse"),
    "employer": ("hiringOrganization", "employer", "arbejdsgiver", "virksomhed"),
    "cvr": ("cvr", "cvr-nummer"),
    "street": ("streetAddress", "adresse"),
    "postcode": ("postalCode", "postnr", "postnummer"),
    "town": ("addressLocality", "by"),
    "date_posted": ("datePosted", "opslået"),
    "valid_through": ("validThrough", "ansøgningsfrist", "frist"),
    "employment_type": ("employmentType", "ansættelsestype"),
    "occupation": ("occupationalCategory", "stillingskategori", "erhverv"),
    "skills": ("skills", "kompetencer"),
    "salary": ("baseSalary", "løn"),
    "url": ("url", "link"),
    "positions": ("totalJobOpenings", "antal"),
}
REQUIRED_COLUMNS = ("title",)
_ALIASES = {alias.lower(): name for name, aliases in CSV_COLUMNS.items() for alias in aliases}


def decode(raw: bytes) -> str:
    """UTF-8 with or without a byte-order mark; anything else is a Danish error."""
    from common.uploads import decode_text  # here, not at the top: h8 edits the imports

    try:
        return decode_text(raw)
    except ValidationError as error:
        raise _Bad(error.messages[0]) from None


def _posting_from_row(number: int, row: dict[str, str]) -> Posting:
    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    category, disco = _occupation(get("occupation"))
    cvr = ""
    if get("cvr"):
        try:
            cvr = cvr_clean(get("cvr"))
        except ValidationError as error:
            raise _Bad(f"CVR {get('cvr')}: {error.messages[0]}") from None
    return _posting(
        number,
        identifier=get("identifier"),
        title=get("title"),
        description=html_to_text(get("description")),
        employer_name=get("employer"),
        cvr=cvr,
        street=get("street"),
        postcode=_postcode(get("postcode")),
        town=get("town"),
        date_posted=_date(get("date_posted"), _("The date posted")),
        valid_through=_date(get("valid_through"), _("The apply-by date")),
        employment_type=_employment_type(get("employment_type")),
        occupational_category=category,
        disco_code=disco,
        skills_text=get("skills"),
        base_salary=get("salary"),
        url=_url(get("url")),
        positions=_positions(get("positions")),
    )


def parse_csv(raw: bytes) -> tuple[list[Posting], list[Problem]]:
    try:
        text = decode(raw)
    except _Bad as bad:
        return [], [Problem(None, str(bad))]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return [], [Problem(None, _("The file is empty."))]
    columns = [_ALIASES.get(name.strip().lower(), "") for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        return [], [
            Problem(
                None,
                _("The column “%(column)s” is missing (the first line names the columns).")
                % {"column": CSV_COLUMNS[missing[0]][0]},
            )
        ]
    postings, problems = [], []
    try:
        for values in reader:
            number = reader.line_num
            if not any(v.strip() for v in values):
                continue
            row = {name: value for name, value in zip(columns, values, strict=False) if name}
            try:
                postings.append(_posting_from_row(number, row))
            except _Bad as bad:
                problems.append(Problem(number, str(bad)))
    except csv.Error as error:
        problems.append(
            Problem(reader.line_num, _("The line cannot be read: %(error)s") % {"error": error})
        )
    if not postings and not problems:
        problems.append(Problem(None, _("The file has no rows of openings.")))
    return postings, problems


# ---------- saving ----------


class _Matcher:
    """Finds the company, occupation and skills of postings: the centre's companies, the
    occupations and the skills named are read once, so a large import costs no query per row."""

    def __init__(self, job_centre: JobCentre, postings: list[Posting]):
        companies = list(Company.objects.filter(job_centre=job_centre))
        self.by_cvr = {c.cvr: c for c in companies}
        self.by_name = {c.name.strip().lower(): c for c in companies}
        wanted = {n.lower() for p in postings for n in skill_names(p.skills_text)}
        self.skills = {
            s.lowered: s
            for s in Skill.objects.annotate(lowered=Lower("name")).filter(lowered__in=wanted)
        }
        self.by_title: dict[str, Occupation] = {}
        self.by_code: dict[str, list[Occupation]] = {}
        for occupation in Occupation.objects.all():
            for name in (occupation.title, *occupation.synonyms.splitlines()):
                self.by_title.setdefault(name.strip().lower(), occupation)
            if occupation.disco_code:
                self.by_code.setdefault(occupation.disco_code, []).append(occupation)
        self._occupations: dict[tuple[str, str, str], Occupation | None] = {}

    def company(self, posting: Posting) -> Company | None:
        if posting.cvr and posting.cvr in self.by_cvr:
            return self.by_cvr[posting.cvr]
        return self.by_name.get(posting.employer_name.strip().lower())

    def occupation(self, posting: Posting) -> Occupation | None:
        key = (posting.occupational_category, posting.disco_code, posting.title)
        if key not in self._occupations:
            found = None
            if posting.occupational_category:
                found = self.by_title.get(posting.occupational_category.strip().lower())
            if found is None and posting.disco_code:
                found = self._by_code(posting.disco_code, posting.title)
            if found is None:
                found = self.by_title.get(posting.title.strip().lower())
            self._occupations[key] = found
        return self._occupations[key]

    def _by_code(self, code: str, title: str) -> Occupation | None:
        """The occupation with this DISCO code; of several (Sygeplejerske and
        Sundhedsplejerske share 2221), the one whose title shares a word stem with the
        posting's title."""
        candidates = self.by_code.get(code, [])
        wanted = set(stems(title))
        for occupation in candidates:
            if wanted & set(stems(occupation.title)):
                return occupation
        return candidates[0] if candidates else None

    def skill_ids(self, posting: Posting) -> set[int]:
        names = (n.lower() for n in skill_names(posting.skills_text))
        return {self.skills[n].pk for n in names if n in self.skills}


def _values(posting: Posting, matcher: _Matcher, source: str) -> dict[str, Any]:
    company = matcher.company(posting)
    occupation = matcher.occupation(posting)
    return {
        "source": source,
        "title": posting.title,
        "description": posting.description,
        "company_id": company.pk if company else None,
        "employer_name": "" if company else posting.employer_name,
        "occupation_id": occupation.pk if occupation else None,
        "occupational_category": posting.occupational_category
        or (f"{posting.disco_code}" if posting.disco_code else ""),
        "skills_text": posting.skills_text,
        "employment_type": posting.employment_type,
        "positions": posting.positions,
        "street": posting.street,
        "postcode": posting.postcode,
        "town": posting.town,
        "date_posted": posting.date_posted or timezone.localdate(),
        "valid_through": posting.valid_through,
        "base_salary": posting.base_salary,
        "url": posting.url,
    }


def _parse(raw: bytes, kind: str) -> tuple[list[Posting], list[Problem]]:
    if kind == CSV:
        return parse_csv(raw)
    try:
        text = decode(raw)
    except _Bad as bad:
        return [], [Problem(None, str(bad))]
    return parse_jsonld(text)


def _duplicates(postings: list[Posting]) -> tuple[list[Posting], list[Problem]]:
    """A second posting with the key of an earlier one in the same input is a problem (it
    would overwrite the first)."""
    seen: dict[str, int] = {}
    kept, problems = [], []
    for posting in postings:
        if posting.key in seen:
            problems.append(
                Problem(
                    posting.number,
                    _("It has the same identifier as number %(n)d above.")
                    % {"n": seen[posting.key]},
                )
            )
        else:
            seen[posting.key] = posting.number
            kept.append(posting)
    return kept, problems


def openings_read(*, raw: bytes, kind: str, all_or_nothing: bool = False):
    """Parses `raw` (JSON-LD or CSV): the report so far (problems, total) and the postings to
    save. Beyond `LABOUR_IMPORT_MAX_ROWS` openings nothing is to be saved."""
    report = ImportReport(kind=kind, all_or_nothing=all_or_nothing)
    postings, problems = _parse(raw, kind)
    postings, duplicates = _duplicates(postings)
    report.problems = sorted(
        problems + duplicates, key=lambda p: (p.number is not None, p.number or 0)
    )
    report.total = len(postings) + len([p for p in report.problems if p.number is not None])
    limit = settings.LABOUR_IMPORT_MAX_ROWS
    if report.total > limit:
        report.problems = [
            Problem(
                None,
                _(
                    "The file holds %(count)s openings, and at most %(limit)s can be imported "
                    "at a time. Split the file and import the parts one after the other."
                )
                % {"count": intcomma(report.total), "limit": intcomma(limit)},
            )
        ]
        return report, []
    if report.stopped:
        return report, []
    return report, postings


def openings_save(
    *,
    job_centre: JobCentre,
    user: User | None,
    postings: list[Posting],
    report: ImportReport,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Saves `postings`, CHUNK at a time, each chunk in a transaction of its own; `progress`
    is called inside each chunk's transaction, so what it records commits with the chunk."""
    source = Source.CSV if report.kind == CSV else Source.JSONLD
    consultant = user if user is not None and user.role == Role.BUSINESS_CONSULTANT else None
    matcher = _Matcher(job_centre, postings)
    for start in range(0, len(postings), CHUNK):
        chunk = postings[start : start + CHUNK]
        with transaction.atomic():
            _save_chunk(job_centre, consultant, chunk, matcher, source, report)
            report.processed += len(chunk)
            if progress is not None:
                progress(report)
    report.saved = True
    return report


def _save_chunk(job_centre, consultant, postings, matcher, source, report) -> None:
    existing = {
        o.identifier: o
        for o in JobOpening.objects.filter(
            job_centre=job_centre, identifier__in=[p.key for p in postings]
        ).prefetch_related("skills")
    }
    new: list[tuple[JobOpening, set[int]]] = []
    for posting in postings:
        values = _values(posting, matcher, source)
        skill_ids = matcher.skill_ids(posting)
        opening = existing.get(posting.key)
        if opening is None:
            opening = JobOpening(
                job_centre=job_centre, identifier=posting.key, consultant=consultant, **values
            )
            opening.occupation = matcher.occupation(posting)
            opening.search_document = document_for(opening)
            new.append((opening, skill_ids))
            continue
        same = all(getattr(opening, name) == value for name, value in values.items())
        same_skills = {s.pk for s in opening.skills.all()} == skill_ids
        if same and same_skills:
            report.unchanged += 1
            continue
        for name, value in values.items():
            setattr(opening, name, value)
        opening_save(opening=opening)
        if not same_skills:
            opening.skills.set(skill_ids)
        report.updated += 1
    # New openings in one INSERT (and their skills in another), with the search document
    # opening_save would have set.
    created = JobOpening.objects.bulk_create([opening for opening, _ids in new])
    Through = JobOpening.skills.through
    Through.objects.bulk_create(
        Through(jobopening_id=opening.pk, skill_id=skill_id)
        for opening, (_o, skill_ids) in zip(created, new, strict=True)
        for skill_id in skill_ids
    )
    report.created += len(created)


def openings_import(
    *,
    job_centre: JobCentre,
    user: User | None,
    raw: bytes,
    kind: str,
    all_or_nothing: bool = False,
) -> ImportReport:
    """Imports the openings in `raw` (JSON-LD or CSV) into the job centre's board, in the
    caller's transaction (a request's import is small; larger ones run as an `OpeningImport`)."""
    report, postings = openings_read(raw=raw, kind=kind, all_or_nothing=all_or_nothing)
    if not postings:
        return report
    with transaction.atomic():
        return openings_save(job_centre=job_centre, user=user, postings=postings, report=report)
