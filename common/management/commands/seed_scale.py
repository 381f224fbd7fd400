"""`manage.py seed_scale --scale 0.1`: the national-scale data set (bench/scale)."""

from django.core.management.base import BaseCommand, CommandError

from citizens.models import Citizen


class Command(BaseCommand):
    help = (
        "Fills an empty, migrated database with the national data set at --scale (1.0 = 98 job "
        "centres, 3,000 staff, 400,000 citizens, 2 M bookings, 20 M Joblog entries, 4 M CV rows, "
        "400,000 job openings, 10 M lookup-log rows). Every user's password is 'demo'. "
        "Usernames, with <c> the centre's number (1 = København, 2 = Aarhus, ...): "
        "c<c>-borger<n> (citizens), c<c>-konsulent<n> (job consultants), c<c>-virksomhed<n> "
        "(business consultants), c<c>-teamleder<n>, c<c>-leder (manager), c<c>-admin "
        "(administrator). E.g. c1-borger1, c1-konsulent1, c1-leder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.1, help="1.0 = national (default 0.1)")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")
        parser.add_argument(
            "--fk-checks",
            action="store_true",
            help="PostgreSQL: keep foreign-key checks on during COPY (slower; the default skips "
            "them for this session only, as pg_restore --disable-triggers does)",
        )

    def handle(self, *args, scale, seed, no_progress, fk_checks, **options):
        from bench.scale import build

        if not 0 < scale <= 2:
            raise CommandError("--scale must be above 0 and at most 2.")
        if Citizen.objects.exists():
            raise CommandError(
                "This database already holds citizens. seed_scale fills an empty database only: "
                "create a new one and run `manage.py migrate` first."
            )
        result = build(scale, seed=seed, progress=not no_progress, fk_checks=fk_checks)
        width = max(len(t) for t in result["tables"])
        self.stdout.write(f"\nscale {scale}, seed {seed}, {result['vendor']}:")
        for table, entry in result["tables"].items():
            rate = entry["rows"] / entry["seconds"] if entry["seconds"] else 0
            self.stdout.write(
                f"  {table:<{width}} {entry['rows']:>12,} rows {entry['seconds']:>8.1f} s "
                f"{rate:>10,.0f} rows/s"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {result['seconds']:.0f} s. Log in as c1-borger1 or c1-konsulent1, "
                "password 'demo'."
            )
        )
