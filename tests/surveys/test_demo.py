"""Demo survey results: two years for the demo borough, some suppressed, the same every run."""

import pytest

from schools.demo import build_registry
from schools.models import School
from surveys.demo import build_demo, demo_years
from surveys.models import SurveyResult
from surveys.services import MIN_RESPONDENTS, highest_risk_factors, school_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    build_registry()


def snapshot():
    fields = ("school__urn", "year", "indicator__code", "numerator", "denominator")
    return sorted(SurveyResult.objects.values_list(*fields))


def test_demo_results_are_deterministic_and_idempotent(registry):
    created = build_demo()
    first = snapshot()
    assert created == len(first) > 0
    assert build_demo() == 0
    assert snapshot() == first

    SurveyResult.objects.all().delete()
    build_demo()
    assert snapshot() == first


def test_demo_results_cover_two_years_with_some_suppressed(registry):
    build_demo()
    years = demo_years()
    assert set(SurveyResult.objects.values_list("year", flat=True)) == set(years)
    open_schools = School.objects.filter(la_code="883", status=School.Status.OPEN).count()
    assert SurveyResult.objects.values("school").distinct().count() == open_schools
    assert SurveyResult.objects.filter(denominator__lt=MIN_RESPONDENTS).exists()
    assert SurveyResult.objects.filter(denominator__gte=MIN_RESPONDENTS).count() > 100
    assert not SurveyResult.objects.filter(school__phase="Primary", indicator__code="self_harm_thoughts").exists()


def test_demo_school_shows_a_profile_with_risk_factors_to_act_on(registry):
    build_demo()
    wharfside = School.objects.get(name="Wharfside Primary School")

    profile = school_profile(wharfside)

    assert (profile.year, profile.previous_year) == tuple(reversed(demo_years()))
    assert all(not row.borough.suppressed for row in profile.rows)
    assert any(row.school.suppressed for row in profile.rows)
    assert {"bullied_recently", "anxious_often"} & {i.code for i in highest_risk_factors(wharfside)}
