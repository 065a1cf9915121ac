"""What happens when the last review step approves.

Wagtail imports this module while defining its own models (WAGTAIL_FINISH_WORKFLOW_ACTION), so
it imports ours only when called.
"""


def finish_workflow(workflow_state, user=None):
    """Approve a school submission's reviewed revision; publish pages as Wagtail does.

    A school submission is approved because the workflow's reviewers said so; the last approver
    (a steering-group member) holds no publish permission and should not need one.
    """
    from wagtail.workflows import publish_workflow_state

    from .models import ModeratedSubmission

    obj = workflow_state.content_object
    if isinstance(obj, ModeratedSubmission):
        obj.approve_revision(workflow_state.current_task_state.revision, user)
    else:
        publish_workflow_state(workflow_state, user=user)
