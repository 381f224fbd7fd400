"""`python -m perf.bench [name ...]`: runs the benchmarks (all by default) on a fresh database of
their own, writes perf/bench/results/<date>.json and .md, and exits non-zero if one failed.

With `--database-url URL` (PostgreSQL, given once or more), the benchmarks that measure
existing data (key_pages, key_pages_scale, key_pages_profile) run on those already-seeded
databases instead, which are never dropped."""

import argparse
import os
import sys

import django


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m perf.bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument(
        "--database-url",
        action="append",
        default=[],
        metavar="URL",
        help="an existing, seeded database to measure (again for a second scale, smallest "
        "first); only key_pages, key_pages_scale and key_pages_profile run there",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the fresh benchmark database after the run"
    )
    parser.add_argument(
        "--settings",
        default=None,
        help="Django settings (default: config.settings.test; with --database-url "
        "config.settings.local with DJANGO_DEBUG=0, whose keys `python -m perf.scale` used)",
    )
    args = parser.parse_args(argv)

    # Test settings (fast hashing, in-memory mail, test keys): never the dev or production
    # setup. An existing database was seeded by manage.py: its encrypted fields need the
    # local settings' keys, and DEBUG stays off (it would log every query).
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url[0]
        os.environ["DJANGO_DEBUG"] = "0"
        # As under the test settings: mail and SMS kept in memory, never printed or sent.
        os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
        os.environ["SMS_BACKEND"] = "notifications.backends.LocmemSmsBackend"
    default = "config.settings.local" if args.database_url else "config.settings.test"
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings or default
    django.setup()
    from django.conf import settings

    # The pages are fetched with django.test.Client, which says it is "testserver".
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    from perf.bench import load
    from perf.bench.database import NEEDS_EXISTING, ON_EXISTING, bench_database, existing_database
    from perf.bench.report import write

    benchmarks = load()
    unknown = set(args.names) - set(benchmarks)
    if unknown:
        parser.error(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(benchmarks)}"
        )
    if args.database_url:
        names = args.names or [n for n in benchmarks if n in ON_EXISTING]
        if not set(names) <= ON_EXISTING:
            parser.error(f"only {', '.join(sorted(ON_EXISTING))} run on an existing database")
        if "key_pages_scale" in names and len(args.database_url) < 2:
            parser.error("key_pages_scale needs --database-url twice (scale 0.1, then 1.0)")
        database_context = existing_database(args.database_url)
    else:
        names = args.names or [n for n in benchmarks if n not in NEEDS_EXISTING]
        if set(names) & NEEDS_EXISTING:
            parser.error(f"{', '.join(sorted(NEEDS_EXISTING))} needs --database-url")
        database_context = bench_database(keep=args.keep)

    results = {}
    with database_context as database:
        where = database.get("run", f"fresh {database['vendor']}")
        print(f"Benchmarks on the {where} database ({database['vendor']} {database['version']})")
        for name in names:
            print(f"  {name} ...", flush=True)
            results[name] = result = benchmarks[name]()
            print(f"  {name}: {'ok' if result['ok'] else 'FAILED'}: {result['summary']}")
    for path in write(database, results):
        print(f"Wrote {path}")
    failed = [name for name, result in results.items() if not result["ok"]]
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
