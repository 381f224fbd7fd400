"""Makes an API token for a user and prints it once: only its hash is kept."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.services import api_token_create


class Command(BaseCommand):
    help = "Creates an API token for USERNAME and prints it once (it cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for.")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username!r} is not active; the token would not work.")
        token, secret = api_token_create(user=user, name=name)
        self.stderr.write(
            f"Token {token.name!r} for {username} (starts with {token.key_prefix}). "
            "Store it now: it cannot be shown again."
        )
        self.stdout.write(secret)
