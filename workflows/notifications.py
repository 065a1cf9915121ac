"""Emails at each step of a school submission's review, sent through `sws_site.notifications.notify`.

- the reviewers, when a step starts waiting for them;
- the school (its lead, head teacher and whoever submitted), on receipt, on a request for changes
  (with the comment) and on approval.
"""

from django.contrib.auth import get_user_model

from wagtail.admin import signal_handlers as wagtail_notifiers
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from schools.models import Membership
from sws_site.notifications import notify

from .models import AssignedWorkerReviewTask, ModeratedSubmission, SteeringGroupApprovalTask


def school_contacts(submission, requested_by=None):
    """Email addresses of the school's lead and head teacher, and of whoever submitted."""
    addresses = set(
        Membership.objects.filter(school=submission.school, role__in=Membership.LEADERSHIP_ROLES, user__is_active=True)
        .values_list("user__email", flat=True)
    )
    if requested_by is not None and requested_by.is_active:
        addresses.add(requested_by.email)
    return sorted(addresses)


def reviewers(task, school):
    """The people who may act on this step for this school, by email address."""
    users = get_user_model().objects.filter(is_active=True)
    if isinstance(task, AssignedWorkerReviewTask):
        users = users.filter(cluster_assignments__cluster__schools=school)
    elif isinstance(task, SteeringGroupApprovalTask):
        users = users.filter(groups__in=task.groups.all()).exclude(memberships__school=school)
    else:
        return []
    return sorted(set(users.values_list("email", flat=True)))


def _context(submission, **extra):
    return {
        "submission": submission,
        "school": submission.school,
        "name": submission.notification_subject(),
        "portal_link": submission.get_portal_url(),
        **extra,
    }


def on_task_submitted(sender, instance, user=None, **kwargs):
    """Tell the reviewers of the step that has just started."""
    submission = instance.workflow_state.content_object
    if not isinstance(submission, ModeratedSubmission):
        return
    task = instance.task.specific
    notify(
        "workflows/email/review_waiting.txt",
        _context(submission, task=task, admin_link=AdminURLFinder().get_edit_url(submission) or ""),
        reviewers(task, submission.school),
    )


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """Confirm receipt to the school."""
    submission = instance.content_object
    if isinstance(submission, ModeratedSubmission):
        context = _context(submission, submitted_by=user)
        notify("workflows/email/received.txt", context, school_contacts(submission, user))


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    """Send the reviewer's comment to the school."""
    submission = instance.content_object
    if isinstance(submission, ModeratedSubmission):
        task_state = instance.current_task_state
        notify(
            "workflows/email/changes_requested.txt",
            _context(submission, reviewer=user, comment=task_state.comment, task=task_state.task),
            school_contacts(submission, instance.requested_by),
        )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """Tell the school its submission is approved."""
    submission = instance.content_object
    if isinstance(submission, ModeratedSubmission):
        notify("workflows/email/approved.txt", _context(submission), school_contacts(submission, instance.requested_by))


def _not_for_school_submissions(notifier):
    """Wagtail's own workflow emails link to the admin, which schools cannot use; ours replace them."""
    can_handle = notifier.can_handle

    def can_handle_unless_school_submission(instance, **kwargs):
        content_object = (
            instance.workflow_state.content_object if isinstance(instance, TaskState) else instance.content_object
        )
        return can_handle(instance, **kwargs) and not isinstance(content_object, ModeratedSubmission)

    notifier.can_handle = can_handle_unless_school_submission


def connect():
    """Called once from the app's ready()."""
    task_submitted.connect(on_task_submitted, sender=TaskState, dispatch_uid="workflows_task_submitted")
    workflow_submitted.connect(on_workflow_submitted, sender=WorkflowState, dispatch_uid="workflows_submitted")
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid="workflows_rejected")
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid="workflows_approved")
    for notifier in (
        wagtail_notifiers.task_submission_email_notifier,
        wagtail_notifiers.workflow_submission_email_notifier,
        wagtail_notifiers.workflow_approval_email_notifier,
        wagtail_notifiers.workflow_rejection_email_notifier,
    ):
        _not_for_school_submissions(notifier)
