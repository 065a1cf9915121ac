"""manage.py import_brighter_futures: load Brighter Futures Survey results from the provider's CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys import importer


class Command(BaseCommand):
    help = (
        "Import Brighter Futures Survey results: a UTF-8 CSV file with the columns "
        "urn,year,indicator,numerator,denominator (see surveys/FORMAT.md). Year 2025 means the 2025/26 survey. "
        "For each school and year in the file, the results already held are replaced by the file's. "
        "If any row is invalid, every bad line is listed and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The results file (CSV, UTF-8 with or without a byte order mark).")

    def handle(self, *args, file, verbosity, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            result = importer.import_results(path, file_name=path.name)
        except importer.SurveyFileError as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        except importer.InvalidRowsError as exc:
            raise CommandError(self._rejection(path, exc.errors)) from exc
        if verbosity:
            years = ", ".join(str(year) for year in result.years)
            self.stdout.write(
                f"Imported {path.name}: {result.created} results for {result.record.schools} schools "
                f"(survey years {years}); {result.replaced} earlier results replaced."
            )

    def _rejection(self, path, errors):
        """The message that lists every bad line of a rejected file."""
        lines = len({error.line for error in errors})
        return "\n".join(
            [
                f"{path.name}: {lines} invalid row{'s' if lines != 1 else ''}, so nothing was imported.",
                *(str(error) for error in errors),
            ]
        )
