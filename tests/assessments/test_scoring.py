"""Scores per principle, the weak rule, and the library recommendations for weak principles."""

from datetime import timedelta

from django.utils import timezone

import pytest

from assessments.models import Assessment, Rating, Response
from assessments.scoring import WEAK_BELOW, PrincipleScore, format_score
from assessments.services import latest_submitted_assessment, principle_scores, recommendations_for, weak_principles
from resources.models import EvidenceStrength
from taxonomy.models import Principle
from tests.assessments.factories import AssessmentFactory, answer_all, submitted_assessment
from tests.resources.factories import InterventionPageFactory, ResourcePageFactory
from tests.training.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def test_score_is_the_mean_rating_of_the_principles_statements(school, framework):
    assessment = answer_all(AssessmentFactory(school=school), default=Rating.ACHIEVED)
    statements = list(framework.statements.filter(principle__number=2).order_by("sort_order"))
    Response.objects.filter(assessment=assessment, statement=statements[0]).update(rating=Rating.NOT_IN_PLACE)
    Response.objects.filter(assessment=assessment, statement=statements[1]).update(rating=Rating.WORKING_TOWARDS)
    expected = (1 + 2 + 3 * (len(statements) - 2)) / len(statements)

    scores = principle_scores(assessment)

    assert [row.principle.number for row in scores] == list(range(1, 9))
    assert isinstance(scores[0], PrincipleScore)
    assert scores[1].score == pytest.approx(expected)
    assert scores[0].score == 3.0
    assert scores[0].display == "3.0 out of 4"


@pytest.mark.parametrize(("score", "weak"), [(1.0, True), (2.49, True), (2.5, False), (3.0, False)])
def test_weak_means_below_two_and_a_half(score, weak):
    assert WEAK_BELOW == 2.5
    principle = Principle(number=1, name="Leadership")
    assert PrincipleScore(principle, score, score < WEAK_BELOW).weak is weak


def test_weak_principles_weakest_first(school, framework):
    assessment = submitted_assessment(school, ratings={3: 2, 5: 1, 7: 2, 1: 4})
    assert [p.number for p in weak_principles(assessment)] == [5, 3, 7]
    scores = {row.principle.number: row for row in principle_scores(assessment)}
    assert scores[5].weak and not scores[1].weak
    assert scores[5].nearest_rating == "Not in place"


def test_format_score_one_decimal():
    assert format_score(2.375) == "2.4 out of 4"
    assert format_score(3) == "3.0 out of 4"


def test_latest_submitted_assessment_ignores_rounds_in_progress(school, framework):
    assert latest_submitted_assessment(school) is None
    baseline = submitted_assessment(school, when=timezone.now() - timedelta(days=60))
    assert latest_submitted_assessment(school) == baseline
    AssessmentFactory(school=school, round="review", status=Assessment.Status.IN_PROGRESS)
    assert latest_submitted_assessment(school) == baseline
    review = Assessment.objects.get(school=school, round="review")
    review.status, review.submitted_at = Assessment.Status.SUBMITTED, timezone.now()
    review.save()
    assert latest_submitted_assessment(school) == review


def test_recommendations_live_tagged_best_first_a_few_each(intervention_index, resource_index, course_index):
    leadership, voice, other = (Principle.objects.get(number=n) for n in (1, 4, 8))
    weak = InterventionPageFactory(
        parent=intervention_index, title="A weak one", evidence_strength=EvidenceStrength.WEAK, principles=[leadership]
    )
    strong = InterventionPageFactory(
        parent=intervention_index, title="Z strong", evidence_strength=EvidenceStrength.STRONG, principles=[leadership]
    )
    broad = InterventionPageFactory(
        parent=intervention_index,
        title="B strong but broad",
        evidence_strength=EvidenceStrength.STRONG,
        principles=[leadership, voice, other],
    )
    draft = InterventionPageFactory(
        parent=intervention_index, evidence_strength=EvidenceStrength.STRONG, principles=[leadership], live=False
    )
    InterventionPageFactory(parent=intervention_index, evidence_strength=EvidenceStrength.STRONG, principles=[other])
    resources = [ResourcePageFactory(parent=resource_index, principles=[voice]) for _ in range(5)]
    course = CoursePageFactory(parent=course_index, tags={"principles": [voice]})

    result = recommendations_for([leadership, voice])

    assert result[leadership]["interventions"] == [strong, broad, weak]
    assert draft not in result[leadership]["interventions"]
    assert result[voice]["interventions"] == [broad]
    assert len(result[voice]["resources"]) == 3
    assert set(result[voice]["resources"]) <= set(resources)
    assert result[voice]["courses"] == [course]
    assert result[leadership]["resources"] == [] and result[leadership]["courses"] == []


def test_recommendations_for_nothing_is_empty(db):
    assert recommendations_for([]) == {}


def test_recommendations_constant_queries(intervention_index, django_assert_max_num_queries):
    principles = list(Principle.objects.all())
    for principle in principles:
        InterventionPageFactory(
            parent=intervention_index, evidence_strength=EvidenceStrength.STRONG, principles=[principle]
        )
    with django_assert_max_num_queries(6):
        result = recommendations_for(principles)
    assert all(len(result[p]["interventions"]) == 1 for p in principles)
