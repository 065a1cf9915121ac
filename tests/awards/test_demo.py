"""Demo awards: one school in every state, through the real calls; the demo school left to start Bronze."""

import pytest

from assessments.demo import build_demo as build_assessments
from awards.demo import STATES, build_demo
from awards.models import Award, AwardSubmission, Stage
from awards.status import Progress, award_status_for
from schools.demo import build_registry
from schools.models import ClusterAssignment, School
from workflows.demo import build_demo as build_action_plans
from workflows.queue import review_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_registry():
    build_registry()
    build_assessments()
    build_action_plans()


def test_demo_awards_cover_every_state_and_leave_the_demo_school_alone(demo_registry):
    made = build_demo()
    assert made == len(STATES)
    statuses = award_status_for(School.objects.all())
    shown = sorted(status.status for status in statuses.values())
    assert shown == sorted(Progress("awarded" if state == "silver_awarded" else state) for state in STATES)
    assert Award.objects.valid().filter(stage=Stage.SILVER).count() == 1, "one school has gone on to Silver"
    # Every other school, the demo school included, has not started.
    demo_school = School.objects.get(memberships__user__email="lead@example.org")
    assert demo_school.name == "Wharfside Primary School"
    assert statuses[demo_school.pk].status == Progress.NOT_STARTED
    assert not AwardSubmission.objects.filter(school=demo_school).exists()

    # Schools with an approved action plan were used first.
    with_plans = School.objects.filter(action_plan__live=True).count()
    used = School.objects.filter(award_submissions__isnull=False).distinct()
    assert used.filter(action_plan__live=True).count() == min(with_plans, len(STATES))

    # The revoked award kept its reason; the request for more evidence named criteria.
    revoked = Award.objects.get(revoked_at__isnull=False)
    assert revoked.revoked_reason
    assert revoked.history.latest().history_user.email == "manager@example.org"
    asked = AwardSubmission.objects.filter(evidence_requests__isnull=False).distinct().get()
    assert asked.open_evidence_requests().count() == 2


def test_the_demo_worker_has_award_evidence_to_review(demo_registry):
    build_demo()
    worker = ClusterAssignment.objects.filter(worker__email="worker@example.org").first().worker
    assert any(isinstance(item.submission, AwardSubmission) for item in review_queue(worker))


def test_a_second_run_changes_nothing(demo_registry):
    first = build_demo()
    counts = (AwardSubmission.objects.count(), Award.objects.count())
    assert first == len(STATES)
    assert build_demo() == 0
    assert (AwardSubmission.objects.count(), Award.objects.count()) == counts
