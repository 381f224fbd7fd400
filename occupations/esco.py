"""Import of the official ESCO classification (CSV download, one language) into the
occupation list, the skills and the skills of each occupation.

Files read from one folder (ESCO v1.1/v1.2 names, language `da` by default):

- `occupations_da.csv`: conceptType, conceptUri, iscoGroup, preferredLabel, altLabels
  (newline-separated), hiddenLabels, status, modifiedDate, regulatedProfessionNote, scopeNote,
  definition, inScheme, description, code;
- `skills_da.csv`: conceptType, conceptUri, skillType, reuseLevel, preferredLabel, altLabels,
  hiddenLabels, status, modifiedDate, scopeNote, definition, inScheme, description;
- `occupationSkillRelations_da.csv` (older downloads: `occupationSkillRelations.csv`):
  occupationUri, relationType (essential/optional), skillType, skillUri.

Concepts are upserted by their URI. An occupation or skill not yet linked to ESCO is matched by
its Danish title (an occupation then by a synonym), so the starter list is enriched rather than
duplicated; a title or name once set is kept (an occupation gets ESCO's label as a synonym).
The DISCO-08 code comes from iscoGroup (ISCO-08, four digits), the synonyms from altLabels.
A bad row (an unknown URI, a label shared by two concepts) is reported, not fatal; the import
as a whole is one transaction.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from occupations.models import Occupation, OccupationSkill, Skill

OCCUPATION_COLUMNS = {"conceptUri", "preferredLabel", "altLabels", "iscoGroup"}
SKILL_COLUMNS = {"conceptUri", "preferredLabel"}
RELATION_COLUMNS = {"occupationUri", "relationType", "skillUri"}
#: Concepts in these states are left out (ESCO marks withdrawn concepts so).
SKIPPED_STATUS = {"obsolete", "deprecated"}
BATCH = 1000
#: Problems listed one by one; the rest are counted.
MAX_PROBLEMS = 200


class EscoFileError(Exception):
    """A file is missing or lacks a column: nothing is imported."""


@dataclass
class EscoReport:
    occupations_created: int = 0
    occupations_updated: int = 0
    occupations_unchanged: int = 0
    skills_created: int = 0
    skills_updated: int = 0
    skills_unchanged: int = 0
    relations_created: int = 0
    relations_updated: int = 0
    relations_unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0

    def problem(self, file: str, line: int, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            where = _("line")
            self.problems.append(f"{file}, {where} {line}: {message}")
        else:
            self.more_problems += 1


def _path(folder: Path, *names: str) -> Path:
    for name in names:
        if (folder / name).is_file():
            return folder / name
    raise EscoFileError(
        _("%(file)s is missing in %(folder)s.") % {"file": names[0], "folder": folder}
    )


def _rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of an ESCO CSV: comma-separated, quoted, UTF-8, fields that may span
    lines (altLabels)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise EscoFileError(
                _("%(file)s lacks the column(s) %(columns)s.")
                % {"file": path.name, "columns": ", ".join(sorted(missing))}
            )
        line = reader.line_num + 1
        for row in reader:
            yield line, {k: (v or "").strip() for k, v in row.items() if k is not None}
            line = reader.line_num + 1


def _label(text: str) -> str:
    """ESCO's Danish labels are lower case; the list's titles start with a capital."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _synonyms(existing: str, alt_labels: str, title: str) -> str:
    names = [s.strip() for s in existing.splitlines() if s.strip()]
    seen = {n.lower() for n in names} | {title.lower()}
    for alt in alt_labels.splitlines():
        alt = " ".join(alt.split())
        if alt and alt.lower() not in seen:
            names.append(_label(alt))
            seen.add(alt.lower())
    return "\n".join(names)


def _disco(row: dict[str, str]) -> str:
    group = row.get("iscoGroup", "")
    if len(group) == 4 and group.isdigit():
        return group
    code = row.get("code", "").split(".")[0]
    return code if code.isdigit() else group[:10]


def _import_skills(path: Path, report: EscoReport) -> dict[str, Skill]:
    """Upserts the skills; returns ESCO skill URI -> Skill (saved)."""
    skills = list(Skill.objects.all())
    by_uri = {s.esco_uri: s for s in skills if s.esco_uri}
    by_name = {s.name.lower(): s for s in skills}
    max_length = Skill._meta.get_field("name").max_length or 255
    found: dict[str, Skill] = {}
    new: list[Skill] = []
    changed: dict[int, Skill] = {}
    for line, row in _rows(path, SKILL_COLUMNS):
        uri, name = row["conceptUri"], _label(row["preferredLabel"])
        if not uri or row.get("status", "").lower() in SKIPPED_STATUS:
            continue
        if not name or len(name) > max_length:
            report.problem(path.name, line, _("The skill has no label, or it is too long."))
            continue
        skill = by_uri.get(uri)
        if skill is None:
            holder = by_name.get(name.lower())
            if holder is None:
                skill = Skill(name=name, esco_uri=uri)
                new.append(skill)
                by_uri[uri] = by_name[name.lower()] = found[uri] = skill
                continue
            if holder.esco_uri is not None:  # two ESCO concepts with one Danish label
                report.problem(
                    path.name,
                    line,
                    _("“%(label)s” is also the label of another skill; the two are merged.")
                    % {"label": name},
                )
                found[uri] = holder
                continue
            skill = holder  # a starter skill of that name: link it
            skill.esco_uri = uri
            by_uri[uri] = skill
            changed[skill.pk] = skill
        elif skill.pk and skill.pk not in changed:
            report.skills_unchanged += 1  # linked before: its name is kept, as a title is
        found[uri] = skill
    Skill.objects.bulk_create(new, batch_size=BATCH)
    Skill.objects.bulk_update(list(changed.values()), ["name", "esco_uri"], batch_size=BATCH)
    _ensure_pks(Skill, new)
    report.skills_created, report.skills_updated = len(new), len(changed)
    return found


def _ensure_pks(model, objects: list) -> None:
    """Fills in primary keys where the database returned none from a bulk insert."""
    missing = [o for o in objects if o.pk is None]
    if missing:
        pks = dict(
            model.objects.filter(esco_uri__in=[o.esco_uri for o in missing]).values_list(
                "esco_uri", "pk"
            )
        )
        for o in missing:
            o.pk = pks[o.esco_uri]


def _import_occupations(path: Path, report: EscoReport) -> dict[str, Occupation]:
    """Upserts the occupations; returns ESCO occupation URI -> Occupation (saved)."""
    occupations = list(Occupation.objects.all())
    by_uri = {o.esco_uri: o for o in occupations if o.esco_uri}
    by_title = {o.title.lower(): o for o in occupations}
    by_synonym: dict[str, Occupation] = {}
    for o in occupations:
        if not o.esco_uri:
            for synonym in o.synonyms.splitlines():
                by_synonym.setdefault(synonym.strip().lower(), o)
    max_length = Occupation._meta.get_field("title").max_length or 150
    found: dict[str, Occupation] = {}
    new: list[Occupation] = []
    changed: dict[int, Occupation] = {}
    for line, row in _rows(path, OCCUPATION_COLUMNS):
        uri, title = row["conceptUri"], _label(row["preferredLabel"])
        if not uri or row.get("status", "").lower() in SKIPPED_STATUS:
            continue
        if not title or len(title) > max_length:
            report.problem(path.name, line, _("The occupation has no label, or it is too long."))
            continue
        occupation, claimed = by_uri.get(uri), False
        if occupation is None:
            holder = by_title.get(title.lower())
            if holder is not None and holder.esco_uri is not None:
                report.problem(
                    path.name,
                    line,
                    _("“%(label)s” is also the title of another occupation; the two are merged.")
                    % {"label": title},
                )
                found[uri] = holder
                continue
            holder = holder or by_synonym.get(title.lower())
            if holder is not None and holder.esco_uri is None:
                occupation, claimed = holder, True  # on the list already: enrich, keep title
                occupation.esco_uri = uri
                by_uri[uri] = occupation
        if occupation is None:
            synonyms = _synonyms("", row["altLabels"], title)
            occupation = Occupation(
                title=title,
                disco_code=_disco(row),
                synonyms=synonyms,
                esco_uri=uri,
                search_text=Occupation.build_search_text(title, synonyms),
            )
            new.append(occupation)
            by_uri[uri] = by_title[title.lower()] = found[uri] = occupation
            continue
        found[uri] = occupation
        before = (occupation.disco_code, occupation.synonyms)
        occupation.disco_code = _disco(row) or occupation.disco_code
        # ESCO's own label, where it differs from the title kept, becomes a synonym.
        labels = "\n".join([row["preferredLabel"], row["altLabels"]])
        occupation.synonyms = _synonyms(occupation.synonyms, labels, occupation.title)
        occupation.search_text = Occupation.build_search_text(occupation.title, occupation.synonyms)
        if occupation.pk is None:
            continue  # created earlier in this file
        if claimed or before != (occupation.disco_code, occupation.synonyms):
            changed[occupation.pk] = occupation
        elif occupation.pk not in changed:
            report.occupations_unchanged += 1
    Occupation.objects.bulk_create(new, batch_size=BATCH)
    Occupation.objects.bulk_update(
        list(changed.values()),
        ["disco_code", "synonyms", "search_text", "esco_uri"],
        batch_size=BATCH,
    )
    _ensure_pks(Occupation, new)
    report.occupations_created, report.occupations_updated = len(new), len(changed)
    return found


def _import_relations(
    path: Path,
    occupations: dict[str, Occupation],
    skills: dict[str, Skill],
    report: EscoReport,
) -> None:
    wanted: dict[tuple[int, int], bool] = {}
    for line, row in _rows(path, RELATION_COLUMNS):
        occupation = occupations.get(row["occupationUri"])
        skill = skills.get(row["skillUri"])
        kind = row["relationType"].lower()
        problems = []
        if occupation is None:
            problems.append(_("unknown occupation %(uri)s") % {"uri": row["occupationUri"] or '""'})
        if skill is None:
            problems.append(_("unknown skill %(uri)s") % {"uri": row["skillUri"] or '""'})
        if kind not in ("essential", "optional"):
            problems.append(
                _("the relation type must be essential or optional, not “%(kind)s”")
                % {"kind": kind}
            )
        if occupation is None or skill is None or problems:
            report.problem(path.name, line, "; ".join(problems))
            continue
        key = (occupation.pk, skill.pk)
        wanted[key] = wanted.get(key, False) or kind == "essential"  # essential wins
    existing = {
        (link.occupation_id, link.skill_id): link
        for link in OccupationSkill.objects.filter(occupation_id__in={o for o, _s in wanted}).only(
            "pk", "occupation_id", "skill_id", "essential"
        )
    }
    new, changed = [], []
    for (occupation_id, skill_id), essential in wanted.items():
        link = existing.get((occupation_id, skill_id))
        if link is None:
            new.append(
                OccupationSkill(occupation_id=occupation_id, skill_id=skill_id, essential=essential)
            )
        elif link.essential != essential:
            link.essential = essential
            changed.append(link)
        else:
            report.relations_unchanged += 1
    OccupationSkill.objects.bulk_create(new, batch_size=BATCH)
    OccupationSkill.objects.bulk_update(changed, ["essential"], batch_size=BATCH)
    report.relations_created, report.relations_updated = len(new), len(changed)


def esco_import(*, folder: Path | str, language: str = "da") -> EscoReport:
    """Imports the ESCO CSV files in `folder` (see the module docstring) in one transaction.
    Raises EscoFileError, with nothing saved, when a file or a column is missing."""
    folder = Path(folder)
    files = (
        _path(folder, f"occupations_{language}.csv"),
        _path(folder, f"skills_{language}.csv"),
        _path(folder, f"occupationSkillRelations_{language}.csv", "occupationSkillRelations.csv"),
    )
    report = EscoReport()
    with transaction.atomic():
        skills = _import_skills(files[1], report)
        occupations = _import_occupations(files[0], report)
        _import_relations(files[2], occupations, skills, report)
    return report
