"""Demo action plans: one school or more at every point of the journey, the demo school left alone."""

from wagtail.models import WorkflowState

import pytest

from assessments.demo import build_demo as build_assessments
from schools.demo import build_registry
from schools.models import ClusterAssignment, School
from workflows.demo import STAGES, build_demo
from workflows.models import ActionPlan, AssignedWorkerReviewTask, SteeringGroupApprovalTask
from workflows.queue import review_queue

pytestmark = pytest.mark.django_db


def stage_of(plan):
    """Which of the demo's stages a plan is at, read back from its state."""
    state = plan.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected_at = state.current_task_state.task.specific
        return "changes_requested_by_" + ("worker" if isinstance(rejected_at, AssignedWorkerReviewTask) else "steering")
    if state is not None:
        return "with_worker" if isinstance(plan.current_workflow_task, AssignedWorkerReviewTask) else "with_steering"
    if plan.live:
        return "approved_with_new_draft" if plan.has_draft else "approved"
    return "draft"


def test_demo_plans_cover_every_stage_and_leave_the_demo_school_alone():
    build_registry()
    build_assessments()
    made = build_demo()
    plans = list(ActionPlan.objects.select_related("school"))
    assert made == len(plans) == len(STAGES) * 2
    assert sorted(stage_of(plan) for plan in plans) == sorted(STAGES * 2)
    assert not ActionPlan.objects.filter(school__name="Wharfside Primary School").exists()
    assert all(len(plan.get_draft().actions.all()) >= 3 for plan in plans)

    # worker@example.org, assigned to the demo school's cluster, has something to review.
    worker = ClusterAssignment.objects.get(worker__email="worker@example.org").worker
    assert review_queue(worker)
    # One steering plan already has a vote, so a single demo member can complete the quorum.
    with_steering = [plan for plan in plans if isinstance(plan.current_workflow_task, SteeringGroupApprovalTask)]
    assert all(plan.current_workflow_task_state.votes.count() == 1 for plan in with_steering)

    assert build_demo() == 0, "a second run changes nothing"
    assert ActionPlan.objects.count() == len(plans)
    assert School.objects.filter(action_plan__isnull=False).count() == len(plans)
