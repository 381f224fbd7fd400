import uuid

from django.urls import reverse

from audit.models import LookupLog
from citizens.models import Citizen

CREATE = "/borgere/opret/"


def form_data(**overrides):
    values = {
        "name": "Mette Kirstine Hansen",
        "cpr": "010190-1234",
        "email": "mette@example.dk",
        "benefit_type": "dagpenge",
        "target_group": "jobparat",
        "registered_on": "2026-10-01",
        "mobile": "20 12 34 56",
        "submission_token": str(uuid.uuid4()),
    }
    return {**values, **overrides}


def test_consultant_registers_a_citizen(client, consultant):
    client.force_login(consultant)
    response = client.post(CREATE, form_data())
    citizen = Citizen.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:detail", args=[citizen.public_id])
    assert citizen.mobile == "+4520123456"
    assert "0101901234" not in response["Location"]


def test_double_click_makes_one_citizen(client, consultant):
    client.force_login(consultant)
    data = form_data()
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    assert Citizen.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_bad_input_gets_danish_messages_and_nothing_is_saved(client, consultant):
    client.force_login(consultant)
    response = client.post(
        CREATE,
        form_data(name="<b>" + "x" * 250, cpr="321390-1234", mobile="123", email="ikke-en-mail"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Indtast et gyldigt CPR-nummer" in body
    assert "højst have 200 tegn" in body
    assert "Indtast et dansk mobilnummer" in body
    assert "Skriv e-mail som en e-mailadresse" in body
    assert Citizen.objects.count() == 0
    assert 'value="321390-1234"' in body  # what was typed is kept


def test_html_in_a_name_is_refused(client, consultant):
    client.force_login(consultant)
    response = client.post(CREATE, form_data(name="<script>alert(1)</script>"))
    assert response.status_code == 400
    assert "må ikke indeholde HTML" in response.content.decode()
    assert Citizen.objects.count() == 0


def test_duplicate_cpr_is_explained(client, consultant, citizen):
    client.force_login(consultant)
    response = client.post(CREATE, form_data(cpr=citizen.cpr))
    assert response.status_code == 400
    assert "allerede oprettet" in response.content.decode()


def test_business_consultant_may_not_register_citizens(client, centre):
    from accounts.models import Role
    from accounts.tests.factories import StaffFactory

    client.force_login(StaffFactory(job_centre=centre, role=Role.BUSINESS_CONSULTANT))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403
    assert Citizen.objects.count() == 0


def test_search_by_cpr_is_a_post_and_finds_by_hash(client, consultant, citizen, other_citizen):
    client.force_login(consultant)
    response = client.post("/borgere/", {"query": f"{citizen.cpr[:6]}-{citizen.cpr[6:]}"})
    body = response.content.decode()
    assert citizen.user.name in body
    assert other_citizen.user.name not in body
    assert citizen.cpr not in body


def test_search_by_name_with_htmx_returns_the_partial(client, consultant, citizen):
    client.force_login(consultant)
    response = client.post("/borgere/", {"query": citizen.user.name[:4]}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert citizen.user.name in body
    assert "<html" not in body


def test_staff_search_never_reaches_another_centre(client, other_consultant, citizen):
    client.force_login(other_consultant)
    body = client.post("/borgere/", {"query": citizen.cpr}).content.decode()
    assert citizen.user.name not in body


def test_detail_shows_masked_cpr_and_logs_the_lookup(client, consultant, citizen):
    client.force_login(consultant)
    response = client.get(
        reverse("citizens:detail", args=[citizen.public_id]) + "?formaal=preparation"
    )
    body = response.content.decode()
    assert f"{citizen.cpr[:6]}-XXXX" in body
    assert citizen.cpr not in body
    entry = LookupLog.objects.get()
    assert (entry.actor, entry.citizen, entry.subject, entry.purpose) == (
        consultant,
        citizen,
        "profile",
        "preparation",
    )


def test_correction_by_staff(client, consultant, citizen):
    client.force_login(consultant)
    url = reverse("citizens:update", args=[citizen.public_id])
    assert client.get(url).status_code == 200
    data = form_data(name="Rettet Navn", target_group="aktivitetsparat")
    response = client.post(url, data)
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.user.name == "Rettet Navn" and citizen.target_group == "aktivitetsparat"
    assert LookupLog.objects.filter(subject="profile_edit", purpose="correction").count() == 1


def test_citizen_updates_own_contact_details(client, citizen):
    client.force_login(citizen.user)
    assert client.get("/mine-oplysninger/").status_code == 200
    response = client.post(
        "/mine-oplysninger/kontakt/", {"email": "ny@example.dk", "mobile": "31 22 33 44"}
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.mobile == "+4531223344" and citizen.user.email == "ny@example.dk"


def test_citizen_contact_with_bad_mobile_keeps_the_old_one(client, citizen):
    client.force_login(citizen.user)
    response = client.post("/mine-oplysninger/kontakt/", {"email": "ny@example.dk", "mobile": "12"})
    assert response.status_code == 400
    citizen.refresh_from_db()
    assert citizen.mobile == "+4520123456" and citizen.user.email != "ny@example.dk"


def test_empty_choices_read_choose_in_danish(client, consultant):
    client.force_login(consultant)
    body = client.get(CREATE).content.decode()
    assert ">Vælg</option>" in body and "---------" not in body


def test_low_motivation_is_recorded_by_staff_and_shown_to_the_citizen(client, consultant, citizen):
    client.force_login(consultant)
    url = reverse("citizens:update", args=[citizen.public_id])
    data = form_data(low_motivation="on", long_unemployment_history="on")
    assert client.post(url, data).status_code == 302
    citizen.refresh_from_db()
    assert citizen.low_motivation and citizen.long_unemployment_history
    client.force_login(citizen.user)
    page = client.get("/mine-oplysninger/").content.decode()
    assert "lav motivation" in page and "lang ledighedshistorik" in page
