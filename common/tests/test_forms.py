import pytest
from django.core.exceptions import ValidationError

from common.forms import validate_no_html


@pytest.mark.parametrize("value", ["<b>Jens</b>", "Jens <script>alert(1)</script>", "a &lt; b"])
def test_html_is_refused(value):
    with pytest.raises(ValidationError) as info:
        validate_no_html(value)
    assert info.value.code == "html"


@pytest.mark.parametrize("value", ["Søren Ærø-Østergaard", "Anne-Marie O'Neill", "5 > 3 ok"])
def test_ordinary_names_pass(value):
    validate_no_html(value)
