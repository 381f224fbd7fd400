"""`python -m perf.scale --scale 0.1`: fills an empty, migrated database with the national data
set at --scale (1.0 = 98 job centres, 3,000 staff, 400,000 citizens, 2 M bookings, 20 M Joblog
entries, 4 M CV rows, 400,000 job openings, 10 M lookup-log rows). Every user's password is
'demo'. Usernames, with <c> the centre's number (1 = København, 2 = Aarhus, ...): c<c>-borger<n>
(citizens), c<c>-konsulent<n> (job consultants), c<c>-virksomhed<n> (business consultants),
c<c>-teamleder<n>, c<c>-leder (manager), c<c>-admin (administrator). E.g. c1-borger1,
c1-konsulent1, c1-leder.

The database is the one DATABASE_URL names, under DJANGO_SETTINGS_MODULE (default
config.settings.local, as manage.py: the keys `python -m perf.bench --database-url` reads the
encrypted fields with)."""

import argparse
import os
import sys

import django
from django.apps import apps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m perf.scale",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--scale", type=float, default=0.1, help="1.0 = national (default 0.1)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.add_argument(
        "--fk-checks",
        action="store_true",
        help="PostgreSQL: keep foreign-key checks on during COPY (slower; the default skips "
        "them for this session only, as pg_restore --disable-triggers does)",
    )
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 2:
        parser.error("--scale must be above 0 and at most 2.")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    if not apps.ready:  # a caller (a test) may have set Django up already
        django.setup()
    from citizens.models import Citizen
    from perf.scale.generate import build

    if Citizen.objects.exists():
        print(
            "This database already holds citizens. python -m perf.scale fills an empty database "
            "only: create a new one and run `manage.py migrate` first.",
            file=sys.stderr,
        )
        return 1
    result = build(
        args.scale, seed=args.seed, progress=not args.no_progress, fk_checks=args.fk_checks
    )
    width = max(len(t) for t in result["tables"])
    print(f"\nscale {args.scale}, seed {args.seed}, {result['vendor']}:")
    for table, entry in result["tables"].items():
        rate = entry["rows"] / entry["seconds"] if entry["seconds"] else 0
        print(
            f"  {table:<{width}} {entry['rows']:>12,} rows {entry['seconds']:>8.1f} s "
            f"{rate:>10,.0f} rows/s"
        )
    print(
        f"Done in {result['seconds']:.0f} s. Log in as c1-borger1 or c1-konsulent1, "
        "password 'demo'."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
