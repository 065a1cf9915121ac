"""Import schools from a Get Information About Schools (GIAS) establishment extract.

GIAS publishes one CSV row per establishment, encoded in Windows-1252, with dates as
dd-mm-yyyy. The import matches schools by URN: it creates and updates, never deletes, and
never touches the service's own data (clusters). It is all or nothing: one invalid row
stops the whole import unless the caller asks to skip invalid rows.

`import_gias()` is the entry point; the `import_gias` management command wraps it.
"""

import codecs
import csv
import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

from simple_history.utils import bulk_create_with_history, bulk_update_with_history
from tqdm import tqdm

from schools.models import School

DEFAULT_ENCODING = "cp1252"
DEFAULT_BATCH_SIZE = 500
CHANGE_REASON = "GIAS import"

SKIPPED_OTHER_LA = "other local authority"
SKIPPED_INVALID = "invalid"

URN_COLUMN = "URN"
NAME_COLUMN = "EstablishmentName"
LA_CODE_COLUMN = "LA (code)"
STATUS_COLUMN = "EstablishmentStatus (name)"
HEAD_COLUMNS = ("HeadTitle (name)", "HeadFirstName", "HeadLastName")
REQUIRED_COLUMNS = (URN_COLUMN, NAME_COLUMN)

TEXT_COLUMNS = {
    LA_CODE_COLUMN: "la_code",
    "LA (name)": "la_name",
    "EstablishmentNumber": "establishment_number",
    NAME_COLUMN: "name",
    "TypeOfEstablishment (name)": "establishment_type",
    "EstablishmentTypeGroup (name)": "establishment_type_group",
    "PhaseOfEducation (name)": "phase",
    "Street": "street",
    "Locality": "address_locality",
    "Address3": "address3",
    "Town": "town",
    "County (name)": "county",
    "Postcode": "postcode",
    "SchoolWebsite": "website",
    "TelephoneNum": "telephone",
}
NUMBER_COLUMNS = {
    "StatutoryLowAge": "statutory_low_age",
    "StatutoryHighAge": "statutory_high_age",
    "NumberOfPupils": "number_of_pupils",
    "Easting": "easting",
    "Northing": "northing",
}
DATE_COLUMNS = {
    "OpenDate": "open_date",
    "CloseDate": "close_date",
    "LastChangedDate": "gias_last_changed",
}
KNOWN_COLUMNS = (URN_COLUMN, STATUS_COLUMN, *HEAD_COLUMNS, *TEXT_COLUMNS, *NUMBER_COLUMNS, *DATE_COLUMNS)


class GiasFileError(Exception):
    """The file as a whole cannot be imported (unreadable, wrong encoding, missing columns)."""


class InvalidRowsError(Exception):
    """Some rows are invalid, so nothing was imported."""

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
class Extract:
    """The valid rows of a file as School field values, and what was wrong with the others."""

    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


@dataclass
class ImportResult:
    """What an import did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)


@dataclass
class Changes:
    """The schools to create, and the schools to update with the names of their fields that changed."""

    to_create: list = field(default_factory=list)
    to_update: list = field(default_factory=list)
    unchanged: int = 0


def import_gias(
    path,
    *,
    la_codes=None,
    skip_invalid=False,
    encoding=DEFAULT_ENCODING,
    batch_size=DEFAULT_BATCH_SIZE,
    progress=None,
):
    """Create and update schools from a GIAS extract; `progress` is a stream to draw a progress bar on, or None."""
    extract = read_extract(path, encoding=encoding, la_codes=la_codes, progress=progress)
    if extract.errors and not skip_invalid:
        raise InvalidRowsError(extract.errors)
    # One query for every school, rather than one per row; the file decides which are used.
    existing = {school.urn: school for school in School.objects.order_by()}
    changes = plan_changes(extract.rows, existing)
    write_changes(changes, batch_size=batch_size, progress=progress)
    return ImportResult(
        created=len(changes.to_create),
        updated=len(changes.to_update),
        unchanged=changes.unchanged,
        skipped=extract.skipped,
        errors=extract.errors,
    )


def read_extract(path, *, encoding=DEFAULT_ENCODING, la_codes=None, progress=None):
    """Read and check every row of a GIAS extract; nothing is written."""
    stream, encoding = _open_text(path, encoding)
    with stream, tqdm(
        total=_count_lines(path) - 1 if progress else None,
        disable=progress is None,
        file=progress,
        desc="Reading",
        unit=" lines",
    ) as bar:
        reader = csv.reader(stream)
        try:
            layout = Layout(next(reader, []))
            if la_codes and LA_CODE_COLUMN not in layout.index:
                raise GiasFileError(f"The file has no '{LA_CODE_COLUMN}' column, so --la cannot be used.")
            return _read_rows(reader, layout, {code.strip() for code in la_codes or ()}, bar)
        except UnicodeDecodeError as exc:
            raise GiasFileError(
                f"The file is not valid {encoding} text: line {_undecodable_line(path, encoding)} has bytes "
                f"that cannot be decoded. Is it in another encoding?"
            ) from exc
        except csv.Error as exc:
            raise GiasFileError(f"The file is not valid CSV (line {reader.line_num}): {exc}.") from exc


def _read_rows(reader, layout, la_codes, bar):
    """Convert and check each row after the header."""
    extract = Extract()
    first_lines = {}
    last_line = reader.line_num
    for cells in reader:
        # A record may span lines (quoted line breaks), so it starts just after the previous one.
        line, last_line = last_line + 1, reader.line_num
        bar.update(last_line - line + 1)
        if not any(cells):
            continue
        if len(cells) != layout.width:
            extract.errors.append(
                RowError(line, f"the row has {len(cells)} values but the header has {layout.width} columns")
            )
            extract.skipped[SKIPPED_INVALID] += 1
            continue
        if la_codes and cells[layout.index[LA_CODE_COLUMN]].strip() not in la_codes:
            extract.skipped[SKIPPED_OTHER_LA] += 1
            continue
        values, problems = layout.convert(cells)
        urn = values.get("urn")
        if urn is not None:
            if urn in first_lines:
                problems.append(f"URN {urn} is repeated (first on line {first_lines[urn]})")
            else:
                first_lines[urn] = line
        if problems:
            extract.errors.extend(RowError(line, problem) for problem in problems)
            extract.skipped[SKIPPED_INVALID] += 1
        else:
            extract.rows.append(values)
    return extract


class Layout:
    """Where each column the import reads sits in the rows of one file, and how to convert it."""

    def __init__(self, header):
        positions = {}
        for index, name in enumerate(header):
            positions.setdefault(name.strip().casefold(), index)
        if not positions:
            raise GiasFileError("The file is empty: it has no header row.")
        missing = [column for column in REQUIRED_COLUMNS if column.casefold() not in positions]
        if missing:
            names = ", ".join(f"'{column}'" for column in missing)
            raise GiasFileError(
                f"The file has no {names} column. Is it a GIAS establishment extract with its header row?"
            )
        self.width = len(header)
        self.index = {
            column: positions[column.casefold()] for column in KNOWN_COLUMNS if column.casefold() in positions
        }
        specs = _field_specs()
        self.texts = [(self.index[c], c, f, specs[f]) for c, f in TEXT_COLUMNS.items() if c in self.index]
        self.numbers = [(self.index[c], c, f, *specs[f]) for c, f in NUMBER_COLUMNS.items() if c in self.index]
        self.dates = [(self.index[c], c, f) for c, f in DATE_COLUMNS.items() if c in self.index]
        self.heads = [self.index[c] for c in HEAD_COLUMNS if c in self.index]
        self.head_max_length = specs["head_name"]
        self.urn_range = specs["urn"]

    def convert(self, cells):
        """The School field values of one row, and the reasons it cannot be imported."""
        values, problems = {}, []
        self._convert_urn(cells[self.index[URN_COLUMN]].strip(), values, problems)
        if not cells[self.index[NAME_COLUMN]].strip():
            problems.append(f"{NAME_COLUMN} is empty")
        self._convert_texts(cells, values, problems)
        self._convert_numbers(cells, values, problems)
        self._convert_dates(cells, values, problems)
        if STATUS_COLUMN in self.index:
            self._convert_status(cells[self.index[STATUS_COLUMN]].strip(), values, problems)
        if self.heads:
            self._convert_head(cells, values, problems)
        return values, problems

    def _convert_texts(self, cells, values, problems):
        """Copy the text columns, which must fit their fields."""
        for index, column, name, max_length in self.texts:
            text = cells[index].strip()
            if len(text) > max_length:
                problems.append(f"{column} is {len(text)} characters long; at most {max_length} are allowed")
            values[name] = text

    def _convert_numbers(self, cells, values, problems):
        """Convert the whole-number columns; an empty cell is None."""
        for index, column, name, low, high in self.numbers:
            text = cells[index].strip()
            values[name] = _whole_number(text, low, high) if text else None
            if values[name] is _INVALID:
                problems.append(f"{column} '{text}' is not a whole number from {low} to {high}")

    def _convert_dates(self, cells, values, problems):
        """Convert the dd-mm-yyyy date columns; an empty cell is None."""
        for index, column, name in self.dates:
            text = cells[index].strip()
            values[name] = _date(text) if text else None
            if values[name] is _INVALID:
                problems.append(f"{column} '{text}' is not a date in the form dd-mm-yyyy")

    def _convert_head(self, cells, values, problems):
        """Join the head teacher's title and names, as GIAS splits them over three columns."""
        head_name = " ".join(part for part in (cells[index].strip() for index in self.heads) if part)
        if len(head_name) > self.head_max_length:
            problems.append(
                f"the head teacher's name is {len(head_name)} characters long; "
                f"at most {self.head_max_length} are allowed"
            )
        values["head_name"] = head_name

    def _convert_urn(self, text, values, problems):
        """Check the URN, the key the import matches schools by."""
        low, high = self.urn_range
        if not text:
            problems.append("URN is missing")
        elif not (text.isascii() and text.isdigit()):
            problems.append(f"URN '{text}' is not a number")
        elif _whole_number(text, low, high) is _INVALID:
            problems.append(f"URN '{text}' is out of range")
        else:
            values["urn"] = int(text)

    def _convert_status(self, text, values, problems):
        """Map GIAS's status names (which are School.Status's labels) to the stored values."""
        status = _statuses().get(text.casefold())
        if status is None:
            known = ", ".join(f"'{label}'" for label in School.Status.labels)
            problems.append(f"{STATUS_COLUMN} '{text}' is not a known status (expected one of {known})")
        else:
            values["status"] = status


# Marks a value that failed to convert; None already means "empty".
_INVALID = object()


def _whole_number(text, low, high):
    """The cell as an int within the field's range, or _INVALID."""
    if not (text.isascii() and text.isdigit()):
        return _INVALID
    number = int(text)
    return number if low <= number <= high else _INVALID


@functools.lru_cache(maxsize=4096)
def _date(text):
    """A GIAS dd-mm-yyyy date, or _INVALID; cached because a file repeats few distinct dates."""
    parts = text.split("-")
    if len(parts) != 3 or [len(part) for part in parts] != [2, 2, 4] or not all(p.isdigit() for p in parts):
        return _INVALID
    day, month, year = (int(part) for part in parts)
    try:
        return date(year, month, day)
    except ValueError:
        return _INVALID


@functools.cache
def _field_specs():
    """The limits of each School field, read from the model so they follow its migrations."""
    specs = {}
    for model_field in School._meta.concrete_fields:
        if model_field.max_length is not None:
            specs[model_field.name] = model_field.max_length
        elif model_field.get_internal_type() in BaseDatabaseOperations.integer_field_ranges:
            # The portable range, not the current database's, so a file valid on SQLite is valid on PostgreSQL.
            specs[model_field.name] = BaseDatabaseOperations.integer_field_ranges[model_field.get_internal_type()]
    return specs


@functools.cache
def _statuses():
    """GIAS status names (School.Status labels), case-folded, to stored values."""
    return {label.casefold(): value for value, label in School.Status.choices}


def _open_text(path, encoding):
    """Open the file as text for the csv module; a UTF-8 byte order mark wins over the encoding asked for."""
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise GiasFileError(f"Unknown encoding '{encoding}'.") from exc
    try:
        with open(path, "rb") as raw:
            if raw.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
                encoding = "utf-8-sig"
        # Returned open rather than used in a with block here: the caller reads it and closes it.
        return open(path, encoding=encoding, newline=""), encoding  # noqa: SIM115
    except FileNotFoundError as exc:
        raise GiasFileError(f"No such file: {path}") from exc
    except OSError as exc:
        raise GiasFileError(f"Cannot read {path}: {exc.strerror}") from exc


def _undecodable_line(path, encoding):
    """The number of the first line that does not decode; the text decoder only knows its 8 KB chunk."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError:
                return number
    return "?"


def _count_lines(path):
    """The number of lines in the file, for the progress bar's total."""
    with open(path, "rb") as raw:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))


def plan_changes(rows, existing):
    """Compare the file's rows with the existing schools (by URN) and decide what to write."""
    changes = Changes()
    for values in rows:
        school = existing.get(values["urn"])
        if school is None:
            changes.to_create.append(School(**values))
            continue
        changed = [name for name, value in values.items() if getattr(school, name) != value]
        if not changed:
            changes.unchanged += 1
            continue
        for name in changed:
            setattr(school, name, values[name])
        changes.to_update.append((school, changed))
    return changes


def write_changes(changes, *, batch_size=DEFAULT_BATCH_SIZE, progress=None):
    """Create and update schools in batches, in one transaction, with a history record for each."""
    total = len(changes.to_create) + len(changes.to_update)
    if not total:
        return
    history = {"default_change_reason": CHANGE_REASON, "default_date": timezone.now()}
    bar = tqdm(total=total, disable=progress is None, file=progress, desc="Writing", unit=" schools")
    with bar, transaction.atomic():
        for batch in _batches(changes.to_create, batch_size):
            bulk_create_with_history(batch, School, batch_size=batch_size, **history)
            bar.update(len(batch))
        for batch in _batches(changes.to_update, batch_size):
            _update_batch(batch, batch_size, history)
            bar.update(len(batch))


def _update_batch(batch, batch_size, history):
    """Write the changed fields of a batch of schools, then record each school's history once."""
    # bulk_update() sets every field it is given on every school it is given, so one call for the union of
    # the changed fields would cost (schools x fields). Updating field by field costs only the cells that changed,
    # and leaves the other columns alone. The number of queries is still bounded by the batches, not the rows.
    schools_by_field = {}
    for school, names in batch:
        for name in names:
            schools_by_field.setdefault(name, []).append(school)
    for name, schools in schools_by_field.items():
        School.objects.bulk_update(schools, [name], batch_size=batch_size)
    # With no fields, bulk_update_with_history only records history: one "changed" record per school.
    bulk_update_with_history([school for school, _ in batch], School, [], batch_size=batch_size, **history)


def _batches(items, size):
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
