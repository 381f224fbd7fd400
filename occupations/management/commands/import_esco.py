"""Imports the ESCO CSV download (occupations, skills, occupation-skill relations) from a
folder: `manage.py import_esco /path/to/ESCO-dataset-v1.2.0-da-csv`."""

from django.core.management.base import BaseCommand, CommandError

from occupations.esco import EscoFileError, esco_import


class Command(BaseCommand):
    help = "Import ESCO occupations, skills and their relations (CSV download) from a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The folder holding the unpacked ESCO CSV files.")
        parser.add_argument(
            "--language", default="da", help="The language suffix of the files (default: da)."
        )

    def handle(self, *args, folder, language, **options):
        try:
            report = esco_import(folder=folder, language=language)
        except EscoFileError as error:
            raise CommandError(str(error)) from None
        for problem in report.problems:
            self.stderr.write(problem)
        if report.more_problems:
            self.stderr.write(f"... and {report.more_problems} more problems.")
        r = report
        counts = (
            f"Occupations: {r.occupations_created} created, {r.occupations_updated} updated, "
            f"{r.occupations_unchanged} unchanged. "
            f"Skills: {r.skills_created} created, {r.skills_updated} updated, "
            f"{r.skills_unchanged} unchanged. "
            f"Relations: {r.relations_created} created, {r.relations_updated} updated, "
            f"{r.relations_unchanged} unchanged. "
            f"Problems: {len(r.problems) + r.more_problems}."
        )
        self.stdout.write(self.style.SUCCESS(counts))
