"""Prints the code a demo user's authenticator app would show now (demo data only)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Prints the current six-digit second-factor code of a demo staff user (seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        device = TOTPDevice.objects.filter(
            user__username=username, confirmed=True, key=DEMO_TOTP_KEY
        ).first()
        if device is None:
            raise CommandError(
                f"{username!r} has no demo authenticator app: this command only shows codes "
                "for the demo key that seed_demo sets, never a real account's."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
