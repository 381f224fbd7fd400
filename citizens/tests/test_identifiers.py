import pytest
from django.core.exceptions import ValidationError

from citizens.identifiers import cpr_normalise, mobile_display, mobile_normalise


@pytest.mark.parametrize("value", ["010190-1234", "0101901234", " 010190 1234 "])
def test_valid_cpr_numbers_normalise_to_ten_digits(value):
    assert cpr_normalise(value.strip()) == "0101901234"


@pytest.mark.parametrize("value", ["3213901234", "12345", "abcdefghij", "010190-12345"])
def test_invalid_cpr_numbers_are_refused_in_danish(value):
    with pytest.raises(ValidationError) as info:
        cpr_normalise(value)
    assert "CPR-nummer" in str(info.value.messages[0])


@pytest.mark.parametrize("value", ["20123456", "+45 20 12 34 56", "2012 3456"])
def test_danish_mobile_numbers(value):
    assert mobile_normalise(value) == "+4520123456"
    assert mobile_display("+4520123456") == "20 12 34 56"


@pytest.mark.parametrize("value", ["1234", "+46701234567", "telefon"])
def test_other_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        mobile_normalise(value)
