"""Small readers: one field of a posting from whatever the source wrote, cleaned and bounded, or
a Danish problem."""

import math
import re
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from common import hygiene
from labour.imports.records import _MAX, _Bad
from labour.models import MAX_POSITIONS, EmploymentType
from labour.services.companies import cvr_clean

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
