"""Recommendations put first the pages about a school's highest Brighter Futures Survey risk factors."""

import pytest

from assessments.services import recommendations_for
from resources.models import EvidenceStrength
from taxonomy.models import Principle, Topic
from tests.resources.factories import InterventionPageFactory, ResourcePageFactory
from tests.surveys.factories import SurveyResultFactory, borough, indicator
from tests.training.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def topic(slug):
    return Topic.objects.get(slug=slug)


@pytest.fixture
def bullied(school):
    """`school` is well above the borough on bullying, its only risk factor above average."""
    borough(2025, "bullied_recently", [10] * 5)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("bullied_recently"), numerator=40)
    return school


@pytest.fixture
def leadership(db):
    return Principle.objects.get(number=1)


def test_pages_on_the_schools_risk_topics_rank_first(
    bullied, leadership, intervention_index, resource_index, course_index
):
    strong = InterventionPageFactory(
        parent=intervention_index, title="A strong programme", evidence_strength=EvidenceStrength.STRONG,
        principles=[leadership], topics=[topic("physical-activity")],
    )
    about_bullying = InterventionPageFactory(
        parent=intervention_index, title="Z anti-bullying programme", evidence_strength=EvidenceStrength.WEAK,
        principles=[leadership], topics=[topic("bullying")],
    )
    resources = [
        ResourcePageFactory(parent=resource_index, title=f"A resource {n}", principles=[leadership]) for n in range(3)
    ]
    online = ResourcePageFactory(
        parent=resource_index, title="Z staying safe online", principles=[leadership], topics=[topic("online-safety")]
    )
    CoursePageFactory(parent=course_index, title="A course", tags={"principles": [leadership]})
    course = CoursePageFactory(
        parent=course_index,
        title="Z course on bullying",
        tags={"principles": [leadership], "topics": [topic("bullying")]},
    )

    for_school = recommendations_for([leadership], school=bullied)[leadership]
    without = recommendations_for([leadership])[leadership]

    assert for_school["interventions"] == [about_bullying, strong]
    assert for_school["resources"] == [online, *resources[:2]]
    assert for_school["courses"][0] == course
    assert without["interventions"] == [strong, about_bullying]
    assert online not in without["resources"]


def test_a_school_without_survey_results_gets_the_usual_order(school, leadership, intervention_index):
    strong = InterventionPageFactory(
        parent=intervention_index, evidence_strength=EvidenceStrength.STRONG, principles=[leadership]
    )
    weak = InterventionPageFactory(
        parent=intervention_index, evidence_strength=EvidenceStrength.WEAK, principles=[leadership],
        topics=[topic("bullying")],
    )
    assert recommendations_for([leadership], school=school)[leadership]["interventions"] == [strong, weak]


def test_suppressed_risk_factors_do_not_change_the_order(school, leadership, intervention_index):
    borough(2025, "bullied_recently", [10] * 5)
    SurveyResultFactory(school=school, year=2025, indicator=indicator("bullied_recently"), numerator=9, denominator=9)
    strong = InterventionPageFactory(
        parent=intervention_index, evidence_strength=EvidenceStrength.STRONG, principles=[leadership]
    )
    weak = InterventionPageFactory(
        parent=intervention_index, evidence_strength=EvidenceStrength.WEAK, principles=[leadership],
        topics=[topic("bullying")],
    )
    assert recommendations_for([leadership], school=school)[leadership]["interventions"] == [strong, weak]


def test_query_count_with_a_school_is_fixed(bullied, intervention_index, django_assert_max_num_queries):
    principles = list(Principle.objects.all())
    for principle in principles:
        InterventionPageFactory(
            parent=intervention_index, evidence_strength=EvidenceStrength.STRONG, principles=[principle],
            topics=[topic("bullying")],
        )
    # The usual 6, and 3 for the survey: the school's results, the borough's, and the factors' topics.
    with django_assert_max_num_queries(9):
        result = recommendations_for(principles, school=bullied)
    assert all(len(result[p]["interventions"]) == 1 for p in principles)
