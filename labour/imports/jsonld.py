"""Reading schema.org JobPosting as JSON-LD: a file, or a page's source with its ld+json blocks."""

import json
import re
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from common import hygiene
from labour.imports.readers import (
    _cut,
    _cvr_from,
    _date,
    _employment_type,
    _identifier,
    _occupation,
    _positions,
    _postcode,
    _salary,
    _skills,
    _text,
    _url,
    html_to_text,
)
from labour.imports.records import Posting, Problem, _Bad
from labour.models import JobOpening

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
