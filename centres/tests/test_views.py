import uuid

from accounts.models import Role, User
from accounts.tests.factories import StaffFactory
from centres.models import Team
from centres.tests.factories import TeamFactory


def test_admin_changes_the_centres_settings(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/indstillinger/").status_code == 200
    response = client.post(
        "/indstillinger/",
        {
            "address": "Ny vej 2",
            "postcode": "2600",
            "town": "Glostrup",
            "hide_staff_names_in_lookup_log": "on",
            "staff_session_timeout_minutes": "20",
            "citizen_session_timeout_minutes": "30",
            "long_unemployment_months": "9",
            "travel_radius_with_car_km": "35",
            "travel_radius_without_car_km": "15",
            "phone": "43 23 60 00",
            "email": "jobcenter@example.dk",
            "opening_hours": "Mandag-fredag 9-15",
            "quiet_hours_start": "21:00",
            "quiet_hours_end": "08:00",
            "reminder_lead_hours": "24",
            "small_number_threshold": "5",
            "coservice_idle_minutes": "10",
        },
    )
    assert response.status_code == 302
    admin_user.job_centre.refresh_from_db()
    assert admin_user.job_centre.hide_staff_names_in_lookup_log
    assert admin_user.job_centre.staff_session_timeout_minutes == 20
    assert admin_user.job_centre.long_unemployment_months == 9
    assert admin_user.job_centre.travel_radius_with_car_km == 35
    assert admin_user.job_centre.phone == "43 23 60 00"
    assert admin_user.job_centre.quiet_hours_start.hour == 21


def test_settings_refuse_out_of_range_values_in_danish(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/indstillinger/",
        {
            "staff_session_timeout_minutes": "1",
            "citizen_session_timeout_minutes": "30",
            "long_unemployment_months": "12",
            "travel_radius_with_car_km": "40",
            "travel_radius_without_car_km": "0",
            "quiet_hours_start": "22:00",
            "quiet_hours_end": "09:00",
            "reminder_lead_hours": "24",
            "small_number_threshold": "5",
            "coservice_idle_minutes": "10",
        },
    )
    assert response.status_code == 400
    assert "skal være et helt tal fra 5 til 480" in response.content.decode()
    assert "skal være et helt tal fra 1 til 200" in response.content.decode()
    admin_user.job_centre.refresh_from_db()
    assert admin_user.job_centre.staff_session_timeout_minutes == 30


def test_only_administrators_reach_settings(client, consultant):
    client.force_login(consultant)
    for url in ["/indstillinger/", "/indstillinger/medarbejdere/", "/indstillinger/teams/"]:
        assert client.get(url).status_code == 403


def test_admin_creates_staff_once_with_a_strong_password(client, admin_user):
    client.force_login(admin_user)
    team = TeamFactory(job_centre=admin_user.job_centre)
    data = {
        "username": "ny.konsulent",
        "name": "Ny Konsulent",
        "email": "ny@example.dk",
        "role": Role.JOB_CONSULTANT,
        "team": team.pk,
        "password": "en-lang-og-god-kode-42",
        "submission_token": str(uuid.uuid4()),
    }
    assert client.post("/indstillinger/medarbejdere/opret/", data).status_code == 302
    assert client.post("/indstillinger/medarbejdere/opret/", data).status_code == 302
    user = User.objects.get(username="ny.konsulent")
    assert user.job_centre == admin_user.job_centre and user.team == team
    assert user.check_password("en-lang-og-god-kode-42")


def test_weak_password_and_taken_username_are_explained(client, admin_user, consultant):
    client.force_login(admin_user)
    data = {
        "username": consultant.username,
        "name": "X",
        "role": Role.JOB_CONSULTANT,
        "password": "demo",
        "submission_token": str(uuid.uuid4()),
    }
    body = client.post("/indstillinger/medarbejdere/opret/", data).content.decode()
    assert "Brugernavnet er optaget" in body
    data["username"] = "helt-ny"
    body = client.post("/indstillinger/medarbejdere/opret/", data).content.decode()
    assert "for kort" in body
    assert not User.objects.filter(username="helt-ny").exists()


def test_admin_cannot_pick_a_team_of_another_centre(client, admin_user, other_centre):
    client.force_login(admin_user)
    foreign = TeamFactory(job_centre=other_centre)
    member = StaffFactory(job_centre=admin_user.job_centre)
    response = client.post(
        f"/indstillinger/medarbejdere/{member.pk}/",
        {
            "name": member.name,
            "role": Role.TEAM_LEADER,
            "team": foreign.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.team is None and member.role == Role.JOB_CONSULTANT


def test_admin_deactivates_staff(client, admin_user, consultant):
    client.force_login(admin_user)
    response = client.post(
        f"/indstillinger/medarbejdere/{consultant.pk}/",
        {
            "name": consultant.name,
            "role": Role.JOB_CONSULTANT,
        },
    )
    assert response.status_code == 302
    consultant.refresh_from_db()
    assert not consultant.is_active


def test_admin_creates_and_renames_teams(client, admin_user):
    client.force_login(admin_user)
    token = str(uuid.uuid4())
    client.post("/indstillinger/teams/", {"name": "Ungeteam", "submission_token": token})
    client.post("/indstillinger/teams/", {"name": "Ungeteam", "submission_token": token})
    team = Team.objects.get()
    client.post(f"/indstillinger/teams/{team.pk}/", {"name": "Unge under 30"})
    team.refresh_from_db()
    assert team.name == "Unge under 30"


def test_duplicate_team_name_is_explained(client, admin_user):
    client.force_login(admin_user)
    TeamFactory(job_centre=admin_user.job_centre, name="Ungeteam")
    response = client.post(
        "/indstillinger/teams/", {"name": "Ungeteam", "submission_token": str(uuid.uuid4())}
    )
    assert response.status_code == 400
    assert Team.objects.count() == 1
