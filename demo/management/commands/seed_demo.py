"""Demo data: "Jobcenter Demo" at the size of a mid-size job centre and a small
"Jobcenter Nord". Deterministic, and safe to run twice (a second run changes nothing)."""

import random
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from centres.models import JobCentre

#: Each feature adds its seeder here, in dependency order. A seeder is `seed(rng, stdout)`.
SEEDERS = [
    "centres.demo",
    "guidance.demo",
    "accounts.demo",  # the staff's demo authenticator app (after centres.demo makes the staff)
    "citizens.demo",
    "booking.demo",
    "coservice.demo",  # the helper at Brøndby Bibliotek, past co-service sessions
    "joblog.demo",
    "cv.demo",
    "plans.demo",
    "conversations.demo",
    "evaluations.demo",
    "occupations.demo",
    "labour.demo.companies",
    "labour.demo.wheel",
    "labour.demo.contributions",  # colleagues' additions, then the trend counts
    "suggestions.demo",
    "courses.demo",
    "jobclubs.demo",
    "learning.demo.logbook",
    "learning.demo.observations",
    "learning.demo.meetings",
    "learning.demo.sparring",
    "learning.demo.guests",
    "teamwork.demo",
    "audit.demo",  # konsulent has prepared borger's conversation today
    "kpis.demo.targets",
    "kpis.demo.figures",  # last: computes the figures from everything above
]


class Command(BaseCommand):
    help = "Creates the demo job centres, staff and citizens (password: demo)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "seed_demo makes staff with the password 'demo' and a public authenticator key; "
                "these settings do not allow demo data (DEMO_DATA_ALLOWED is off, as in "
                "production). Nothing was created."
            )
        if JobCentre.objects.filter(name="Jobcenter Demo").exists():
            self.stdout.write("Demo data is already there; nothing to do.")
            return
        with transaction.atomic():
            for path in SEEDERS:
                import_module(path).seed(random.Random(path), self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data created. Log in with password 'demo'."))
