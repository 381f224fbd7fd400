"""Dates a CV can hold: nothing before 1940, nothing that has not happened yet where the entry
is about the past, and no far-future end dates."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1940, 1, 1)
#: How far ahead an expected end (of an education, of a certificate) may lie.
YEARS_AHEAD = 10


def not_before_1940(value: date) -> None:
    if value < EARLIEST:
        raise ValidationError(_("The date must be in 1940 or later."), code="too_early")


def not_in_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


def not_far_ahead(value: date) -> None:
    today = timezone.localdate()
    if value > today.replace(year=today.year + YEARS_AHEAD, day=1):
        raise ValidationError(
            _("The date cannot be more than %(years)s years ahead."),
            code="far_future",
            params={"years": YEARS_AHEAD},
        )
