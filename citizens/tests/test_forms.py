"""The citizen form (moved from common/tests/test_forms.py: it uses the citizens' form)."""

import pytest

from accounts.models import Role
from accounts.tests.factories import StaffFactory
from citizens.forms import CitizenForm, ContactForm
from citizens.tests.factories import CitizenFactory


@pytest.mark.django_db
def test_a_queryset_narrowed_after_the_form_is_built_is_what_the_select_shows(centre, other_centre):
    """The empty label must not freeze a model select's choices: a form that narrows the
    consultants to its job centre shows no one from another centre."""
    ours = StaffFactory(job_centre=centre, role=Role.JOB_CONSULTANT, name="Vores Konsulent")
    StaffFactory(job_centre=other_centre, role=Role.JOB_CONSULTANT, name="Fremmed Konsulent")
    field = CitizenForm(job_centre=centre).fields["responsible_consultant"]
    labels = [label for _, label in field.choices]
    assert labels[1:] == [str(ours)]


def test_the_citizens_own_e_mail_is_asked_for_by_name(db):
    form = ContactForm({"email": "ikke en adresse", "mobile": ""}, instance=CitizenFactory())
    assert not form.is_valid()
    assert form.errors["email"] == ["Skriv din e-mail som fx navn@eksempel.dk"]
