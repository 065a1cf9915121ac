"""The GIAS import: upsert by URN, all-or-nothing validation, history, encodings and query counts."""

import csv
import functools
import io
import math
import re
from datetime import date
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from schools import gias
from schools.models import School
from tests.schools.factories import SchoolFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(gias.__file__).parent / "data" / "gias_sample.csv"
NAME_MAX_LENGTH = School._meta.get_field("name").max_length
HEAD_MAX_LENGTH = School._meta.get_field("head_name").max_length


@functools.cache
def sample():
    """The real GIAS header row of the sample, and its rows as dicts."""
    with SAMPLE.open(encoding="cp1252", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        return header, [dict(zip(header, cells, strict=True)) for cells in reader]


def header():
    return list(sample()[0])


def gias_row(urn, changes=None):
    """A Thurrock row copied from the sample, with its own URN and name, and `changes` by GIAS column name."""
    row = dict(sample()[1][1])
    row.update({"URN": str(urn), "EstablishmentName": f"Test School {urn}"})
    row.update(changes or {})
    return row


def write_gias(path, rows, columns=None, encoding="cp1252"):
    """Write rows (dicts by GIAS column name) under the real header, or `columns`, as GIAS does."""
    columns = columns or header()
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return path


def run_import(path, *args):
    """Run the command; return what it wrote to stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_gias", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts(output):
    """The counts from the command's summary, e.g. {"created": 3, ..., "other local authority": 1}."""
    return {name: int(number) for name, number in re.findall(r"^\s*([a-z ]+):\s+(\d+)$", output, re.MULTILINE)}


def snapshot():
    """Every school's stored values and the number of history records, to compare before and after."""
    return list(School.objects.order_by("urn").values()), School.history.count()


@pytest.fixture
def gias_file(tmp_path):
    """Write a GIAS CSV file in tmp_path: `gias_file(rows, columns=None, encoding="cp1252")`."""
    names = (f"gias_{n}.csv" for n in range(1000))

    def write(rows, **kwargs):
        return write_gias(tmp_path / next(names), rows, **kwargs)

    return write


def test_sample_imports_thurrock_schools_open_and_closed():
    out, _ = run_import(SAMPLE, "--la", "883")

    assert counts(out) == {"created": 60, "updated": 0, "unchanged": 0, "skipped": 20, "other local authority": 20}
    assert School.objects.count() == 60
    assert set(School.objects.values_list("la_code", flat=True)) == {"883"}
    assert School.objects.filter(status=School.Status.OPEN).count() == 58
    assert School.objects.filter(status=School.Status.CLOSED).count() == 2
    assert School.history.filter(history_type="+").count() == 60
    school = School.objects.get(urn=149032)
    assert school.name == "Lavender Hill Academy"
    assert school.head_name == "Mrs Sam O'Brien"
    assert (school.statutory_low_age, school.statutory_high_age, school.number_of_pupils) == (11, 16, 1296)
    assert (school.open_date, school.close_date) == (date(2013, 9, 1), None)
    assert school.gias_last_changed == date(2026, 11, 2)
    assert (school.easting, school.northing) == (565627, 183975)
    assert school.address_lines == ["75 Church Street", "Aveley", "Essex", "RM17 5JG"]
    closed = School.objects.get(urn=149910)
    assert (closed.status, closed.close_date) == (School.Status.CLOSED, date(2024, 8, 31))


def test_la_option_is_repeatable_and_other_rows_are_not_checked(gias_file):
    path = gias_file(
        [gias_row(500001), gias_row(500002, {"LA (code)": "881"}), gias_row("abc", {"LA (code)": "882"})]
    )

    out, err = run_import(path, "--la", "883", "--la", "881")

    assert counts(out)["created"] == 2
    assert counts(out)["other local authority"] == 1
    assert err == ""
    assert set(School.objects.values_list("urn", flat=True)) == {500001, 500002}


def test_second_run_of_the_same_file_changes_nothing(django_assert_num_queries):
    run_import(SAMPLE, "--la", "883")
    before = snapshot()

    # Only the query that loads the existing schools: nothing is written, not even a savepoint.
    with django_assert_num_queries(1):
        out, _ = run_import(SAMPLE, "--la", "883")

    assert counts(out)["created"] == 0
    assert counts(out)["updated"] == 0
    assert counts(out)["unchanged"] == 60
    assert snapshot() == before


def test_changed_row_updates_one_school_and_adds_one_history_record(gias_file):
    rows = [gias_row(500001), gias_row(500002), gias_row(500003)]
    run_import(gias_file(rows))
    rows[1]["NumberOfPupils"] = "999"

    out, _ = run_import(gias_file(rows))

    assert (counts(out)["created"], counts(out)["updated"], counts(out)["unchanged"]) == (0, 1, 2)
    changed = School.objects.get(urn=500002)
    assert changed.number_of_pupils == 999
    latest = changed.history.first()
    assert (latest.history_type, latest.number_of_pupils, latest.history_change_reason) == ("~", 999, "GIAS import")
    assert changed.history.count() == 2
    assert School.objects.get(urn=500001).history.count() == 1
    assert School.history.count() == 4


def test_closed_school_stays_in_the_database_marked_closed(gias_file):
    run_import(gias_file([gias_row(500001)]))
    school = School.objects.get(urn=500001)
    assert school.status == School.Status.OPEN

    closing = {"EstablishmentStatus (name)": "Closed", "CloseDate": "31-08-2026"}
    run_import(gias_file([gias_row(500001, closing)]))

    school.refresh_from_db()
    assert (school.status, school.close_date) == (School.Status.CLOSED, date(2026, 8, 31))
    assert not school.is_open


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("Open", School.Status.OPEN),
        ("Closed", School.Status.CLOSED),
        ("Open, but proposed to close", School.Status.PROPOSED_TO_CLOSE),
        ("Proposed to open", School.Status.PROPOSED_TO_OPEN),
    ],
)
def test_gias_statuses_map_to_school_statuses(label, status, gias_file):
    run_import(gias_file([gias_row(500001, {"EstablishmentStatus (name)": label})]))

    assert School.objects.get(urn=500001).status == status


def test_schools_not_in_the_file_are_left_alone(gias_file):
    absent = SchoolFactory(urn=400001, name="Not In The File School")
    before = School.objects.filter(pk=absent.pk).values().get()

    run_import(gias_file([gias_row(500001)]))

    assert School.objects.filter(pk=absent.pk).values().get() == before
    assert School.objects.count() == 2


def test_reimport_does_not_touch_the_cluster(gias_file):
    existing = SchoolFactory(urn=500001, name="Old Name")
    cluster_id = existing.cluster_id
    assert cluster_id is not None

    out, _ = run_import(gias_file([gias_row(500001, {"EstablishmentName": "New Name"})]))

    existing.refresh_from_db()
    assert counts(out)["updated"] == 1
    assert (existing.name, existing.cluster_id) == ("New Name", cluster_id)
    assert existing.history.first().cluster_id == cluster_id


BAD_ROWS = {
    "non-numeric URN": ({"URN": "abc"}, "URN 'abc' is not a number"),
    "missing URN": ({"URN": ""}, "URN is missing"),
    "missing name": ({"EstablishmentName": ""}, "EstablishmentName is empty"),
    "over-long name": (
        {"EstablishmentName": "x" * (NAME_MAX_LENGTH + 1)},
        f"EstablishmentName is {NAME_MAX_LENGTH + 1} characters long; at most {NAME_MAX_LENGTH} are allowed",
    ),
    "over-long postcode": ({"Postcode": "RM17 6AA EXTRA"}, "Postcode is 14 characters long; at most 10"),
    "impossible date": ({"OpenDate": "31-02-2024"}, "OpenDate '31-02-2024' is not a date"),
    "ISO date": ({"LastChangedDate": "2024-02-01"}, "LastChangedDate '2024-02-01' is not a date"),
    "non-numeric pupils": ({"NumberOfPupils": "lots"}, "NumberOfPupils 'lots' is not a whole number"),
    "negative age": ({"StatutoryLowAge": "-1"}, "StatutoryLowAge '-1' is not a whole number"),
    "over-long head name": (
        {"HeadTitle (name)": "Mr", "HeadFirstName": "Al", "HeadLastName": "x" * (HEAD_MAX_LENGTH - 5)},
        f"the head teacher's name is {HEAD_MAX_LENGTH + 1} characters long; at most {HEAD_MAX_LENGTH} are allowed",
    ),
    "unknown status": ({"EstablishmentStatus (name)": "Shut"}, "EstablishmentStatus (name) 'Shut' is not a known"),
}


@pytest.fixture
def existing_school(db):
    """A school already in the database, which the files below would update if they were imported."""
    return SchoolFactory(urn=500001, name="Existing School", number_of_pupils=100)


@pytest.mark.parametrize(("changes", "reason"), BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_rejects_the_whole_file_and_changes_nothing(changes, reason, existing_school, gias_file):
    rows = [gias_row(500001, {"NumberOfPupils": "555"}), gias_row(500002), gias_row(500003, changes)]
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run_import(gias_file(rows))

    assert f"line 4: {reason}" in str(raised.value)
    assert "nothing was imported" in str(raised.value)
    assert snapshot() == before


def test_duplicate_urn_is_reported_on_its_second_line_naming_the_first(existing_school, gias_file):
    rows = [gias_row(500002), gias_row(500003), gias_row(500002, {"EstablishmentName": "Twin"})]
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run_import(gias_file(rows))

    assert "line 4: URN 500002 is repeated (first on line 2)" in str(raised.value)
    assert "line 2:" not in str(raised.value)
    assert snapshot() == before


def test_every_bad_line_is_named(existing_school, gias_file):
    rows = [gias_row(500001, {"NumberOfPupils": "555"})]
    rows += [gias_row(600000 + n, changes) for n, (changes, _) in enumerate(BAD_ROWS.values())]
    rows += [gias_row(500001)]
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        run_import(gias_file(rows))

    message = str(raised.value)
    for line, (_, reason) in enumerate(BAD_ROWS.values(), start=3):
        assert f"line {line}: {reason}" in message
    duplicate_line = len(BAD_ROWS) + 3
    assert f"line {duplicate_line}: URN 500001 is repeated (first on line 2)" in message
    assert f"{len(BAD_ROWS) + 1} invalid rows" in message
    assert snapshot() == before


def test_a_failed_write_leaves_the_database_unchanged(existing_school, gias_file, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    # The new school is written first, then the update fails: the new school must not stay.
    monkeypatch.setattr(gias, "bulk_update_with_history", fail)
    path = gias_file([gias_row(500002), gias_row(500001, {"NumberOfPupils": "555"})])
    before = snapshot()

    with pytest.raises(RuntimeError):
        run_import(path)

    assert snapshot() == before


def test_line_numbers_count_line_breaks_inside_quoted_cells(gias_file):
    two_lines = {"Street": "Unit 4\nHarbour Buildings"}
    rows = [gias_row(500001, two_lines), gias_row("x1"), gias_row("x2", two_lines), gias_row(500004)]
    path = gias_file(rows)
    assert path.read_bytes().count(b"\n") == 7

    with pytest.raises(CommandError) as raised:
        run_import(path)

    # A row is reported on the line it starts on.
    assert "line 4: URN 'x1' is not a number" in str(raised.value)
    assert "line 5: URN 'x2' is not a number" in str(raised.value)


def test_a_row_with_missing_values_is_invalid(gias_file):
    path = gias_file([gias_row(500001)])
    with path.open("a", encoding="cp1252", newline="") as stream:
        stream.write("500002,883,Thurrock\r\n")

    with pytest.raises(CommandError) as raised:
        run_import(path)

    assert f"line 3: the row has 3 values but the header has {len(header())} columns" in str(raised.value)
    assert not School.objects.exists()


def test_skip_invalid_imports_the_good_rows_and_reports_the_bad(existing_school, gias_file):
    rows = [
        gias_row(500001, {"NumberOfPupils": "555"}),
        gias_row("abc"),
        gias_row(500002),
        gias_row(500003, {"OpenDate": "yesterday"}),
        gias_row(500002),
    ]

    out, err = run_import(gias_file(rows), "--skip-invalid")

    assert counts(out) == {"created": 1, "updated": 1, "unchanged": 0, "skipped": 3, "invalid": 3}
    assert "line 3: URN 'abc' is not a number" in err
    assert "line 5: OpenDate 'yesterday' is not a date" in err
    assert "line 6: URN 500002 is repeated (first on line 4)" in err
    assert set(School.objects.values_list("urn", flat=True)) == {500001, 500002}
    existing_school.refresh_from_db()
    assert existing_school.number_of_pupils == 555


def test_cp1252_characters_round_trip(gias_file):
    changes = {
        "EstablishmentName": "St Brigid’s £1 Academy",
        "HeadTitle (name)": "Ms",
        "HeadFirstName": "Siobhán",
        "HeadLastName": "O'Brien",
        "Town": "Südbury",
    }
    path = gias_file([gias_row(500001, changes)])
    raw = path.read_bytes()
    assert "Siobhán".encode() not in raw
    assert b"Siobh\xe1n" in raw
    assert b"\xa31" in raw
    assert b"Brigid\x92s" in raw

    run_import(path)

    school = School.objects.get(urn=500001)
    assert school.name == "St Brigid’s £1 Academy"
    assert school.head_name == "Ms Siobhán O'Brien"
    assert school.town == "Südbury"


def test_utf8_file_with_byte_order_mark_is_read_as_utf8(gias_file):
    path = gias_file([gias_row(500001, {"HeadFirstName": "Chloë"})], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfURN,")

    run_import(path)

    assert "Chloë" in School.objects.get(urn=500001).head_name


def test_encoding_option_is_used(gias_file):
    path = gias_file([gias_row(500001, {"HeadFirstName": "Zoë"})], encoding="utf-16")

    run_import(path, "--encoding", "utf-16")

    assert "Zoë" in School.objects.get(urn=500001).head_name


def test_bytes_that_do_not_decode_are_reported_with_their_line(gias_file):
    path = gias_file([gias_row(500001), gias_row(500002, {"HeadFirstName": "@@@"})])
    path.write_bytes(path.read_bytes().replace(b"@@@", b"\x81"))

    with pytest.raises(CommandError, match=r"not valid cp1252 text: line 3"):
        run_import(path)

    assert not School.objects.exists()


def test_columns_in_another_order_with_an_unknown_column(gias_file):
    columns = list(reversed(header()))
    columns.insert(5, "Favourite colour")
    row = gias_row(500001, {"Favourite colour": "teal", "EstablishmentStatus (name)": "Closed"})

    run_import(gias_file([row], columns=columns))

    school = School.objects.get(urn=500001)
    assert (school.name, school.la_code, school.status) == ("Test School 500001", "883", School.Status.CLOSED)
    assert school.head_name == "Mr Siobhán Hughes"
    assert (school.statutory_low_age, school.statutory_high_age) == (4, 11)
    assert (school.easting, school.northing) == (565737, 182869)


@pytest.mark.parametrize("column", ["URN", "EstablishmentName"])
def test_file_missing_a_required_column_is_rejected(column, gias_file):
    columns = [name for name in header() if name != column]

    with pytest.raises(CommandError, match=rf"no '{re.escape(column)}' column"):
        run_import(gias_file([gias_row(500001)], columns=columns))

    assert not School.objects.exists()


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file: .*absent.csv"):
        run_import(tmp_path / "absent.csv")


def test_progress_bar_only_on_a_terminal(gias_file, capsys):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    path = gias_file([gias_row(500001)])
    call_command("import_gias", str(path), stdout=io.StringIO())
    captured = capsys.readouterr()
    assert "Reading" not in captured.out + captured.err

    call_command("import_gias", str(path), stdout=Terminal())
    assert "Reading" in capsys.readouterr().out


BATCH_SIZE = 10


def max_queries(rows):
    """Loading the schools, a savepoint and its release, then per batch one write for schools and one for history."""
    return 3 + 2 * math.ceil(rows / BATCH_SIZE)


@pytest.mark.parametrize("rows", [1, 45])
def test_creating_takes_queries_per_batch_not_per_row(rows, gias_file, django_assert_max_num_queries):
    path = gias_file([gias_row(500000 + n) for n in range(rows)])

    with django_assert_max_num_queries(max_queries(rows)):
        result = gias.import_gias(path, batch_size=BATCH_SIZE)

    assert result.created == rows
    assert School.history.count() == rows


@pytest.mark.parametrize("rows", [1, 45])
def test_updating_takes_queries_per_batch_not_per_row(rows, gias_file, django_assert_max_num_queries):
    gias.import_gias(gias_file([gias_row(500000 + n) for n in range(rows)]))
    path = gias_file([gias_row(500000 + n, {"NumberOfPupils": "7"}) for n in range(rows)])

    with django_assert_max_num_queries(max_queries(rows)):
        result = gias.import_gias(path, batch_size=BATCH_SIZE)

    assert result.updated == rows
    assert School.objects.filter(number_of_pupils=7).count() == rows
    assert School.history.filter(history_type="~").count() == rows


def test_an_update_sets_only_the_columns_that_changed(gias_file):
    rows = [gias_row(500000 + n) for n in range(4)]
    gias.import_gias(gias_file(rows))
    rows[0]["NumberOfPupils"] = "7"
    rows[1]["Town"] = "Tilbury Docks"
    rows[2].update({"NumberOfPupils": "8", "Town": "Chadwell St Mary"})

    with CaptureQueriesContext(connection) as queries:
        result = gias.import_gias(gias_file(rows))

    updates = [query["sql"] for query in queries if query["sql"].startswith('UPDATE "schools_school"')]
    set_columns = sorted(re.findall(r'"(\w+)" = (?:CAST)?\(?CASE', sql) for sql in updates)
    assert set_columns == [["number_of_pupils"], ["town"]]
    assert result.updated == 3
    values = dict(School.objects.values_list("urn", "number_of_pupils"))
    assert [values[500000 + n] for n in range(4)] == [7, 297, 8, 297]
    assert list(School.objects.order_by("urn").values_list("town", flat=True)) == [
        "Tilbury",
        "Tilbury Docks",
        "Chadwell St Mary",
        "Tilbury",
    ]
    assert School.history.filter(history_type="~").count() == 3
