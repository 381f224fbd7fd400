"""`manage.py lix`: the LIX of every citizen page's main text, as the demo citizen sees it.

Renders each page through the test client (nothing is sent anywhere; no page is changed: only
GET requests), logged in as the demo citizen (`--username`, default "borger"), and prints the
LIX per page with its words and sentences; `--longest N` shows the longest sentences of the
pages above the limit. Needs the demo data (`manage.py seed_demo`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import override_settings

from citizens.models import Citizen
from common import lix
from demo.citizen_pages import citizen_pages


class Command(BaseCommand):
    help = "Prints the LIX (readability) of every citizen page's main text."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="borger")
        parser.add_argument("--longest", type=int, default=2)
        parser.add_argument("--limit", type=float, default=lix.LIMIT)

    def handle(self, *args, username, longest, limit, **options):
        citizen = Citizen.objects.filter(user__username=username).select_related("user").first()
        if citizen is None:
            raise CommandError(f"No citizen with the username {username!r}: run seed_demo.")
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(ALLOWED_HOSTS=hosts):
            client = Client(HTTP_ACCEPT_LANGUAGE="da")
            client.force_login(citizen.user)
            above = 0
            for name, url in citizen_pages(client, citizen):
                figure = lix.page_lix(client.get(url).content.decode())
                flag = "  ABOVE" if figure.score > limit else ""
                above += bool(flag)
                self.stdout.write(
                    f"{figure.score:5.1f}  {name:<34} {url}  "
                    f"({figure.words} words, {figure.sentences} sentences){flag}"
                )
                if flag:
                    for sentence in figure.longest(longest):
                        self.stdout.write(f"         | {sentence}")
        self.stdout.write(f"{above} page(s) above LIX {limit:g}.")
