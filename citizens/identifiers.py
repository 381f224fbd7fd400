"""CPR and mobile numbers: validated by python-stdnum and phonenumbers, normalised once."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumError

from common.crypto import keyed_hash


def cpr_normalise(value: str) -> str:
    """Returns the ten digits of a valid CPR number, or raises a Danish ValidationError."""
    try:
        return stdnum_cpr.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Enter a valid CPR number: 10 digits, such as 010190-1234."), code="invalid_cpr"
        ) from None


def cpr_hash(value: str) -> str:
    return keyed_hash(cpr_normalise(value))


def cpr_looks_like(value: str) -> bool:
    digits = value.replace("-", "").replace(" ", "")
    return len(digits) == 10 and digits.isdigit()


_MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def mobile_normalise(value: str) -> str:
    """Returns a Danish mobile number as E.164 (+45xxxxxxxx), or raises a ValidationError."""
    message = _("Enter a Danish mobile number of 8 digits, such as 20 12 34 56.")
    try:
        number = phonenumbers.parse(value, "DK")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid_mobile") from None
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "DK"
        or phonenumbers.number_type(number) not in _MOBILE_TYPES
    ):
        raise ValidationError(message, code="invalid_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mobile_display(value: str) -> str:
    """+4520123456 → 20 12 34 56"""
    if not value:
        return ""
    local = value.removeprefix("+45")
    return " ".join(local[i : i + 2] for i in range(0, len(local), 2))
