"""The self-assessment framework in the admin: versions, publishing, and copying an answered version.

Editors and the Team Manager add and change drafts; only holders of `publish_frameworkversion`
(the Team Manager) publish, as with pages. A version schools have answered cannot be changed or
deleted (`sws_site.versioning_admin`).
"""

from django.utils.html import format_html, format_html_join

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView

from sws_site.versioning_admin import VersionedDefinitionViewSet

from .framework import FROZEN_MESSAGE
from .models import FrameworkVersion


class FrameworkInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "statement_list":
            return "Statements"
        return super().get_field_label(field_name, field)

    def get_statement_list_display_value(self):
        statements = self.object.statements.select_related("principle").order_by("principle__number", "sort_order")
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li><strong>{}</strong>: {}</li>", ((s.principle, s.text) for s in statements)),
        )


class FrameworkVersionViewSet(VersionedDefinitionViewSet):
    model = FrameworkVersion
    icon = "list-ol"
    menu_label = "Self-assessment"
    menu_name = "self-assessment-framework"
    menu_order = 260
    add_to_admin_menu = True
    url_namespace = "assessments_framework"
    url_prefix = "assessments/framework"
    inspect_view_fields = ["number", "name", "status", "published_at", "published_by", "introduction", "statement_list"]
    inspect_view_class = FrameworkInspectView
    listing_label = "Self-assessment framework versions"
    frozen_message = FROZEN_MESSAGE
    published_message = "{version} is published. Schools will answer it from their next round."
    copy_explanation = "This makes a new draft with the same statements, for you to change and then publish."


register_snippet(FrameworkVersionViewSet)
