"""Importing results: the format, every kind of bad row, all or nothing, BOM, and replacing on re-import."""

import io

from django.core.management import CommandError, call_command

import pytest

from surveys import importer
from surveys.models import SurveyImport, SurveyResult
from tests.schools.factories import SchoolFactory
from tests.surveys.factories import SurveyResultFactory, csv_file, indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(db):
    return SchoolFactory(urn=100001), SchoolFactory(urn=100002)


def results():
    """Every stored result as (urn, year, code, numerator, denominator)."""
    return set(
        SurveyResult.objects.values_list(
            "school__urn", "year", "indicator__code", "numerator", "denominator"
        )
    )


def rejected(path):
    """The row errors of a file the import refuses, as (line, message) pairs."""
    with pytest.raises(importer.InvalidRowsError) as caught:
        importer.import_results(path, file_name=path.name)
    return [(error.line, error.message) for error in caught.value.errors]


@pytest.mark.parametrize("bom", [False, True])
def test_good_file_is_imported_with_or_without_a_byte_order_mark(tmp_path, schools, bom):
    path = csv_file(
        tmp_path,
        "100001,2025,low_wellbeing,12,100",
        "100001,2025,BULLIED_RECENTLY,30,100",
        "100002,2024,trusted_adult,7,9",
        bom=bom,
    )

    result = importer.import_results(path, file_name="results.csv")

    assert results() == {
        (100001, 2025, "low_wellbeing", 12, 100),
        (100001, 2025, "bullied_recently", 30, 100),
        (100002, 2024, "trusted_adult", 7, 9),
    }
    assert (result.created, result.replaced, result.years) == (3, 0, [2024, 2025])
    record = SurveyImport.objects.get()
    assert (record.file_name, record.rows, record.schools, record.years) == ("results.csv", 3, 2, "2024, 2025")


def test_columns_may_come_in_any_order_and_case_with_extra_columns(tmp_path, schools):
    path = csv_file(
        tmp_path, '"Wharfside, Primary",25,100,low_wellbeing,2025,100001',
        header="School name,Numerator,DENOMINATOR,Indicator,Year,URN",
    )
    importer.import_results(path, file_name="x.csv")
    assert results() == {(100001, 2025, "low_wellbeing", 25, 100)}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("999999,2025,low_wellbeing,1,10", "URN 999999 is not a school in the registry"),
        ("abc,2025,low_wellbeing,1,10", "urn 'abc' is not a number"),
        (",2025,low_wellbeing,1,10", "urn is empty"),
        ("100001,25,low_wellbeing,1,10", "year '25' is not a year like 2025 (for the 2025/26 survey)"),
        ("100001,1999,low_wellbeing,1,10", "year 1999 is not between 2000 and"),
        ("100001,2025,happiness,1,10", "indicator 'happiness' is not a known indicator (expected one of"),
        ("100001,2025,low_wellbeing,1.5,10", "numerator '1.5' is not a whole number"),
        ("100001,2025,low_wellbeing,12%,100", "numerator '12%' is not a whole number"),
        ("100001,2025,low_wellbeing,3,ten", "denominator 'ten' is not a whole number"),
        ("100001,2025,low_wellbeing,-1,10", "numerator -1 is negative"),
        ("100001,2025,low_wellbeing,1,-10", "denominator -10 is negative"),
        ("100001,2025,low_wellbeing,,10", "numerator is empty"),
        ("100001,2025,low_wellbeing,11,10", "numerator 11 is more than denominator 10"),
        ("100001,2025,low_wellbeing,0,0", "denominator is 0"),
        ("100001,2025,low_wellbeing,1,1000001", "denominator 1000001 is more than 100,000 pupils"),
        ("100001,2025,low_wellbeing,1", "the row has 4 values but the header has 5 columns"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_line(tmp_path, schools, row, message):
    path = csv_file(tmp_path, "100002,2025,low_wellbeing,5,50", row)

    errors = rejected(path)

    assert len(errors) == 1
    line, text = errors[0]
    assert line == 3
    assert text.startswith(message)
    assert not SurveyResult.objects.exists()


def test_a_row_repeated_in_the_file_is_reported_with_the_first_line(tmp_path, schools):
    path = csv_file(
        tmp_path,
        "100001,2025,low_wellbeing,5,50",
        "100001,2025,lonely,5,50",
        "100001,2025,Low_Wellbeing,6,50",
    )
    assert rejected(path) == [
        (4, "URN 100001, year 2025, indicator 'low_wellbeing' is repeated (first on line 2)")
    ]


def test_every_bad_row_is_listed_and_a_row_may_have_several_problems(tmp_path, schools):
    path = csv_file(
        tmp_path,
        "100001,2025,low_wellbeing,5,50",
        "999999,2025,nope,5,50",
        "",
        "100002,2025,lonely,60,50",
    )
    errors = rejected(path)
    assert [line for line, _ in errors] == [3, 3, 5]
    assert "URN 999999" in errors[0][1] and "indicator 'nope'" in errors[1][1]


def test_a_file_with_one_bad_row_changes_nothing(tmp_path, schools):
    existing = SurveyResultFactory(school=schools[0], year=2025, indicator=indicator("lonely"), numerator=3)
    before = results()
    path = csv_file(
        tmp_path,
        "100001,2025,lonely,9,50",
        "100001,2025,low_wellbeing,5,50",
        "100002,2025,low_wellbeing,51,50",
    )

    rejected(path)

    assert results() == before
    existing.refresh_from_db()
    assert existing.numerator == 3
    assert not SurveyImport.objects.exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("urn,year,indicator,numerator", "The file has no 'denominator' column."),
        ("urn,indicator,numerator", "The file has no 'year', 'denominator' columns."),
        ("urn,year,year,indicator,numerator,denominator", "The header names the 'year' column twice."),
    ],
)
def test_a_missing_column_refuses_the_file(tmp_path, schools, header, message):
    path = csv_file(tmp_path, "100001,2025,low_wellbeing,5", header=header)
    with pytest.raises(importer.SurveyFileError, match=message):
        importer.import_results(path, file_name="x.csv")
    assert not SurveyResult.objects.exists()


def test_a_file_that_is_not_utf8_names_the_line(tmp_path, schools):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"urn,year,indicator,numerator,denominator\n100001,2025,low_wellbeing,5,50\n# caf\xe9\n")
    with pytest.raises(importer.SurveyFileError, match="line 3"):
        importer.import_results(path, file_name="x.csv")


@pytest.mark.parametrize("content", [b"", b"urn,year,indicator,numerator,denominator\n"])
def test_an_empty_file_is_refused(tmp_path, schools, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(importer.SurveyFileError):
        importer.import_results(path, file_name="x.csv")


def test_reimport_replaces_the_schools_and_years_in_the_file_only(tmp_path, schools):
    first, second = schools
    SurveyResultFactory(school=first, year=2025, indicator=indicator("lonely"), numerator=1, denominator=20)
    SurveyResultFactory(school=first, year=2025, indicator=indicator("poor_sleep"), numerator=2, denominator=20)
    SurveyResultFactory(school=first, year=2024, indicator=indicator("lonely"), numerator=3, denominator=20)
    SurveyResultFactory(school=second, year=2025, indicator=indicator("lonely"), numerator=4, denominator=20)
    path = csv_file(tmp_path, "100001,2025,lonely,10,20", "100001,2025,low_wellbeing,5,20")

    result = importer.import_results(path, file_name="corrected.csv")

    assert result.replaced == 2
    assert results() == {
        (100001, 2025, "lonely", 10, 20),
        (100001, 2025, "low_wellbeing", 5, 20),  # poor_sleep is gone: the file is the school's whole year
        (100001, 2024, "lonely", 3, 20),
        (100002, 2025, "lonely", 4, 20),
    }


def test_importing_the_same_file_twice_gives_the_same_results(tmp_path, schools):
    path = csv_file(tmp_path, "100001,2025,lonely,10,20", "100002,2025,lonely,4,20")
    importer.import_results(path, file_name="x.csv")
    once = results()
    importer.import_results(path, file_name="x.csv")
    assert results() == once
    assert SurveyResult.objects.count() == 2


def test_small_groups_are_stored_to_be_suppressed_when_shown(tmp_path, schools):
    importer.import_results(csv_file(tmp_path, "100001,2025,lonely,2,3"), file_name="x.csv")
    assert results() == {(100001, 2025, "lonely", 2, 3)}


def test_command_imports_and_summarises(tmp_path, schools):
    path = csv_file(tmp_path, "100001,2025,lonely,10,20", "100002,2025,lonely,4,20", bom=True)
    out = io.StringIO()
    call_command("import_brighter_futures", str(path), stdout=out)
    assert "Imported results.csv: 2 results for 2 schools (survey years 2025); 0 earlier results replaced." in (
        out.getvalue()
    )
    assert SurveyResult.objects.count() == 2


def test_command_lists_every_bad_line_and_imports_nothing(tmp_path, schools):
    path = csv_file(tmp_path, "100001,2025,lonely,10,20", "100009,2025,lonely,4,20", "100002,2025,lonely,x,20")
    with pytest.raises(CommandError) as caught:
        call_command("import_brighter_futures", str(path))
    message = str(caught.value)
    assert "2 invalid rows, so nothing was imported." in message
    assert "line 3: URN 100009 is not a school in the registry" in message
    assert "line 4: numerator 'x' is not a whole number" in message
    assert not SurveyResult.objects.exists()


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_brighter_futures", str(tmp_path / "missing.csv"))
