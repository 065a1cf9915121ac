"""The admin dashboard's queue of school submissions waiting for the signed-in reviewer."""

from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import TaskState

from .models import ModeratedSubmission
from .queue import review_queue, waiting_task_states


class SchoolSubmissionsToReviewPanel(Component):
    """School submissions waiting for this reviewer, each linking to its review page."""

    name = "school_submissions_to_review"
    template_name = "workflows/admin/review_queue.html"
    order = 210

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        """The queue built once, before the panel renders."""
        return {"items": self.items}


class PagesToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's own queue, left with the pages: school submissions have their own panel."""

    def get_context_data(self, parent_context):
        """Wagtail's context without the school submissions."""
        context = super().get_context_data(parent_context)
        context["states"] = [s for s in context["states"] if not isinstance(s["obj"], ModeratedSubmission)]
        return context


def arrange_review_panels(request, panels):
    """Show school submissions in their own panel; keep Wagtail's for reviewers who also moderate pages."""
    items = review_queue(request.user)
    waiting_here = waiting_task_states(request.user).values("pk")
    has_other_reviews = TaskState.objects.reviewable_by(request.user).exclude(pk__in=waiting_here).exists()
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            if has_other_reviews:
                panels[index] = PagesToModeratePanel()
            else:
                del panels[index]
            break
    if items:
        panels.append(SchoolSubmissionsToReviewPanel(items))
