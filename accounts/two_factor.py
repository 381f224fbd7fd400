"""The staff's second factor (django-otp): an authenticator app (TOTP) and one-time recovery
codes (a static device). Reads and writes for accounts.views and accounts.middleware.

A session counts as verified when django-otp verified it (`user.is_verified()`) or when the
identity provider asserted multi-factor authentication (`session["mfa_by_idp"]`, set by sso).
"""

import logging
import math
from base64 import b32encode
from dataclasses import dataclass

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SECOND_FACTOR_ROLES, User

logger = logging.getLogger(__name__)

#: Session keys: when the login happened (seconds since the epoch, for the absolute lifetime),
#: the identity provider's word on multi-factor authentication, and recovery codes to show once.
LOGIN_AT = "login_at"
#: Session key: when the session was last saved to renew its sliding expiry (epoch seconds,
#: accounts.middleware.SessionMiddleware); a login saves it, so the login sets it too.
TOUCHED_AT = "touched_at"
MFA_BY_IDP = "mfa_by_idp"
NEW_RECOVERY_CODES = "two_factor_new_codes"

APP_DEVICE_NAME = "Autentificeringsapp"
RECOVERY_DEVICE_NAME = "Gendannelseskoder"


def requires_second_factor(user) -> bool:
    """Every member of staff, every guest of the method and every superuser; citizens log in
    through MitID in production."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or getattr(user, "role", None) in SECOND_FACTOR_ROLES)
    )


def session_is_verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool((is_verified is not None and is_verified()) or request.session.get(MFA_BY_IDP))


def device_known_to_user(user, persistent_id: str) -> bool:
    """Whether the device the session names (django-otp's persistent id) is one the user's row
    names as confirmed (accounts.backends.UserBackend reads their ids with the user), so that
    no query for it is needed. False when the row does not say (another backend)."""
    label, _, pk = persistent_id.rpartition("/")
    known = {
        TOTPDevice.model_label(): getattr(user, "confirmed_app_device_pk", None),
        StaticDevice.model_label(): getattr(user, "confirmed_recovery_device_pk", None),
    }.get(label)
    return known is not None and str(known) == pk


def confirmed_app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def safe_next(request: HttpRequest, target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (no open redirect)."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def secret_for_display(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, as an authenticator app asks for it."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// URL as an inline SVG QR code: presentation attributes only, no style
    attribute (the CSP forbids inline styles)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=title, dark="#000", light="#fff", svgclass="two-factor-qr"
    )


def app_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed app device the enrolment page shows (the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class Verification:
    """The outcome of a code: the device that accepted it, or how long to wait (throttled)."""

    device: Device | None = None
    wait_seconds: int = 0


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _try(device: Device, code: str) -> Verification:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        locked_until = (info or {}).get("locked_until")
        wait = (locked_until - timezone.now()).total_seconds() if locked_until else 1
        return Verification(wait_seconds=max(1, math.ceil(wait)))
    if device.verify_token(code):
        return Verification(device=device)
    return Verification()


def code_verify(*, user: User, code: str, recovery_allowed: bool = True) -> Verification:
    """Checks a six-digit code from the app, or (when allowed) a recovery code, which is then
    used up. Wrong codes count towards django-otp's throttling of the device."""
    code = _normalise(code)
    with transaction.atomic():
        if code.isdigit() and len(code) == 6:
            device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        elif recovery_allowed:
            device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        else:
            return Verification()
        found = device.first()
        return _try(found, code) if found is not None else Verification()


def code_failure_record(*, request: HttpRequest, user: User) -> None:
    """A wrong (or throttled) code at the login's second step: logged like a wrong password
    (a warning with the user name and the address) and counted by django-axes towards the same
    lockout (5 failures of password or code per user name and address)."""
    username = user.get_username()
    logger.warning(
        "second factor: wrong code username=%s address=%s",
        username,
        get_client_ip_address(request),
    )
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    if getattr(request, "axes_locked_out", False):  # that was the last try: the login ends
        logout(request)


def second_factor_locked_out(*, request: HttpRequest, user: User) -> bool:
    """True, and the half-made login ended, when the user name is locked out from this
    address: the code page then answers as the login page does (django-axes' lockout)."""
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_locked(request, credentials):
        return False
    logout(request)
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    return True


def app_device_confirm(*, device: TOTPDevice, code: str) -> Verification:
    """Confirms a pending app device with the first code it shows."""
    code = _normalise(code)
    with transaction.atomic():
        result = _try(device, code) if code.isdigit() and len(code) == 6 else Verification()
        if result.device is not None:
            TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    return result


def recovery_codes_regenerate(*, user: User) -> list[str]:
    """A fresh set of recovery codes; the old ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def second_factor_reset(*, user: User, by: User) -> None:
    """Removes a staff member's app and recovery codes: they enrol again at their next login,
    and a session they verified with the removed device is no longer verified."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.info("second factor reset: user_id=%s by_user_id=%s", user.pk, by.pk)


def record_login_time(sender, request: HttpRequest, user: User, **kwargs) -> None:
    """user_logged_in receiver: every login (the form, single sign-on, tests' force_login)
    starts the absolute session lifetime that accounts.middleware enforces, and its idle
    expiry's renewal clock (the login saves the session)."""
    if request is not None and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session[LOGIN_AT] = now
        request.session[TOUCHED_AT] = now
