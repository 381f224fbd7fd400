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


@pytest.mark.django_db
def test_a_queryset_narrowed_after_the_form_is_built_is_what_the_select_shows(centre, other_centre):
    """The empty label must not freeze a model select's choices: a form that narrows the
    consultants to its job centre shows no one from another centre."""
    from accounts.models import Role
    from accounts.tests.factories import StaffFactory
    from citizens.forms import CitizenForm

    ours = StaffFactory(job_centre=centre, role=Role.JOB_CONSULTANT, name="Vores Konsulent")
    StaffFactory(job_centre=other_centre, role=Role.JOB_CONSULTANT, name="Fremmed Konsulent")
    field = CitizenForm(job_centre=centre).fields["responsible_consultant"]
    labels = [label for _, label in field.choices]
    assert labels[1:] == [str(ours)]
