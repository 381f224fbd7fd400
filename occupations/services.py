"""Writes to the occupation taxonomy: the labour-market balance import.

The balance CSV (Arbejdsmarkedsbalancen) has one row per occupation and area, UTF-8, separated
by semicolons (commas and tabs are recognised too), with a header row naming the columns:

    occupation;disco;area;prospect
    Lagerarbejder;9333;Hovedstaden;Gode jobmuligheder

- occupation: a title or synonym from the occupation list (Danish names: stilling, erhverv);
- disco: the DISCO-08 code, used when the title is missing or not on the list and the code
  names exactly one occupation (the column may be left out);
- area: one of the eight RAR areas (Hovedstaden, Sjælland, Fyn, Sydjylland, Østjylland,
  Vestjylland, Nordjylland, Bornholm; "RAR ..." and "Region ..." are accepted; område);
- prospect: Mangel på arbejdskraft / Gode jobmuligheder / Mindre gode jobmuligheder (or
  shortage / good / less good; vurdering, jobmuligheder).

Each bad row is reported by its line number with the reason; the good rows are saved, or
none at all when the user chose all-or-nothing. An occupation and area already imported is
updated, so importing the same file twice changes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.uploads import decode_text
from occupations.models import LabourBalance, Occupation, Prospect
from places.models import Area

MAX_ROWS = 20_000

COLUMNS = {
    "occupation": {"occupation", "stilling", "stillingsbetegnelse", "erhverv", "titel"},
    "disco": {"disco", "disco-kode", "disco_kode", "discokode", "disco-08", "disco08"},
    "area": {"area", "område", "omraade", "omrade", "rar", "rar-område"},
    "prospect": {"prospect", "vurdering", "jobmuligheder", "kategori"},
}

PROSPECTS = {
    "mangel på arbejdskraft": Prospect.SHORTAGE,
    "mangel": Prospect.SHORTAGE,
    "shortage": Prospect.SHORTAGE,
    "shortage of labour": Prospect.SHORTAGE,
    "gode jobmuligheder": Prospect.GOOD,
    "gode": Prospect.GOOD,
    "good": Prospect.GOOD,
    "good job prospects": Prospect.GOOD,
    "mindre gode jobmuligheder": Prospect.LESS_GOOD,
    "mindre gode": Prospect.LESS_GOOD,
    "less good": Prospect.LESS_GOOD,
    "less_good": Prospect.LESS_GOOD,
    "less good job prospects": Prospect.LESS_GOOD,
}

#: UTF-8 read as Windows-1252 and saved again: æ ø å Æ Ø Å é become "Ã" and one more sign.
_MOJIBAKE = re.compile("Ã[\u00a6\u00b8\u00a5\u2020\u02dc\u2026\u00a9]")


class BalanceFileError(Exception):
    """The file as a whole cannot be read (encoding, header); nothing is imported."""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class BalanceImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    saved: bool = False

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _area_key(text: str) -> str:
    key = _normalise(text)
    for prefix in ("rar ", "region ", "landsdel "):
        key = key.removeprefix(prefix)
    return key.replace("ø", "oe").replace("æ", "ae").replace("å", "aa")


AREAS = {_area_key(str(label)): Area(value) for value, label in Area.choices} | {
    _area_key(value): Area(value) for value in Area.values
}


def decode(data: bytes | str) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without BOM), else a clear Danish error."""
    if isinstance(data, str):
        text = data
    else:
        try:
            text = decode_text(data)
        except ValidationError as error:
            raise BalanceFileError(error.messages[0]) from None
    if _MOJIBAKE.search(text):
        raise BalanceFileError(
            _(
                "The file contains garbled letters (“Ã” and a sign instead of æ, ø or å): it "
                "has been converted between encodings. Export it again as CSV UTF-8."
            )
        )
    return text.removeprefix("\ufeff")


def _reader(text: str) -> tuple[csv.DictReader, dict[str, str]]:
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise BalanceFileError(_("The file is empty or its first line is blank."))
    delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns: dict[str, str] = {}
    for name in reader.fieldnames or []:
        key = _normalise(name or "")
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in columns:
                columns[column] = name
    missing = [c for c in ("area", "prospect") if c not in columns]
    if "occupation" not in columns and "disco" not in columns:
        missing.insert(0, "occupation")
    if missing:
        raise BalanceFileError(
            _(
                "The file lacks the column(s) %(missing)s. The first line must name the "
                "columns: %(header)s."
            )
            % {"missing": ", ".join(missing), "header": "occupation;disco;area;prospect"}
        )
    return reader, columns


class _Occupations:
    """Every occupation by lower-cased title, synonym and DISCO code, read in one query."""

    def __init__(self):
        self.by_name: dict[str, int] = {}
        self.by_disco: dict[str, list[tuple[int, str]]] = {}
        rows = list(Occupation.objects.values_list("pk", "title", "synonyms", "disco_code"))
        for pk, title, _synonyms, disco in rows:
            self.by_disco.setdefault(disco, []).append((pk, title))
            self.by_name[_normalise(title)] = pk
        for pk, _title, synonyms, _disco in rows:  # a title wins over another's synonym
            for synonym in synonyms.splitlines():
                self.by_name.setdefault(_normalise(synonym), pk)

    def find(self, title: str, disco: str) -> int | str:
        """The occupation's id, or the Danish reason it cannot be found."""
        if title and _normalise(title) in self.by_name:
            return self.by_name[_normalise(title)]
        matches = self.by_disco.get(disco, []) if disco else []
        if len(matches) == 1:
            return matches[0][0]
        if len(matches) > 1:
            return _(
                "The DISCO code %(code)s fits several occupations (%(titles)s): write the "
                "occupation's title."
            ) % {"code": disco, "titles": ", ".join(sorted(t for _pk, t in matches))}
        if title:
            return _("“%(title)s” is not on the occupation list.") % {"title": title}
        if disco:
            return _("No occupation on the list has the DISCO code %(code)s.") % {"code": disco}
        return _("The occupation is missing.")


def balance_import(
    *,
    data: bytes | str,
    all_or_nothing: bool = False,
    period: str = "",
    now: datetime | None = None,
) -> BalanceImportResult:
    """Imports the balance CSV (see the module docstring). Raises BalanceFileError when the
    file cannot be read at all."""
    reader, columns = _reader(decode(data))
    occupations = _Occupations()
    result = BalanceImportResult()
    wanted: dict[tuple[int, str], Prospect] = {}
    seen_on: dict[tuple[int, str], int] = {}

    def cell(row: dict, column: str) -> str:
        return (row.get(columns[column]) or "").strip() if column in columns else ""

    for row in reader:
        line = reader.line_num
        if line > MAX_ROWS + 1:
            result.errors.append(
                RowError(line, _("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
            )
            break
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank line
        if None in row:
            result.errors.append(RowError(line, _("The row has more fields than the header.")))
            continue
        problems = []
        found = occupations.find(cell(row, "occupation"), cell(row, "disco"))
        if isinstance(found, str):
            problems.append(found)
        area = AREAS.get(_area_key(cell(row, "area")))
        if area is None:
            problems.append(
                _("“%(area)s” is not one of the areas (%(areas)s).")
                % {"area": cell(row, "area"), "areas": ", ".join(str(a.label) for a in Area)}
            )
        prospect = PROSPECTS.get(_normalise(cell(row, "prospect")))
        if prospect is None:
            problems.append(
                _(
                    "“%(prospect)s” is not a category of the balance (Mangel på arbejdskraft, "
                    "Gode jobmuligheder, Mindre gode jobmuligheder)."
                )
                % {"prospect": cell(row, "prospect")}
            )
        if isinstance(found, int) and area is not None and prospect is not None:
            key = (found, str(area))
            if key in seen_on:
                problems.append(
                    _("The occupation and area are already on line %(line)s.")
                    % {"line": seen_on[key]}
                )
            else:
                seen_on[key] = line
                wanted[key] = prospect
        if problems:
            result.errors.append(RowError(line, " ".join(problems)))

    if all_or_nothing and result.errors:
        return result
    _save(wanted, period=period, now=now or timezone.now(), result=result)
    return result


@transaction.atomic
def _save(wanted, *, period: str, now: datetime, result: BalanceImportResult) -> None:
    existing = {
        (b.occupation_id, b.area): b
        for b in LabourBalance.objects.filter(
            occupation_id__in={o for o, _a in wanted}, area__in={a for _o, a in wanted}
        )
    }
    new, changed = [], []
    for (occupation_id, area), prospect in wanted.items():
        balance = existing.get((occupation_id, area))
        if balance is None:
            new.append(
                LabourBalance(
                    occupation_id=occupation_id,
                    area=area,
                    prospect=prospect,
                    period=period,
                    imported_at=now,
                )
            )
        elif balance.prospect != prospect or (period and balance.period != period):
            balance.prospect, balance.imported_at = prospect, now
            balance.period = period or balance.period
            changed.append(balance)
        else:
            result.unchanged += 1
    LabourBalance.objects.bulk_create(new, batch_size=1000)
    LabourBalance.objects.bulk_update(
        changed, ["prospect", "period", "imported_at"], batch_size=1000
    )
    result.created, result.updated, result.saved = len(new), len(changed), True
