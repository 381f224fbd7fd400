"""The demo staff's authenticator app, without Django: the key every demo member of staff
shares (accounts.demo) and the code it shows, for `manage.py demo_totp` and for the load and
fault harnesses, which log in as demo staff from processes that never set Django up.

Never use this key for a real account: it is in the source code."""

import time
from binascii import unhexlify

from django_otp.oath import hotp

#: 20 bytes, hex (django-otp's format); base32 JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP for an app.
DEMO_TOTP_KEY = "48656c6c6f21deadbeef48656c6c6f21deadbeef"
STEP = 30


def demo_code(ahead: int = 0, now: float | None = None) -> str:
    """The code the demo app shows now, or `ahead` steps later (django-otp accepts one step
    ahead, and each step once per person, so a second login in the same 30 s takes the next)."""
    moment = (time.time() if now is None else now) + ahead * STEP
    return f"{hotp(unhexlify(DEMO_TOTP_KEY), int(moment // STEP), 6):06d}"


def retry_wait(attempt: int, now: float | None = None) -> float:
    """Seconds to wait after a refused code before the next try: past django-otp's throttle
    (1, 2, 4 ... s after each failure) and, after the code one step ahead, into a new step."""
    throttle = 2**attempt + 0.1
    if attempt % 2 == 0:
        return throttle
    return max(throttle, STEP - ((time.time() if now is None else now) % STEP) + 0.1)
