"""Reviewers and schools acting at the same moment, in real parallel transactions on PostgreSQL.

Each race starts its contenders together (a barrier) in their own threads, so each has its own
database connection and transaction. A race is run several times to give it a chance to interleave.
"""

import threading

from django.db import connection

from wagtail.models import ModelLogEntry, TaskState, WorkflowState

import pytest

from tests.schools.factories import ClusterAssignmentFactory, LeadFactory, SchoolFactory
from workflows.models import ActionPlan, SteeringGroupApprovalTask, Vote
from workflows.models.tasks import DecisionTaken
from workflows.moderation import SubmissionError, decide, withdraw

from .factories import at_steering_step, submitted_plan

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
]

ROUNDS = 5
# What a contender that lost the race may be told: someone else decided, or it is no longer in review.
TOO_LATE = (DecisionTaken, SubmissionError)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time, so nothing races")


def race(*contenders):
    """Run each callable in its own thread and connection, released together; return what each raised, or None."""
    barrier = threading.Barrier(len(contenders))
    raised = [None] * len(contenders)

    def run(index, contender):
        try:
            barrier.wait(timeout=10)
            contender()
        except Exception as error:  # the test inspects whatever was raised
            raised[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a contender is stuck (deadlock?)"
    return raised


def reload(plan):
    return ActionPlan.objects.get(pk=plan.pk)


def new_school():
    """A school with its lead and assigned worker."""
    school = SchoolFactory()
    lead = LeadFactory(school=school).user
    worker = ClusterAssignmentFactory(cluster=school.cluster).worker
    return school, lead, worker


def deciding(plan, user, action, comment=""):
    """A contender: `user` decides on the plan as they find it when the race starts."""
    return lambda: decide(reload(plan), user, action, comment=comment)


def steering_state(plan):
    return TaskState.objects.get(
        workflow_state__object_id=str(plan.pk), task__in=SteeringGroupApprovalTask.objects.all()
    )


def publish_entries(plan):
    return ModelLogEntry.objects.for_instance(plan).filter(action="wagtail.publish")


def set_quorum(quorum):
    SteeringGroupApprovalTask.objects.update(quorum=quorum)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_members_completing_the_quorum_at_once_approve_once(steering, round_):
    """Quorum 2, two approvals together: both votes count, the step and the workflow are approved once."""
    school, lead, worker = new_school()
    plan = at_steering_step(school, lead, worker)

    raised = race(deciding(plan, steering[0], "approve"), deciding(plan, steering[1], "approve"))

    assert raised == [None, None]
    plan = reload(plan)
    assert plan.live and not plan.in_review
    task_state = steering_state(plan)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert Vote.objects.filter(task_state=task_state, decision=Vote.Decision.APPROVE).count() == 2
    assert WorkflowState.objects.filter(object_id=str(plan.pk)).get().status == WorkflowState.STATUS_APPROVED
    assert publish_entries(plan).count() == 1
    approvals = ModelLogEntry.objects.for_instance(plan).filter(action="wagtail.workflow.approve")
    assert approvals.count() == 2, "one for the worker's step, one for the steering step"


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_approvals_short_of_the_quorum_are_both_recorded(steering, round_):
    """Quorum 3, two approvals together: both votes are kept and the plan stays in review."""
    set_quorum(3)
    school, lead, worker = new_school()
    plan = at_steering_step(school, lead, worker)

    raised = race(deciding(plan, steering[0], "approve"), deciding(plan, steering[1], "approve"))

    assert raised == [None, None]
    plan = reload(plan)
    assert plan.in_review and not plan.live
    task_state = steering_state(plan)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert set(Vote.objects.filter(task_state=task_state).values_list("voter", flat=True)) == {
        steering[0].pk,
        steering[1].pk,
    }
    assert not publish_entries(plan).exists()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_the_deciding_vote_racing_a_request_for_changes_has_one_outcome(steering, round_):
    """With one approval in, the quorum-completing approval races a request for changes.

    Whichever locks the plan first decides: either the step is approved (the plan comes into force and no
    request for changes is recorded) or it is rejected (the plan goes back, and the late approval is not
    counted). The loser is told it is too late. The workflow state always agrees with the task state.
    """
    school, lead, worker = new_school()
    plan = at_steering_step(school, lead, worker)
    decide(plan, steering[0], "approve")

    raised = race(
        deciding(plan, steering[1], "approve"),
        deciding(plan, steering[2], "reject", comment="Involve parents."),
    )

    assert sum(error is None for error in raised) == 1, raised
    assert all(error is None or isinstance(error, TOO_LATE) for error in raised), raised
    plan = reload(plan)
    task_state = steering_state(plan)
    workflow_state = task_state.workflow_state
    votes = Vote.objects.filter(task_state=task_state)
    if raised[0] is None:
        assert task_state.status == TaskState.STATUS_APPROVED
        assert workflow_state.status == WorkflowState.STATUS_APPROVED
        assert plan.live
        assert not votes.filter(decision=Vote.Decision.REQUEST_CHANGES).exists()
        assert votes.filter(decision=Vote.Decision.APPROVE).count() == 2
    else:
        assert task_state.status == TaskState.STATUS_REJECTED
        assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert not plan.live and plan.changes_requested
        assert list(votes.values_list("voter", "decision")) == [
            (steering[0].pk, Vote.Decision.APPROVE),
            (steering[2].pk, Vote.Decision.REQUEST_CHANGES),
        ]
        assert not publish_entries(plan).exists()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_withdrawal_racing_the_workers_approval_has_one_outcome(round_):
    """The school withdraws while its worker approves.

    Either the approval came first (step 1 approved, then the withdrawal cancels step 2 before anyone
    reviews it) or the withdrawal did (step 1 cancelled, the worker told it is too late). Either way the
    review is over, nothing is left waiting for a reviewer, and nobody hit a deadlock.
    """
    school, lead, worker = new_school()
    plan = submitted_plan(school, lead)

    raised = race(lambda: withdraw(reload(plan), lead), deciding(plan, worker, "approve"))

    assert raised[0] is None, raised
    assert raised[1] is None or isinstance(raised[1], TOO_LATE), raised
    plan = reload(plan)
    assert not plan.in_review and not plan.live
    assert WorkflowState.objects.filter(object_id=str(plan.pk)).get().status == WorkflowState.STATUS_CANCELLED
    states = TaskState.objects.filter(workflow_state__object_id=str(plan.pk)).order_by("pk")
    assert not states.filter(status=TaskState.STATUS_IN_PROGRESS).exists()
    statuses = [state.status for state in states]
    if raised[1] is None:
        assert statuses == [TaskState.STATUS_APPROVED, TaskState.STATUS_CANCELLED]
    else:
        assert statuses == [TaskState.STATUS_CANCELLED]
