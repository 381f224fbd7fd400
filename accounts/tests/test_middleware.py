"""accounts.middleware.SecondFactorMiddleware: the absolute session lifetime and what an
unverified member of staff may still reach."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.two_factor import LOGIN_AT

LOGIN = reverse("accounts:login")


def logged_in_ago(client, seconds: int) -> None:
    """Moves the session's login time into the past (the idle timeout, which the session's
    own expiry enforces, would end a session left alone for hours before this check)."""
    session = client.session
    session[LOGIN_AT] = int((timezone.now() - timedelta(seconds=seconds)).timestamp())
    session.save()


@pytest.mark.parametrize("who", ["consultant", "citizen"])
def test_the_absolute_lifetime_ends_the_session_whatever_the_activity(
    request, client, settings, who
):
    settings.SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60
    user = request.getfixturevalue(who)
    user = getattr(user, "user", user)
    client.force_login(user)
    assert isinstance(client.session[LOGIN_AT], int)
    logged_in_ago(client, 10 * 60 * 60 - 60)  # active until just before: still in
    assert client.get("/").status_code == 200
    logged_in_ago(client, 10 * 60 * 60 + 1)
    response = client.get("/borgere/?q=x")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/borgere/%3Fq%3Dx"
    assert "_auth_user_id" not in client.session  # flushed
    page = client.get(response["Location"])
    assert [m.level_tag for m in get_messages(page.wsgi_request)] == ["info"]
    assert client.get("/").status_code == 302


def test_an_api_call_after_the_lifetime_is_a_json_401(client, consultant, settings):
    client.force_login(consultant)
    logged_in_ago(client, settings.SESSION_ABSOLUTE_SECONDS + 1)
    response = client.get("/api/v1/topics")
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session


def test_a_session_without_a_login_time_starts_its_clock(client, consultant, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 60  # well inside the 30-minute idle timeout
    client.force_login(consultant)
    session = client.session
    del session[LOGIN_AT]
    session.save()
    assert client.get("/").status_code == 200
    started = client.session[LOGIN_AT]
    assert abs(started - timezone.now().timestamp()) < 60
    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(seconds=30)
    ):
        assert client.get("/").status_code == 200
    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(seconds=120)
    ):
        response = client.get("/")
    assert response["Location"] == f"{LOGIN}?next=/"
    assert "_auth_user_id" not in client.session


@pytest.mark.unverified
def test_an_unverified_member_of_staff_may_still_log_out_switch_language_and_be_checked(
    client, consultant
):
    client.force_login(consultant)
    assert client.get(reverse("health")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("accounts:two_factor_enrol")).status_code == 200
    assert client.get(reverse("accounts:two_factor_status"))["Location"].startswith(
        reverse("accounts:two_factor_enrol")
    )
    assert client.post(reverse("accounts:logout"))["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


@pytest.mark.unverified
def test_an_htmx_request_is_sent_to_the_verify_step_by_hx_redirect(client, consultant):
    client.force_login(consultant)
    response = client.get("/borgere/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:two_factor_enrol"))


@pytest.mark.unverified
def test_before_the_second_factor_the_menu_leads_nowhere(client, consultant):
    client.force_login(consultant)
    page = client.get(reverse("accounts:two_factor_enrol"))
    assert page.status_code == 200
    assert page.context["nav_items"] == []
    assert reverse("citizens:list") not in page.content.decode()
