"""Factories and helpers for Brighter Futures Survey results."""

import factory

from surveys.models import Indicator, SurveyResult
from tests.schools.factories import SchoolFactory

HEADER = "urn,year,indicator,numerator,denominator"


def indicator(code):
    """A seeded indicator by its code."""
    return Indicator.objects.get(code=code)


class SurveyResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResult

    school = factory.SubFactory(SchoolFactory)
    year = 2025
    indicator = factory.LazyFunction(lambda: indicator("low_wellbeing"))
    numerator = 20
    denominator = 100


def csv_file(tmp_path, *rows, header=HEADER, bom=False, name="results.csv"):
    """Write a results file of `rows` (strings, one per line) and return its path."""
    text = "\n".join([header, *rows]) + "\n"
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def borough(year, code, percentages, denominator=100):
    """Schools each with `denominator` respondents and the given percentages for one indicator; returns them."""
    schools = []
    for percentage in percentages:
        result = SurveyResultFactory(
            year=year, indicator=indicator(code), numerator=percentage * denominator // 100, denominator=denominator
        )
        schools.append(result.school)
    return schools
