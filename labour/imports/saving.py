"""Saving postings: matching each to an existing opening, chunk by chunk, and the import as a
whole."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from centres.models import JobCentre
from common.services import model_update
from labour.imports.csv import decode, parse_csv
from labour.imports.jsonld import parse_jsonld
from labour.imports.readers import skill_names
from labour.imports.records import CSV, ImportReport, Posting, Problem, _Bad
from labour.models import Company, JobOpening, Source
from labour.search import document_for, stems
from labour.services.companies import opening_save
from occupations.models import Occupation, Skill

# ---------- saving ----------

#: Openings saved per transaction.
CHUNK = 500


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
        model_update(instance=opening, data=values)
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
