"""`python -m bench [name ...]`: runs the benchmarks (all by default) on a fresh database of
their own, writes bench/results/<date>.json and .md, and exits non-zero if one failed."""

import argparse
import os
import sys

import django


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = parser.parse_args(argv)

    # Test settings (fast hashing, in-memory mail, test keys): never the dev or production setup.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    django.setup()

    from bench import load
    from bench.database import bench_database
    from bench.report import write

    benchmarks = load()
    unknown = set(args.names) - set(benchmarks)
    if unknown:
        parser.error(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(benchmarks)}"
        )
    names = args.names or list(benchmarks)

    results = {}
    with bench_database() as database:
        print(f"Benchmarks on a fresh {database['vendor']} {database['version']} database")
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
