"""Demo second factor: every demo member of staff gets a confirmed authenticator-app device
with the same public key, so that the demo can be logged into without a phone:
`manage.py demo_totp <username>` prints the code the app would show. See seed_demo.

Never use this key for a real account: it is in the source code."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo_totp import DEMO_TOTP_KEY
from accounts.models import STAFF_ROLES, User

DEMO_DEVICE_NAME = "Demo-app"


def seed(rng, stdout) -> None:
    staff = User.objects.filter(role__in=STAFF_ROLES).exclude(totpdevice__isnull=False)
    devices = [
        TOTPDevice(user=user, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True)
        for user in staff
    ]
    TOTPDevice.objects.bulk_create(devices)
    stdout.write(f"  demo authenticator apps: {len(devices)} (manage.py demo_totp <username>)")
