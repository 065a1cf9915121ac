"""School submissions in the Wagtail admin: listings, history, compare, and the vote log action."""

from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .admin_panels import arrange_review_panels
from .models import ActionPlan, ModeratedSubmission


class SubmissionViewSet(SnippetViewSet):
    """What every school submission's admin shares: scoped, read-only, with history and compare."""

    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = admin_views.IndexView
    edit_view_class = admin_views.EditView
    inspect_view_class = admin_views.InspectView
    history_view_class = admin_views.HistoryView
    revisions_compare_view_class = admin_views.RevisionsCompareView
    revisions_view_class = admin_views.PreviewRevisionView
    workflow_history_view_class = admin_views.WorkflowHistoryView
    workflow_history_detail_view_class = admin_views.WorkflowHistoryDetailView
    workflow_action_view_class = admin_views.WorkflowActionView
    collect_workflow_action_data_view_class = admin_views.CollectWorkflowActionDataView
    confirm_workflow_cancellation_view_class = admin_views.ConfirmWorkflowCancellationView
    usage_view_class = admin_views.UsageView
    search_fields = ["school__name"]
    list_filter = ["live"]


class ActionPlanViewSet(SubmissionViewSet):
    model = ActionPlan
    icon = "tasks"
    menu_label = "Action plans"
    list_display = ["school", UpdatedAtColumn()]
    inspect_template_name = "workflows/admin/inspect_action_plan.html"


class SchoolSubmissionsGroup(SnippetViewSetGroup):
    menu_label = "School submissions"
    menu_icon = "tasks"
    menu_order = 250
    # Other submission types (award stages) add their viewsets with `menu_hook` set to this.
    submenu_hook = "register_school_submissions_menu_item"
    items = [ActionPlanViewSet]


register_snippet(SchoolSubmissionsGroup)


@hooks.register("construct_snippet_action_menu")
def read_only_submissions(menu_items, request, context):
    """No save, publish or submit buttons on a school's submission: schools write it in the portal."""
    if isinstance(context.get("instance"), ModeratedSubmission):
        menu_items.clear()


hooks.register("construct_homepage_panels", arrange_review_panels)


@hooks.register("register_log_actions")
def register_vote_action(actions):
    """Steering-group votes appear in Wagtail's history views as well as on the portal timeline."""

    @actions.register_action("workflows.vote")
    class VoteFormatter(LogFormatter):
        label = "Steering group vote"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            decision = "approved" if data.get("decision") == "approve" else "requested changes"
            return f"Steering group member {decision} ({data.get('approvals', 0)} of {data.get('quorum', 0)} approvals)"

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")
