"""Imports Arbejdsmarkedsbalancen as CSV (occupation;disco;area;prospect, see
occupations.services): `manage.py import_balance balance.csv --period 2026-2`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from occupations.services import BalanceFileError, balance_import


class Command(BaseCommand):
    help = "Import the labour-market balance (occupation x area -> job prospects) from a CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--period", default="", help="For example 2026-2.")
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help="Import nothing if any row is bad.",
        )

    def handle(self, *args, file: Path, period: str, all_or_nothing: bool, **options):
        try:
            result = balance_import(
                data=file.read_bytes(), period=period, all_or_nothing=all_or_nothing
            )
        except (OSError, BalanceFileError) as error:
            raise CommandError(str(error)) from None
        for row_error in result.errors:
            self.stderr.write(f"Line {row_error.line}: {row_error.message}")
        if not result.saved:
            raise CommandError(f"Nothing imported: {len(result.errors)} bad row(s).")
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {len(result.errors)} bad row(s)."
            )
        )
