"""Submitting, withdrawing and deciding school submissions: the portal's and the tests' entry points.

Each state change takes a row lock on the submission, so a double-clicked "Submit" or a withdrawal
racing a reviewer's decision ends in one outcome.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wagtail.models import WorkflowState

from schools.access import schools_submitting_for


class SubmissionError(Exception):
    """A request the submission's state does not allow; the message is for the school."""


def can_submit_for(user, school):
    """Whether the user writes and submits for this school (its lead or head teacher)."""
    return schools_submitting_for(user).filter(pk=school.pk).exists()


def _locked(submission):
    """The submission's row, locked until the transaction ends.

    Every state change locks the submission first (then, for a decision, its task state), so
    competing changes queue in one order instead of deadlocking.
    """
    return type(submission).objects.select_for_update().get(pk=submission.pk)


@transaction.atomic
def submit(submission, user):
    """Send the latest draft to review, or back to the step that asked for changes."""
    submission = _locked(submission)
    if not can_submit_for(user, submission.school):
        raise PermissionDenied
    state = submission.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise SubmissionError("It is already with the reviewers.")
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return state
    if not submission.has_draft:
        raise SubmissionError("There are no changes since the approved version to submit.")
    problems = submission.get_draft().submission_problems()
    if problems:
        raise SubmissionError(problems[0])
    workflow = submission.get_workflow()
    if workflow is None:
        raise SubmissionError("Approval is switched off at the moment. Contact the service.")
    return workflow.start(submission, user)


@transaction.atomic
def withdraw(submission, user):
    """Take the submission back from review so the school can change it."""
    submission = _locked(submission)
    if not can_submit_for(user, submission.school):
        raise PermissionDenied
    # Read after taking the lock: a reviewer's decision may have just ended the review.
    state = submission.current_workflow_state
    if state is None:
        raise SubmissionError("It is not with the reviewers.")
    state.cancel(user=user)


def decide(submission, user, action, comment="", **extra):
    """Approve ("approve") or request changes ("reject") on the step the submission is at."""
    task_state = submission.current_workflow_task_state
    if task_state is None:
        raise SubmissionError("It is not waiting for a review.")
    task = task_state.task.specific
    task.on_action(task_state, user, action, comment=comment, **extra)
