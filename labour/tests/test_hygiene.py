"""common.hygiene on labour's models (moved from common/tests/test_hygiene.py: common sits
below labour, docs/ARCHITECTURE.md "Layers")."""

import pytest
from django import forms

from common import hygiene
from common.forms import Form
from labour.models import Industry, JobOpening


def test_a_model_field_brings_its_column_and_validators():
    assert hygiene.integer_bounds(JobOpening._meta.get_field("positions")) == (1, 999)
    assert hygiene.integer_bounds(JobOpening._meta.pk) == (
        -(2**63),
        2**63 - 1,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("key", [str(2**63), str(-(2**63) - 1), "9" * 30])
def test_a_model_choice_beyond_any_key_is_an_invalid_choice(key):
    """Found by tests/security/test_fuzz.py: SQLite cannot look such a number up at all."""

    class Choose(Form):
        one = forms.ModelChoiceField(Industry.objects.all(), required=False)
        many = forms.ModelMultipleChoiceField(Industry.objects.all(), required=False)

    form = Choose({"one": key, "many": [key]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}
