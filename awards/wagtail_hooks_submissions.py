"""The award in the admin: criteria versions under "Mental health award", submissions under "School submissions".

Editors draft criteria versions and the Team Manager publishes them, as with the self-assessment
framework (`sws_site.versioning_admin`). Award submissions are read-only and scoped to the schools a
person may see, like action plans; reviewers decide on the review page, naming the criteria that
need more evidence.
"""

from django.utils.html import format_html, format_html_join

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSetGroup

from sws_site.versioning_admin import VersionedDefinitionViewSet
from workflows import admin_views
from workflows.wagtail_hooks import SubmissionViewSet

from .models import AwardSubmission, CriteriaVersion, Stage
from .progress import latest_version

AWARD_MENU_HOOK = "register_award_menu_item"
SUBMISSIONS_MENU_HOOK = "register_school_submissions_menu_item"

FROZEN_MESSAGE = (
    "Schools have started submissions on this version, so it can no longer be changed: their evidence stays "
    "tied to it. Use 'Copy as new draft' to make the next version, change that, then publish it."
)


class CriteriaInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "criteria_list":
            return "Criteria"
        return super().get_field_label(field_name, field)

    def get_criteria_list_display_value(self):
        criteria = self.object.criteria.order_by("stage", "sort_order", "pk")
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "", "<li><strong>{}</strong>: {}</li>", ((Stage(c.stage).label, c.title) for c in criteria)
            ),
        )


class CriteriaVersionViewSet(VersionedDefinitionViewSet):
    model = CriteriaVersion
    icon = "list-ol"
    menu_label = "Criteria versions"
    url_namespace = "awards_criteria"
    url_prefix = "awards/criteria"
    inspect_view_fields = ["number", "name", "status", "published_at", "published_by", "introduction", "criteria_list"]
    inspect_view_class = CriteriaInspectView
    listing_label = "Award criteria versions"
    frozen_message = FROZEN_MESSAGE
    publish_explanation = "Schools starting a stage will answer this version from now on. "
    retire_explanation = "{current} will be retired; schools already working on it carry on with it."
    published_message = "{version} is published. Schools answer it when they start a stage."
    copy_explanation = "This makes a new draft with the same criteria, for you to change and then publish."


class MentalHealthAwardGroup(SnippetViewSetGroup):
    """The award's admin menu; other parts of the award add items through `register_award_menu_item`."""

    menu_label = "Mental health award"
    menu_name = "mental-health-award"
    menu_icon = "pick"
    menu_order = 255
    submenu_hook = AWARD_MENU_HOOK
    items = [CriteriaVersionViewSet]


class AwardInspectView(admin_views.InspectView):
    """The review page, with each criterion's narrative, links and files."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        version = latest_version(submission) if submission.latest_revision_id else submission
        evidence = version.evidence_by_criterion()
        reopened = {r.criterion_id for r in submission.open_evidence_requests()}
        context["evidence_rows"] = [(c, evidence.get(c.pk), c.pk in reopened) for c in submission.criteria()]
        return context


class AwardSubmissionViewSet(SubmissionViewSet):
    model = AwardSubmission
    icon = "pick"
    menu_label = "Award submissions"
    menu_hook = SUBMISSIONS_MENU_HOOK
    list_display = ["school", "stage", UpdatedAtColumn()]
    list_filter = ["live", "stage"]
    inspect_view_class = AwardInspectView
    inspect_template_name = "awards/admin/inspect_award_submission.html"


register_snippet(MentalHealthAwardGroup)
register_snippet(AwardSubmissionViewSet)
