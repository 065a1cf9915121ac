"""manage.py import_gias: load schools from a GIAS establishment extract (CSV)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from schools import gias


class Command(BaseCommand):
    help = (
        "Create and update schools from a Get Information About Schools (GIAS) establishment extract, "
        "the CSV file downloaded from get-information-schools.service.gov.uk. Schools are matched by URN. "
        "Nothing is deleted: a school GIAS lists as closed is marked closed, and schools missing from the "
        "file are left as they are. Clusters are never changed. If any row is invalid, every bad line is "
        "listed and nothing is imported, unless --skip-invalid is given. Running the same file twice "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The GIAS extract (CSV with GIAS's own header row).")
        parser.add_argument(
            "--la",
            action="append",
            dest="la_codes",
            metavar="CODE",
            help="Import only schools in this local authority, by its GIAS code (e.g. 883 for Thurrock). "
            "Repeat for several. Rows of other authorities are skipped without being checked.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows and report the invalid ones as warnings, instead of importing nothing.",
        )
        parser.add_argument(
            "--encoding",
            default=gias.DEFAULT_ENCODING,
            help="The file's text encoding (default: %(default)s, as GIAS publishes). "
            "A file starting with a UTF-8 byte order mark is read as UTF-8 whatever this says.",
        )

    def handle(self, *args, file, la_codes, skip_invalid, encoding, verbosity, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            result = gias.import_gias(
                path,
                la_codes=la_codes,
                skip_invalid=skip_invalid,
                encoding=encoding,
                progress=sys.stdout if self.stdout.isatty() else None,
            )
        except gias.GiasFileError as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        except gias.InvalidRowsError as exc:
            raise CommandError(self._rejection(path, exc.errors)) from exc
        for error in result.errors:
            self.stderr.write(f"Skipped {error}", self.style.WARNING)
        if verbosity:
            self.stdout.write(self._summary(path, result))

    def _rejection(self, path, errors):
        """The message that lists every bad line of a rejected file."""
        lines = len({error.line for error in errors})
        return "\n".join(
            [
                f"{path.name}: {lines} invalid row{'s' if lines != 1 else ''}, so nothing was imported.",
                *(str(error) for error in errors),
                "Correct the file, or use --skip-invalid to import the valid rows without these.",
            ]
        )

    def _summary(self, path, result):
        """The counts of what the import did, one per line."""
        skipped = sum(result.skipped.values())
        lines = [
            f"Imported {path.name}:",
            f"  created:   {result.created}",
            f"  updated:   {result.updated}",
            f"  unchanged: {result.unchanged}",
            f"  skipped:   {skipped}",
        ]
        lines += [f"    {reason}: {count}" for reason, count in sorted(result.skipped.items())]
        return "\n".join(lines)
