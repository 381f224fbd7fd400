"""A member of staff sets up the second factor, saves the recovery codes, logs out and logs in
again with a code from the app; the enrolment and verify pages pass axe."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, StaffFactory, next_code
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def password_step(page, username: str) -> None:
    page.goto("/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_staff_enrols_saves_codes_and_logs_in_again_with_a_code(page, centre, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below needs no wait before the right
    StaffFactory(job_centre=centre, username="ny-konsulent", name="Nina Ny")
    password_step(page, "ny-konsulent")
    page.wait_for_url("**/konto/totrin/opsaet/**")
    expect(page.locator("svg.two-factor-qr")).to_be_visible()
    assert page.locator("svg.two-factor-qr [style]").count() == 0
    assert axe_violations(page) == []

    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.locator("input[name=code]").fill(f"{TOTP(key).token():06d}")
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/konto/totrin/koder/**")
    codes = page.locator("ul.two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    page.locator("main a.button-primary").click()
    page.wait_for_url("**/")
    expect(page.locator("h1")).to_contain_text("Nina Ny")

    page.locator("header .portal-user button.log-off").click()
    page.wait_for_url("**/konto/log-ind/")
    password_step(page, "ny-konsulent")
    page.wait_for_url("**/konto/totrin/bekraeft/**")
    assert axe_violations(page) == []
    page.locator("input[name=code]").fill("000000")
    page.locator("main form[action$='/bekraeft/'] button[type=submit]").click()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    device = TOTPDevice.objects.get(user__username="ny-konsulent", confirmed=True)
    page.locator("input[name=code]").fill(next_code(device))
    page.locator("main form[action$='/bekraeft/'] button[type=submit]").click()
    page.wait_for_url("**/")
    expect(page.locator("h1")).to_contain_text("Nina Ny")
