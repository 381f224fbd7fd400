"""Input hygiene: the bounds every value from outside meets before it is parsed further, stored
or used in arithmetic, in one place for the forms (common.forms), the API's schemas (api.schemas),
the imports (labour.imports) and query-string parameters.

- Text: no control characters (a NUL byte, which PostgreSQL refuses; escape sequences; C1
  controls) and no lone surrogates (which cannot be encoded). Tab and line breaks only where a
  text area allows several lines.
- Dates: between DATE_MIN and DATE_MAX, so that a view's `day + timedelta(days=7)` or a time zone
  conversion cannot overflow `date.max` or `date.min`.
- Whole numbers: within the column they go to (a SmallIntegerField's range, or a plain
  IntegerField's when there is no column), and within the field's own validators.
- Floats: finite.
- JSON: at most MAX_JSON_DEPTH levels of nesting; numbers that do not fit are refused, never
  turned into inf.

A problem is a ValidationError with a Danish message that names the field. For a query-string
parameter it is a BadRequest, which the 400 page (common.views.bad_request) shows as it is.
"""

import json
import math
import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core import validators as django_validators
from django.core.exceptions import BadRequest, ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.formats import date_format
from django.utils.translation import gettext as _

DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)
#: A whole number with no column to go by fits a (32-bit) IntegerField, as ids, page numbers and
#: offsets do on every database.
INT_MIN, INT_MAX = BaseDatabaseOperations.integer_field_ranges["IntegerField"]
MAX_JSON_DEPTH = 64

#: C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates.
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


class BadQuery(BadRequest):
    """A query-string parameter out of bounds; its message is for the person (Danish)."""


def text_problem(value: str, *, label: str, multiline: bool = False) -> str | None:
    """The message for text with a character that cannot be stored, or None."""
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_SINGLE_LINE
    if not pattern.search(value):
        return None
    return _(
        "“%(field)s” contains a character that cannot be used (a control character such as a "
        "null byte). Remove it and try again."
    ) % {"field": label}


def check_text(value: str, *, label: str, multiline: bool = False) -> str:
    problem = text_problem(value, label=label, multiline=multiline)
    if problem:
        raise ValidationError(problem, code="control_character")
    return value


def https_link_problem(value: str) -> str | None:
    """The message for a meeting link that is not an https URL (http, javascript:, a control
    character), or None: what a citizen is sent to join a video meeting."""
    try:
        django_validators.URLValidator(schemes=["https"])(value)
    except ValidationError:
        return _("Write a link that begins with https://")
    if _CONTROL_SINGLE_LINE.search(value):  # the validator lets them through in the path
        return _("Write a link that begins with https://")
    return None


def check_raw(value: Any, *, label: str, multiline: bool = False) -> None:
    """The raw value of a form field as it came in: a string, a list of them (a multiple
    choice, a split widget), or an upload (not text: left to the field)."""
    if isinstance(value, str):
        check_text(value, label=label, multiline=multiline)
    elif isinstance(value, list | tuple):
        for item in value:
            check_raw(item, label=label, multiline=multiline)


def date_problem(value: date, *, label: str) -> str | None:
    day = value.date() if isinstance(value, datetime) else value
    if DATE_MIN <= day <= DATE_MAX:
        return None
    return _("“%(field)s” must be a date between %(first)s and %(last)s.") % {
        "field": label,
        "first": date_format(DATE_MIN),
        "last": date_format(DATE_MAX),
    }


def _limit(validator: django_validators.BaseValidator) -> int:
    limit = validator.limit_value
    return int(limit() if callable(limit) else limit)


def integer_bounds(field: models.Field | None = None) -> tuple[int, int]:
    """The smallest and largest whole number a model field takes: its column's range on every
    database we run on, narrowed by its own Min/MaxValueValidators. Without a field: INT_MIN,
    INT_MAX."""
    low, high = INT_MIN, INT_MAX
    if field is None:
        return low, high
    internal = field.get_internal_type()
    if internal in BaseDatabaseOperations.integer_field_ranges:
        low, high = BaseDatabaseOperations.integer_field_ranges[internal]
    for validator in field.validators:
        if isinstance(validator, django_validators.MinValueValidator):
            low = max(low, _limit(validator))
        elif isinstance(validator, django_validators.MaxValueValidator):
            high = min(high, _limit(validator))
    return low, high


def integer_problem(
    value: int, *, label: str, low: int = INT_MIN, high: int = INT_MAX
) -> str | None:
    if low <= value <= high:
        return None
    return _("“%(field)s” must be a whole number from %(low)s to %(high)s.") % {
        "field": label,
        "low": low,
        "high": high,
    }


def float_problem(value: float, *, label: str) -> str | None:
    if math.isfinite(value):
        return None
    return _("“%(field)s” must be a number.") % {"field": label}


# ---------- JSON ----------


class JSONProblem(ValueError):
    """JSON this layer refuses (too deep, a number that does not fit); the message is Danish."""


def _refuse_constant(name: str) -> float:
    raise JSONProblem(_("The JSON contains %(value)s, which is not a number.") % {"value": name})


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise JSONProblem(
            _("The JSON contains the number %(value)s, which is too large.") % {"value": text[:20]}
        )
    return number


def _depth_problem() -> JSONProblem:
    return JSONProblem(
        _("The JSON is nested too deep (more than %(depth)d levels).") % {"depth": MAX_JSON_DEPTH}
    )


def _depth(text: str | bytes) -> int:
    """The deepest nesting of brackets outside strings, counted without recursion."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    deepest = depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def json_loads(text: str | bytes) -> Any:
    """json.loads with this layer's bounds: at most MAX_JSON_DEPTH levels (deeper input is
    refused before the parser's recursion can fail), no NaN or Infinity, no number that turns
    into inf. A refusal is a JSONProblem; bad JSON is json.JSONDecodeError as usual."""
    if _depth(text) > MAX_JSON_DEPTH:
        raise _depth_problem()
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)


# ---------- query strings ----------


def query_text(params: Mapping[str, str], name: str, *, label: str, max_length: int = 200) -> str:
    """A free-text query-string parameter (a search), cut at max_length; control characters
    are a BadQuery (a 400 page that says which field)."""
    value = params.get(name, "")[:max_length]
    problem = text_problem(value, label=label)
    if problem:
        raise BadQuery(problem)
    return value


def query_uuid(params: Mapping[str, str], name: str) -> uuid.UUID | None:
    """A UUID in the query string (a public id): None when absent or not a UUID, for a view
    that then goes without (a lookup with anything else would be a database error)."""
    try:
        return uuid.UUID(params.get(name) or "")
    except ValueError:
        return None


def query_date(params: Mapping[str, str], name: str, *, label: str) -> date | None:
    """An ISO date in the query string (2026-12-07, or a week such as 2026-W50): None when
    absent, unreadable or out of bounds, for a view that then shows its default."""
    raw = params.get(name) or ""
    try:
        value = date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
    if value is None or date_problem(value, label=label):
        return None
    return value
