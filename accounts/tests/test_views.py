import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.tests.factories import PASSWORD, StaffFactory

LOGIN = "/konto/log-ind/"


def login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_anonymous_users_are_sent_to_the_login_page(client, db):
    for url in ["/", "/borgere/", "/mine-oplysninger/", "/indstillinger/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_login_page_is_danish(client, db):
    body = client.get(LOGIN).content.decode()
    assert 'lang="da"' in body
    assert "Log ind" in body and "Adgangskode" in body


def test_wrong_password_gets_a_danish_message_and_no_session(client, consultant):
    response = login(client, consultant.username, "forkert")
    assert response.status_code == 200
    assert "Brugernavnet eller adgangskoden er forkert" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_user_gets_the_same_message(client, db):
    response = login(client, "findes-ikke", "forkert")
    assert "Brugernavnet eller adgangskoden er forkert" in response.content.decode()


def test_lockout_after_five_failures(client, consultant):
    for _ in range(5):
        login(client, consultant.username, "forkert")
    response = login(client, consultant.username)  # even the right password is refused now
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_session_times_out_after_the_centres_inactivity_setting(client, consultant, citizen):
    centre = consultant.job_centre
    centre.staff_session_timeout_minutes = 20
    centre.citizen_session_timeout_minutes = 45
    centre.save()
    login(client, consultant.username)
    assert client.session.get_expiry_age() == 20 * 60
    client.logout()
    login(client, citizen.user.username)
    assert client.session.get_expiry_age() == 45 * 60


def test_logout_ends_the_session_on_the_server(client, consultant):
    login(client, consultant.username)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("accounts:logout")).status_code == 405  # POST only
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302


def test_menu_follows_the_policy(client, consultant, admin_user):
    client.force_login(consultant)
    body = client.get("/").content.decode()
    assert 'href="/borgere/"' in body and 'href="/indstillinger/"' not in body
    client.force_login(admin_user)
    assert 'href="/indstillinger/"' in client.get("/").content.decode()


def test_language_switch_to_english(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    assert response.status_code == 302
    body = client.get(LOGIN).content.decode()
    assert 'lang="en"' in body and "Log in" in body


def test_danish_even_when_the_browser_asks_for_english(client, db):
    body = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="da"' in body and "Log ind" in body


def test_only_the_deepest_menu_entry_is_active(client, citizen):
    client.force_login(citizen.user)
    response = client.get("/mine-oplysninger/hvem-har-set/")
    active = [item["label"] for item in response.context["nav_items"] if item["active"]]
    assert active == ["Hvem har set mine oplysninger"]


def test_a_section_page_shows_its_section_menu_and_marks_the_main_entry(client, consultant):
    client.force_login(consultant)
    response = client.get(reverse("labour:companies"))
    active = [item["label"] for item in response.context["nav_items"] if item["active"]]
    assert active == ["Arbejdsmarked"]
    section = response.context["section_items"]
    assert [i["label"] for i in section if i["active"]] == ["Virksomheder"]
    assert reverse("labour:wheel") in [i["url"] for i in section]
    assert client.get("/").context["section_items"] == []


@pytest.mark.django_db(transaction=True)
def test_the_password_is_checked_outside_a_transaction(client, centre, monkeypatch):
    """Checking a password takes most of a second of CPU on purpose. Inside the request's
    transaction it held SQLite's write lock (transactions begin IMMEDIATE) for as long: with
    50 citizens logging in at once on `make run`, the last waited over 20 seconds and got
    "database busy" (503), and so did anyone just opening the login page."""
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db import connection

    seen = []
    check = AbstractBaseUser.check_password

    def recording(self, raw_password):
        seen.append(connection.in_atomic_block)
        return check(self, raw_password)

    monkeypatch.setattr(AbstractBaseUser, "check_password", recording)
    user = StaffFactory(job_centre=centre)
    response = login(client, user.username)
    assert response.status_code == 302
    assert seen == [False]
