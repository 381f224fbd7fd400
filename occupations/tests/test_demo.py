import io
import random

import pytest

from occupations import demo
from occupations.models import LabourBalance, Occupation

pytestmark = pytest.mark.django_db


def test_the_demo_balance_is_seeded_once():
    out = io.StringIO()
    demo.seed(random.Random(1), out)
    demo.seed(random.Random(1), out)
    assert LabourBalance.objects.count() == 2 * Occupation.objects.count()
    assert "0 created, 0 updated" in out.getvalue().splitlines()[-1]
