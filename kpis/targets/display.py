"""How a KPI's figure and a target read: the value with its unit, the hint, the scope."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kpis.definitions import BY_KEY, COUNT, PER_WEEK, PERCENT, SCORE, Kpi
from kpis.models import Target


def format_value(kpi: Kpi, value: float | Decimal | None) -> str:
    """A figure as the pages print it: "78,3 %", "1,6 per week", "4 per month", "8,2"; a
    whole count without decimals."""
    if value is None:
        return _("no figures yet")
    whole = kpi.unit == COUNT and float(value) == int(value)
    return _with_unit(kpi, int(value) if whole else round(float(value), 1))


def _with_unit(kpi: Kpi, number: float | int) -> str:
    text = number_format(number, decimal_pos=None if isinstance(number, int) else 1, use_l10n=True)
    if kpi.unit == PERCENT:
        return f"{text} %"
    if kpi.unit == PER_WEEK:
        return _("%(value)s per week") % {"value": text}
    if kpi.unit == COUNT:
        return _("%(value)s per month") % {"value": text}
    return text


def unit_hint(kpi: Kpi) -> str:
    """What a target for `kpi` is entered in: shown next to the value field."""
    if kpi.unit == PERCENT:
        return _("%, from 0 to 100")
    if kpi.unit == SCORE:
        return _("average on the scale 1-10")
    if kpi.unit == PER_WEEK:
        return _("per week")
    return _("number per month")


def target_shown(target: Target) -> str:
    """The target with its direction: "at least 75 %" or "at most 6 %"."""
    kpi = BY_KEY[target.kpi]
    number = target.value
    value = _with_unit(kpi, int(number) if number == int(number) else float(number))
    if kpi.higher_is_better:
        return _("at least %(value)s") % {"value": value}
    return _("at most %(value)s") % {"value": value}


def scope_label(target: Target) -> str:
    return target.team.name if target.team is not None else _("the whole job centre")
