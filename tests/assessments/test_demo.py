"""Demo self-assessments: enough schools for the averages, the demo school left to walk the journey."""

import pytest

from assessments.demo import build_demo, submit_demo_assessment
from assessments.models import Assessment, Rating, Round
from assessments.report import build_report
from assessments.services import principle_scores
from schools.demo import build_registry
from schools.models import School

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    build_registry()


def snapshot():
    rows = Assessment.objects.values_list("school__urn", "round", "status", "report_sent_by", "responses__rating")
    return sorted(rows)


def test_demo_assessments(registry):
    built = build_demo()
    wharfside = School.objects.get(name="Wharfside Primary School")
    assert not wharfside.assessments.exists()
    baselines = Assessment.objects.filter(round=Round.BASELINE, status=Assessment.Status.SUBMITTED)
    assert baselines.filter(school__phase="Primary").count() >= 5
    assert baselines.filter(school__phase="Secondary").count() >= 5
    assert Assessment.objects.filter(round=Round.REVIEW).count() >= 5
    assert Assessment.objects.filter(report_sent_at__isnull=False).exists()
    assert Assessment.objects.filter(report_sent_at__isnull=True).exists()
    led = School.objects.filter(la_code="883", status=School.Status.OPEN, memberships__role="mental_health_lead")
    without = led.exclude(assessments__isnull=False).count()
    assert 2 <= without <= 10
    assert len(built) == Assessment.objects.count()

    secondary = baselines.filter(school__phase="Secondary").first()
    report = build_report(secondary)
    assert all(row.borough.shown and row.phase.shown for row in report.rows)
    scores = {round(row.score, 1) for a in baselines[:10] for row in principle_scores(a)}
    assert len(scores) > 5  # varied


def test_demo_is_deterministic_and_idempotent(registry):
    build_demo()
    first = snapshot()
    build_demo()
    assert snapshot() == first


def test_submit_demo_assessment_with_given_ratings(school, lead, framework):
    ratings = {1: Rating.NOT_IN_PLACE, 2: Rating.EMBEDDED}
    assessment = submit_demo_assessment(school, Round.BASELINE, lead, ratings=ratings)
    scores = {row.principle.number: row.score for row in principle_scores(assessment)}
    assert assessment.is_submitted and assessment.submitted_by == lead
    assert scores[1] == 1.0 and scores[2] == 4.0
    assert len(scores) == 8
    assert submit_demo_assessment(school, Round.BASELINE, lead) == assessment
