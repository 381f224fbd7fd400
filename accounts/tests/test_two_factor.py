"""The staff's second factor: refusal without it, enrolment, verification, recovery codes,
throttling, the own status page and the administrator's reset."""

import logging
import re
from base64 import b32decode
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_TOTP_KEY
from accounts.models import STAFF_ROLES, Role
from accounts.tests.factories import (
    PASSWORD,
    StaffFactory,
    UserFactory,
    app_device_for,
    next_code,
)
from accounts.two_factor import recovery_codes_regenerate

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor_enrol")
CODES = reverse("accounts:two_factor_codes")
STATUS = reverse("accounts:two_factor_status")


def password_login(client, user):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD})


def english(client):
    """Error texts are checked in English (the Danish catalogue is merged separately)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def code_errors(response) -> list[str]:
    return list(response.context["form"].errors.get("code", []))


def is_verified(client) -> bool:
    response = client.get(reverse("dashboard:home"))
    return response.status_code == 200


# --- Refusal without the second factor -----------------------------------------------------


@pytest.mark.unverified
@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
@pytest.mark.parametrize("with_app", [False, True])
def test_staff_pages_are_refused_without_the_second_factor(client, centre, role, with_app):
    user = StaffFactory(job_centre=centre, role=role)
    if with_app:
        app_device_for(user)
    client.force_login(user)
    target = VERIFY if with_app else ENROL
    for url in [reverse("dashboard:home"), reverse("citizens:list")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{target}?next="), url
    api = client.get("/api/v1/topics")
    assert api.status_code == 403
    assert "detail" in api.json()


@pytest.mark.unverified
def test_a_superuser_is_refused_too(client, db):
    user = UserFactory(role=Role.ADMINISTRATOR, job_centre=None, is_superuser=True, is_staff=True)
    client.force_login(user)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


def test_password_login_leads_to_verify_with_next_kept(client, consultant):
    device = app_device_for(consultant)
    response = client.post(
        f"{LOGIN}?next=/borgere/", {"username": "jc", "password": PASSWORD, "next": "/borgere/"}
    )
    assert response["Location"] == f"{VERIFY}?next=%2Fborgere%2F"
    assert client.get("/borgere/").status_code == 302  # not yet
    response = client.post(response["Location"], {"code": next_code(device)})
    assert response.status_code == 302 and response["Location"] == "/borgere/"
    assert client.get("/borgere/").status_code == 200


def test_a_citizen_is_not_asked(client, citizen):
    response = password_login(client, citizen.user)
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.get(VERIFY)["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert not TOTPDevice.objects.filter(user=citizen.user).exists()


def test_an_identity_providers_mfa_counts_as_verified(client, consultant):
    password_login(client, consultant)
    assert not is_verified(client)
    session = client.session
    session["mfa_by_idp"] = True
    session.save()
    assert is_verified(client)


# --- Enrolment ------------------------------------------------------------------------------


def test_enrolment_with_a_real_code_gives_ten_recovery_codes_shown_once(client, consultant):
    response = password_login(client, consultant)
    assert response["Location"] == f"{ENROL}?next=%2F"
    page = client.get(response["Location"])
    body = page.content.decode()
    svg = re.search(r"<svg.*?</svg>", body, re.S)
    assert svg and "style" not in svg.group(0)  # CSP: no inline style
    secret = page.context["secret"].replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    assert TOTPDevice.objects.get(user=consultant, confirmed=False).bin_key == key
    code = f"{TOTP(key).token():06d}"

    response = client.post(f"{ENROL}?next=%2F", {"code": code})
    assert response.status_code == 302 and response["Location"] == f"{CODES}?next=%2F"
    shown = client.get(response["Location"])
    codes = shown.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in shown.content.decode() for code in codes)
    assert shown["Cache-Control"] == "no-store"
    assert client.get(CODES)["Location"] == STATUS  # shown only once
    assert TOTPDevice.objects.get(user=consultant).confirmed
    assert is_verified(client)


def test_a_wrong_enrolment_code_is_refused_and_the_key_kept(client, consultant):
    password_login(client, consultant)
    english(client)
    first = client.get(ENROL).context["secret"]
    response = client.post(ENROL, {"code": "000000"})
    assert response.status_code == 200
    assert "The code is not right" in code_errors(response)[0]
    assert response.context["secret"] == first  # nothing lost: the same app set-up
    assert not TOTPDevice.objects.filter(user=consultant, confirmed=True).exists()
    assert not is_verified(client)


def test_enrolment_is_refused_once_an_app_is_confirmed(client, consultant):
    app_device_for(consultant)
    password_login(client, consultant)
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=consultant).count() == 1


# --- Verification -----------------------------------------------------------------------------


def test_a_wrong_code_is_refused_with_an_error(client, consultant):
    app_device_for(consultant)
    password_login(client, consultant)
    english(client)
    response = client.post(f"{VERIFY}?next=/borgere/", {"code": "12345x"})
    assert response.status_code == 200
    assert "The code is not right" in code_errors(response)[0]
    assert response.context["next"] == "/borgere/"  # nothing lost
    assert not is_verified(client)


def test_a_recovery_code_works_once_and_not_twice(client, consultant):
    app_device_for(consultant)
    code = recovery_codes_regenerate(user=consultant)[0]
    password_login(client, consultant)
    response = client.post(VERIFY, {"code": code.upper()})
    assert response.status_code == 302 and is_verified(client)
    assert StaticToken.objects.filter(device__user=consultant).count() == 9
    client.post(reverse("accounts:logout"))

    password_login(client, consultant)
    english(client)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200 and code_errors(response)
    assert not is_verified(client)


def test_repeated_wrong_codes_are_throttled(client, consultant):
    device = app_device_for(consultant)
    password_login(client, consultant)
    english(client)
    start = timezone.now()
    for n in range(3):  # each wrong code waits out the delay before it: 1, 2, 4 seconds
        with mock.patch("django.utils.timezone.now", return_value=start + timedelta(seconds=8 * n)):
            assert code_errors(client.post(VERIFY, {"code": "000000"}))
    device.refresh_from_db()
    assert device.throttling_failure_count == 3
    soon = start + timedelta(seconds=17)  # the fourth try must wait 4 s after the third
    with mock.patch("django.utils.timezone.now", return_value=soon):
        response = client.post(VERIFY, {"code": next_code(device)})  # right, but too soon
    assert "Too many wrong codes. Wait 3 seconds" in code_errors(response)[0]
    assert not is_verified(client)
    later = start + timedelta(seconds=21)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.post(VERIFY, {"code": next_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "http://testserver.evil/"]
)
def test_next_to_another_host_is_refused(client, consultant, next_url):
    device = app_device_for(consultant)
    password_login(client, consultant)
    response = client.post(f"{VERIFY}?next={next_url}", {"code": next_code(device)})
    assert response.status_code == 302 and response["Location"] == "/"


# --- Own page and the administrator's reset ---------------------------------------------------


def test_own_page_makes_new_recovery_codes_with_a_current_code(client, consultant):
    device = app_device_for(consultant)
    old = recovery_codes_regenerate(user=consultant)
    client.force_login(consultant)
    english(client)
    page = client.get(STATUS)
    assert page.context["codes_left"] == 10
    refused = client.post(STATUS, {"code": old[0]})  # a recovery code does not confirm this
    assert code_errors(refused)
    assert StaticToken.objects.filter(token=old[0]).exists()
    response = client.post(STATUS, {"code": next_code(device)})
    assert response["Location"] == CODES
    new = client.get(CODES).context["codes"]
    tokens = set(
        StaticToken.objects.filter(device__user=consultant).values_list("token", flat=True)
    )
    assert tokens == set(new) and not tokens & set(old)


def test_own_page_is_for_staff_only(client, citizen):
    client.force_login(citizen.user)
    assert client.get(STATUS).status_code == 403


def test_a_guest_asked_for_a_second_factor_may_renew_it_too(client, centre):
    """A guest of the method logs in with a second factor like staff, so their own page, where
    recovery codes are renewed, is theirs as well (it answered 403)."""
    guest = StaffFactory(role=Role.GUEST, job_centre=centre)
    device = app_device_for(guest)
    client.force_login(guest)
    assert client.get(STATUS).status_code == 200
    response = client.post(STATUS, {"code": next_code(device)})
    assert response["Location"] == CODES
    assert len(client.get(CODES).context["codes"]) == 10


def test_an_administrator_resets_a_staff_members_second_factor(
    client, admin_user, consultant, caplog
):
    app_device_for(consultant)
    recovery_codes_regenerate(user=consultant)
    client.force_login(admin_user)
    listing = client.get(reverse("accounts:two_factor_staff"))
    assert [m.has_app for m in listing.context["staff"] if m.pk == consultant.pk] == [True]
    url = reverse("accounts:two_factor_reset", args=[consultant.pk])
    assert client.get(url).status_code == 200
    with caplog.at_level(logging.INFO, logger="accounts.two_factor"):
        response = client.post(url)
    assert response["Location"] == reverse("accounts:two_factor_staff")
    assert not TOTPDevice.objects.filter(user=consultant).exists()
    assert not StaticToken.objects.filter(device__user=consultant).exists()
    assert f"user_id={consultant.pk} by_user_id={admin_user.pk}" in caplog.text
    assert consultant.name not in caplog.text  # ids only, no personal data

    client.logout()  # their next login enrols again
    password_login(client, consultant)
    assert client.get("/")["Location"].startswith(ENROL)


def test_only_an_administrator_of_the_same_centre_may_reset(
    client, consultant, other_consultant, admin_user
):
    app_device_for(consultant)
    url = reverse("accounts:two_factor_reset", args=[consultant.pk])
    client.force_login(other_consultant)
    assert client.get(reverse("accounts:two_factor_staff")).status_code == 403
    assert client.post(url).status_code == 403
    other_admin = StaffFactory(job_centre=other_consultant.job_centre, role=Role.ADMINISTRATOR)
    client.force_login(other_admin)
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=consultant).exists()


# --- Demo -----------------------------------------------------------------------------------


def test_demo_totp_prints_the_demo_apps_code_and_refuses_others(consultant, admin_user, capsys):
    device = app_device_for(consultant, key=DEMO_TOTP_KEY)
    call_command("demo_totp", "jc")
    printed = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", printed)
    assert device.verify_token(printed)
    app_device_for(admin_user)  # a random, real key
    with pytest.raises(CommandError, match="demo"):
        call_command("demo_totp", "adm")


def test_demo_seed_gives_staff_the_demo_app_and_citizens_none(consultant, admin_user, citizen):
    import io
    import random

    from accounts import demo

    demo.seed(random.Random(0), io.StringIO())
    demo.seed(random.Random(0), io.StringIO())  # twice: still one app each
    devices = TOTPDevice.objects.filter(key=DEMO_TOTP_KEY, confirmed=True)
    assert sorted(d.user.username for d in devices) == ["adm", "jc"]
    assert not TOTPDevice.objects.filter(user=citizen.user).exists()
