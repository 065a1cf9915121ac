"""Suppression, the pooled borough average, the school's profile and its highest risk factors."""

import pytest

from surveys.services import (
    MIN_RESPONDENTS,
    MIN_SCHOOLS,
    SUPPRESSED_AVERAGE,
    SUPPRESSED_SCHOOL,
    BoroughFigure,
    SchoolFigure,
    borough_figures,
    highest_risk_factors,
    school_profile,
)
from tests.surveys.factories import SurveyResultFactory, borough, indicator

pytestmark = pytest.mark.django_db


def test_thresholds_are_ten_pupils_and_five_schools():
    assert (MIN_RESPONDENTS, MIN_SCHOOLS) == (10, 5)


@pytest.mark.parametrize(("denominator", "suppressed"), [(9, True), (10, False), (1, True), (250, False)])
def test_a_school_figure_from_fewer_than_ten_pupils_is_suppressed(denominator, suppressed):
    figure = SchoolFigure(min(3, denominator), denominator)
    assert figure.suppressed is suppressed
    if suppressed:
        assert figure.percentage is None
        assert figure.display == SUPPRESSED_SCHOOL == "Fewer than 10 pupils answered"
        assert figure.respondents_display == ""
    else:
        assert figure.display == f"{100 * 3 / denominator:.0f}%"


def test_borough_figure_from_fewer_than_five_schools_is_suppressed():
    assert BoroughFigure(4, 40, 400).display == SUPPRESSED_AVERAGE
    assert BoroughFigure(4, 40, 400).percentage is None
    assert BoroughFigure(5, 40, 400).display == "10%"


def test_borough_average_is_pooled_over_unsuppressed_schools_only(school):
    code = "lonely"
    borough(2025, code, [10, 20, 30, 40], denominator=100)
    SurveyResultFactory(year=2025, indicator=indicator(code), numerator=60, denominator=200)  # 30%, twice the pupils
    SurveyResultFactory(year=2025, indicator=indicator(code), numerator=9, denominator=9)  # suppressed: left out
    SurveyResultFactory(year=2024, indicator=indicator(code), numerator=90, denominator=100)  # another year

    figure = borough_figures(2025)[indicator(code).pk]

    assert (figure.schools, figure.numerator, figure.denominator) == (5, 160, 600)
    assert figure.percentage == pytest.approx(100 * 160 / 600)


def test_borough_average_is_suppressed_when_suppression_leaves_fewer_than_five_schools(school):
    code = "lonely"
    borough(2025, code, [10, 20, 30, 40], denominator=100)
    SurveyResultFactory(year=2025, indicator=indicator(code), numerator=5, denominator=9)

    figure = borough_figures(2025)[indicator(code).pk]

    assert figure.schools == 4
    assert figure.suppressed
    assert figure.display == "Not shown: fewer than 5 schools"


def test_profile_is_the_latest_year_against_the_borough_with_the_year_before(school):
    borough(2025, "lonely", [10, 10, 10, 10, 10])
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=25, denominator=100)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("trusted_adult"), numerator=5, denominator=8)
    SurveyResultFactory(school=school, year=2024, indicator=indicator("lonely"), numerator=20, denominator=100)
    SurveyResultFactory(school=school, year=2023, indicator=indicator("lonely"), numerator=50, denominator=100)

    profile = school_profile(school)

    assert (profile.year, profile.previous_year, profile.label, profile.previous_label) == (
        2025, 2024, "2025/26", "2024/25",
    )
    lonely, = profile.risk_rows
    assert lonely.school.display == "25%"
    assert lonely.borough.schools == 6 and lonely.borough.display == f"{100 * 75 / 600:.0f}%"
    assert lonely.difference == pytest.approx(25 - 12.5)
    assert lonely.difference_display == "12 points above the borough average"
    assert lonely.change_display == "Up 5 points"
    assert lonely.concern
    trusted, = profile.protective_rows
    assert trusted.school.display == SUPPRESSED_SCHOOL
    assert trusted.borough.display == SUPPRESSED_AVERAGE  # only this school answered it
    assert trusted.difference is None and not trusted.concern
    assert trusted.change_display == "No result"


def test_profile_of_a_school_without_results_is_none(school):
    SurveyResultFactory(year=2025)
    assert school_profile(school) is None
    assert highest_risk_factors(school) == []


def test_highest_risk_factors_are_the_risks_furthest_above_the_borough(school):
    others = borough(2025, "lonely", [10] * 5)
    for code in ("low_wellbeing", "bullied_recently", "anxious_often", "poor_sleep", "trusted_adult"):
        for other in others:
            SurveyResultFactory(school=other, year=2025, indicator=indicator(code), numerator=10, denominator=100)
    mine = {
        "lonely": 40,  # ~ +25 points
        "bullied_recently": 30,  # ~ +16
        "anxious_often": 20,  # ~ +8
        "low_wellbeing": 15,  # ~ +4
        "poor_sleep": 5,  # below the borough
        "trusted_adult": 90,  # protective: never a risk factor
    }
    for code, numerator in mine.items():
        SurveyResultFactory(school=school, year=2025, indicator=indicator(code), numerator=numerator, denominator=100)

    assert [i.code for i in highest_risk_factors(school)] == ["lonely", "bullied_recently", "anxious_often"]
    assert [i.code for i in highest_risk_factors(school, n=5)] == [
        "lonely", "bullied_recently", "anxious_often", "low_wellbeing",
    ]


def test_highest_risk_factors_leave_out_suppressed_figures(school):
    others = borough(2025, "lonely", [10] * 5)
    for other in others[:3]:  # with this school, 4 answered about bullying: the average is not shown
        SurveyResultFactory(
            school=other, year=2025, indicator=indicator("bullied_recently"), numerator=1, denominator=100
        )
    SurveyResultFactory(school=school, year=2025, indicator=indicator("lonely"), numerator=9, denominator=9)  # small
    SurveyResultFactory(
        school=school, year=2025, indicator=indicator("bullied_recently"), numerator=90, denominator=100
    )

    assert highest_risk_factors(school) == []


def test_highest_risk_factors_come_with_their_topics(school, django_assert_num_queries):
    borough(2025, "bullied_recently", [10] * 5)
    SurveyResultFactory(
        school=school, year=2025, indicator=indicator("bullied_recently"), numerator=50, denominator=100
    )

    with django_assert_num_queries(3):
        factors = highest_risk_factors(school)
        slugs = {topic.slug for factor in factors for topic in factor.topics.all()}

    assert slugs == {"bullying", "online-safety"}
