"""Reading the CSV columns of docs/import-formats.md, by our names or the names they are also
known by."""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.uploads import decode_text
from labour.imports.jsonld import _posting
from labour.imports.readers import (
    _date,
    _employment_type,
    _occupation,
    _positions,
    _postcode,
    _url,
    html_to_text,
)
from labour.imports.records import Posting, Problem, _Bad
from labour.services.companies import cvr_clean

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
