"""Imports job openings from a JobPosting JSON-LD file (or saved page) or a CSV file into a
job centre's board: `manage.py import_openings openings.jsonld --centre "Jobcenter Demo"`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from centres.models import JobCentre
from labour import imports


class Command(BaseCommand):
    help = "Imports job openings (JobPosting JSON-LD or CSV) into a job centre's board."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--centre", required=True, help="The job centre's name.")
        parser.add_argument(
            "--format",
            choices=[imports.JSONLD, imports.CSV],
            help="Default: csv for a .csv file, else jsonld.",
        )
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help="Import nothing if any opening has a problem.",
        )
        parser.add_argument(
            "--consultant", help="Username of the business consultant the new openings get."
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        centre = JobCentre.objects.filter(name=options["centre"]).first()
        if centre is None:
            raise CommandError(f"No job centre is named {options['centre']!r}.")
        user = None
        if options["consultant"]:
            user = User.objects.filter(username=options["consultant"], job_centre=centre).first()
            if user is None:
                raise CommandError(f"{options['consultant']!r} is not staff of {centre.name}.")
        kind = options["format"] or (
            imports.CSV if path.suffix.lower() == ".csv" else imports.JSONLD
        )
        with transaction.atomic():
            report = imports.openings_import(
                job_centre=centre,
                user=user,
                raw=raw,
                kind=kind,
                all_or_nothing=options["all_or_nothing"],
            )
        for problem in report.problems:
            where = f"{report.unit} {problem.number}: " if problem.number else ""
            self.stderr.write(f"{where}{problem.reason}")
        if report.stopped:
            raise CommandError("Nothing was imported (all or nothing).")
        self.stdout.write(
            f"{report.created} new, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.problems)} with problems."
        )
        if not report.saved and report.problems:
            raise CommandError("Nothing was imported.")
