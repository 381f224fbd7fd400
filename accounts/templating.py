"""Template helpers of accounts (config/jinja2.py makes them globals): the policy
(`{% if can(user, "citizen.create") %}`, `user|can("...")`, `can_on(user, "citizen.edit",
citizen)`) and the authenticator app's QR code."""

from django.utils.translation import gettext
from markupsafe import Markup

from accounts import policy
from accounts.two_factor import qr_svg


def can(user, action: str) -> bool:
    return policy.can(user, action)


def can_on(user, action: str, obj) -> bool:
    return policy.can(user, action, obj)


def qr_code(device) -> Markup:
    """`{{ qr_code(device) }}`: the device's otpauth:// URL as an inline SVG QR code, in
    segno's own markup."""
    return Markup(qr_svg(device, gettext("QR code for your authenticator app")))  # noqa: S704
