import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from audit.models import LookupLog


def test_a_staff_lookup_shows_on_the_citizens_page(client, consultant, citizen):
    client.force_login(consultant)
    client.get(reverse("citizens:detail", args=[citizen.public_id]))
    client.force_login(citizen.user)
    body = client.get(reverse("audit:own_lookups")).content.decode()
    assert "Hvem har set mine oplysninger" in body
    assert consultant.name in body
    assert "Jobkonsulent" in body
    assert "Stamoplysninger" in body and "Sagsbehandling" in body


def test_staff_names_are_hidden_when_the_centre_says_so(client, consultant, citizen):
    centre = citizen.job_centre
    centre.hide_staff_names_in_lookup_log = True
    centre.save()
    client.force_login(consultant)
    client.get(reverse("citizens:detail", args=[citizen.public_id]))
    client.force_login(citizen.user)
    body = client.get(reverse("audit:own_lookups")).content.decode()
    assert consultant.name not in body
    assert "En medarbejder" in body and "Jobkonsulent" in body


def test_a_citizen_sees_only_their_own_lookups(client, consultant, citizen, other_citizen):
    client.force_login(consultant)
    client.get(reverse("citizens:detail", args=[other_citizen.public_id]))
    client.force_login(citizen.user)
    body = client.get(reverse("audit:own_lookups")).content.decode()
    assert "Ingen på jobcentret har åbnet dine oplysninger endnu" in body


def test_staff_have_no_own_lookups_page(client, consultant):
    client.force_login(consultant)
    assert client.get(reverse("audit:own_lookups")).status_code == 403


def test_the_database_refuses_to_change_a_log_line(consultant, citizen):
    entry = LookupLog.objects.create(
        actor=consultant,
        actor_role="job_consultant",
        job_centre=consultant.job_centre,
        citizen=citizen,
        subject="profile",
        purpose="casework",
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        LookupLog.objects.filter(pk=entry.pk).update(purpose="preparation")
    entry.refresh_from_db()
    assert entry.purpose == "casework"
