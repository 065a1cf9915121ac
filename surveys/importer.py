"""Import Brighter Futures Survey results from the survey provider's CSV file (format: surveys/FORMAT.md).

The file is UTF-8, with or without a byte order mark, and has a header row naming at least the columns
`urn,year,indicator,numerator,denominator` (any order, any case; other columns are ignored). Each row is
one school's result for one indicator in one survey year: `year` is the year the academic year starts,
so 2025 is the 2025/26 survey.

The import is all or nothing: every row is checked first, and if any row is bad, every bad row is
reported with its line number and nothing is written. A good file replaces, for each school and year it
holds, every result already held for that school and year; other schools and years are left alone.

`import_results()` is the entry point; the `import_brighter_futures` command and the admin's upload page
wrap it. Small groups are not refused here: they are stored, and suppressed wherever they are shown.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from schools.models import School

from .models import Indicator, SurveyImport, SurveyResult

COLUMNS = ("urn", "year", "indicator", "numerator", "denominator")
FIRST_YEAR = 2000
MAX_COUNT = 100_000  # more pupils than any school has: a larger number is a mistake in the file


class SurveyFileError(Exception):
    """The file as a whole cannot be read (not UTF-8, not CSV, no header, a column missing)."""


class InvalidRowsError(Exception):
    """Some rows are bad, so nothing was imported."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len({error.line for error in errors})} invalid rows")


@dataclass(frozen=True)
class RowError:
    """One reason a row cannot be imported, with the file line the row starts on."""

    line: int
    message: str

    def __str__(self):
        return f"line {self.line}: {self.message}"


@dataclass
class ImportResult:
    """What an import wrote."""

    record: SurveyImport
    created: int = 0
    replaced: int = 0
    years: list = field(default_factory=list)


def import_results(source, *, file_name, user=None):
    """Check every row of `source` (a path or a binary file), then replace the results it covers."""
    rows = read_rows(source)
    with transaction.atomic():
        return _write(rows, file_name=file_name, user=user)


def read_rows(source):
    """The file's rows as SurveyResult objects (unsaved); raises InvalidRowsError listing every bad row."""
    text = _decode(_read_bytes(source))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise SurveyFileError("The file is empty: it has no header row.")
        layout = _layout(header)
        rows, errors = _check_rows(reader, layout, len(header))
    except csv.Error as exc:
        raise SurveyFileError(f"The file is not valid CSV (line {reader.line_num}): {exc}.") from exc
    if errors:
        raise InvalidRowsError(errors)
    if not rows:
        raise SurveyFileError("The file has a header row but no results.")
    return rows


def _read_bytes(source):
    """The whole file: results files are small (a row per school, indicator and year)."""
    if hasattr(source, "read"):
        return source.read()
    try:
        with open(source, "rb") as stream:
            return stream.read()
    except FileNotFoundError as exc:
        raise SurveyFileError(f"No such file: {source}") from exc
    except OSError as exc:
        raise SurveyFileError(f"Cannot read {source}: {exc.strerror}") from exc


def _decode(data):
    """UTF-8 text without its byte order mark, or an error naming the first line that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SurveyFileError(
            f"The file is not UTF-8 text: line {line} has bytes that cannot be read. Save it as CSV UTF-8."
        ) from exc


def _layout(header):
    """{column: position} for the required columns; the header may use any order and case."""
    positions = {}
    for index, name in enumerate(header):
        key = name.strip().casefold()
        if key in positions and key in COLUMNS:
            raise SurveyFileError(f"The header names the '{key}' column twice.")
        positions.setdefault(key, index)
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        names = ", ".join(f"'{column}'" for column in missing)
        raise SurveyFileError(
            f"The file has no {names} column{'s' if len(missing) > 1 else ''}. "
            f"The header row must name: {','.join(COLUMNS)}."
        )
    return {column: positions[column] for column in COLUMNS}


def _check_rows(reader, layout, width):
    """Convert and check each row after the header: (results, errors)."""
    schools = dict(School.objects.values_list("urn", "pk"))
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    last_year = timezone.localdate().year + 1
    rows, errors, first_lines = [], [], {}
    last_line = reader.line_num
    for cells in reader:
        # A record may span lines (quoted line breaks), so it starts just after the previous one.
        line, last_line = last_line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != width:
            errors.append(RowError(line, f"the row has {len(cells)} values but the header has {width} columns"))
            continue
        values = {column: cells[index].strip() for column, index in layout.items()}
        problems = []
        urn = _urn(values["urn"], schools, problems)
        year = _year(values["year"], last_year, problems)
        indicator = _indicator(values["indicator"], indicators, problems)
        numerator = _count("numerator", values["numerator"], problems)
        denominator = _count("denominator", values["denominator"], problems)
        if denominator == 0:
            problems.append("denominator is 0: leave out a row that no pupil answered")
        if numerator is not None and denominator is not None and numerator > denominator:
            problems.append(f"numerator {numerator} is more than denominator {denominator}")
        if None not in (urn, year, indicator):
            key = (urn, year, indicator.code)
            if key in first_lines:
                problems.append(
                    f"URN {urn}, year {year}, indicator '{indicator.code}' is repeated "
                    f"(first on line {first_lines[key]})"
                )
            else:
                first_lines[key] = line
        if problems:
            errors.extend(RowError(line, problem) for problem in problems)
        else:
            rows.append(
                SurveyResult(
                    school_id=schools[urn], year=year, indicator=indicator, numerator=numerator, denominator=denominator
                )
            )
    return rows, errors


def _urn(text, schools, problems):
    """The URN of a school in the registry, or None with the reason."""
    if not text:
        problems.append("urn is empty")
    elif not (text.isascii() and text.isdigit()):
        problems.append(f"urn '{text}' is not a number")
    elif int(text) not in schools:
        problems.append(f"URN {int(text)} is not a school in the registry")
    else:
        return int(text)
    return None


def _year(text, last_year, problems):
    """The survey year (the year its academic year starts), or None with the reason."""
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        problems.append(f"year '{text}' is not a year like 2025 (for the 2025/26 survey)")
    elif not FIRST_YEAR <= int(text) <= last_year:
        problems.append(f"year {text} is not between {FIRST_YEAR} and {last_year}")
    else:
        return int(text)
    return None


def _indicator(text, indicators, problems):
    """The indicator the code names, or None with the reason."""
    indicator = indicators.get(text.casefold())
    if indicator is None:
        known = ", ".join(sorted(indicators))
        problems.append(f"indicator '{text}' is not a known indicator (expected one of {known})")
    return indicator


def _count(column, text, problems):
    """A count of pupils, or None with the reason."""
    if not text:
        problems.append(f"{column} is empty")
        return None
    sign, digits = (text[0], text[1:]) if text[0] in "+-" else ("", text)
    if not (digits.isascii() and digits.isdigit()):
        problems.append(f"{column} '{text}' is not a whole number")
        return None
    if sign == "-" and int(digits) != 0:
        problems.append(f"{column} {text} is negative")
        return None
    if int(digits) > MAX_COUNT:
        problems.append(f"{column} {int(digits)} is more than {MAX_COUNT:,} pupils")
        return None
    return int(digits)


def _write(rows, *, file_name, user):
    """Replace the results of every school and year in the file with the file's rows."""
    by_year = defaultdict(set)
    for row in rows:
        by_year[row.year].add(row.school_id)
    replaced = 0
    for year, school_ids in by_year.items():
        replaced += SurveyResult.objects.filter(year=year, school_id__in=school_ids).delete()[0]
    record = SurveyImport.objects.create(
        file_name=file_name[:255],
        imported_by=user if user is not None and user.is_authenticated else None,
        rows=len(rows),
        schools=len({row.school_id for row in rows}),
        years=", ".join(str(year) for year in sorted(by_year)),
    )
    for row in rows:
        row.source = record
    SurveyResult.objects.bulk_create(rows, batch_size=1000)
    return ImportResult(record=record, created=len(rows), replaced=replaced, years=sorted(by_year))

