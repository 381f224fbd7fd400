"""The one template language: Jinja2 (docs/decisions.md, issue 23).

`environment()` builds the Jinja2 environment Django's Jinja2 backend uses for every page and
form. It keeps what the templates relied on from Django's own engine: `{{ value }}` is shown
in the current time zone and Danish formats (dates, times, decimal commas); missing
variables print nothing; Django's filters (`date`, `time`, `default`, `linebreaksbr`,
`floatformat`, `yesno`, ...) keep their Django meaning; `_()` and `{% trans %}` use Django's
catalogues. Printing a method without calling it is an error, never `<bound method ...>`.

The globals are the few things pages ask for: `url()`, `static()`, the policy (`can`,
`can_on`), and each app's template helpers (`<app>/templating.py`).
"""

import datetime
import decimal
import uuid
from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import defaultfilters
from django.templatetags.l10n import unlocalize
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import formats, translation
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in stubs
from jinja2 import ChainableUndefined, Environment

from accounts.templating import can, can_on, qr_code
from common.forms import label_named
from occupations.templating import balance_badge, citizen_area, prospect_badge, transfer_box
from sso.templating import sso_providers


class Lenient(ChainableUndefined):
    """A missing value prints nothing and is false, as in Django's engine: also its
    attributes, items and calls (`cv.skills.all()` where there is no CV yet)."""

    # Undefined.__call__ is typed as never returning (it raises); this one answers itself.
    def __call__(self, *args: Any, **kwargs: Any) -> "Lenient":  # type: ignore[override]
        return self


_LOCALISED = (datetime.date, datetime.time, int, float, decimal.Decimal)


def finalize(value: Any) -> Any:
    """What `{{ value }}` prints, as Django's engine did: in the current time zone and the
    active language's formats."""
    if isinstance(value, _LOCALISED) and not isinstance(value, bool):
        return formats.localize(template_localtime(value))
    if callable(value) and not hasattr(value, "__html__"):
        raise TypeError(f"{value!r} is printed without being called: add ()")
    return value


#: A value per argument type that a route shows as str(value), for `url()`'s shortcut.
_MARKERS: dict[type, Any] = {
    int: 9081726354,
    uuid.UUID: uuid.UUID("5c2f3e1a-9b7d-4c6e-8f0a-1d2b3c4d5e6f"),
}
#: (URL name, script prefix, argument type) -> the reversed URL split at the marker, or None
#: where the shortcut does not apply (the name takes no such argument, or shows it otherwise).
_ROUTES: dict[tuple[str, str, type], list[str] | None] = {}


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """`{{ url("app:name", pk) }}`: reverse(), as `{% url %}` did. A list links each row by its
    id or public id: for one whole-number or UUID argument the route is reversed once per name
    with a marker, and the row's value takes the marker's place (what reverse() would give:
    those converters show str(value)); a list of 25 rows then costs one reverse(), not 75."""
    if len(args) == 1 and not kwargs and type(args[0]) in _MARKERS:
        kind = type(args[0])
        key = (name, get_script_prefix(), kind)
        if key not in _ROUTES:
            marker = str(_MARKERS[kind])
            try:
                parts = reverse(name, args=[_MARKERS[kind]]).split(marker)
            except NoReverseMatch:
                parts = []
            _ROUTES[key] = parts if len(parts) == 2 else None
        route = _ROUTES[key]
        if route is not None:
            return f"{route[0]}{args[0]}{route[1]}"
    return reverse(name, args=args or None, kwargs=kwargs or None)


def querystring(request, **changes: Any) -> str:
    """`{{ querystring(request, page=2) }}`: this page's query string with some parameters
    changed (None removes one), as Django's `{% querystring %}`."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}"


def languages() -> list[dict[str, Any]]:
    """The language switch's choices, with each language's own name."""
    return [translation.get_language_info(code) for code, _name in settings.LANGUAGES]


def _localtime(filter_):
    """A Django filter that expects the value in the current time zone (`date`, `time`)."""

    def apply(value, arg=None):
        return filter_(template_localtime(value), arg)

    return apply


def default(value, arg):
    """Django's `default`: the argument for any false value, not only an undefined one."""
    return value or arg


FILTERS = {
    "date": _localtime(defaultfilters.date),
    "time": _localtime(defaultfilters.time),
    "default": default,
    "default_if_none": defaultfilters.default_if_none,
    "linebreaksbr": lambda value: defaultfilters.linebreaksbr(value, autoescape=True),
    "linebreaks": lambda value: defaultfilters.linebreaks_filter(value, autoescape=True),
    "capfirst": defaultfilters.capfirst,
    "floatformat": defaultfilters.floatformat,
    "truncatechars": defaultfilters.truncatechars,
    "intcomma": intcomma,
    "yesno": defaultfilters.yesno,
    "unlocalize": unlocalize,
    "filesizeformat": defaultfilters.filesizeformat,
    "json_script": defaultfilters.json_script,
    "urlencode": defaultfilters.urlencode,
    "add": defaultfilters.add,
    "cut": defaultfilters.cut,
    "can": can,
}


def environment(**options: Any) -> Environment:
    options["undefined"] = Lenient
    # Every compiled template stays: Jinja2's default keeps 400, and with ours and Django's
    # widget templates (338 today) past that a busy server would recompile pages it evicted.
    options["cache_size"] = -1
    options.pop("autoescape", None)  # always on
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], finalize=finalize, **options)
    env.install_gettext_translations(translation, newstyle=False)  # type: ignore[attr-defined]
    env.globals.update(
        {
            "url": url,
            "static": static,
            "querystring": querystring,
            "get_language": translation.get_language,
            "languages": languages,
            "can": can,
            "can_on": can_on,
            "qr_code": qr_code,
            "balance_badge": balance_badge,
            "prospect_badge": prospect_badge,
            "transfer_box": transfer_box,
            "citizen_area": citizen_area,
            "sso_providers": sso_providers,
            "label_named": label_named,
        }
    )
    env.filters.update(FILTERS)
    return env
