"""The self-assessment framework in the admin: versions, publishing, and copying an answered version.

Editors and the Team Manager add and change drafts; only holders of `publish_frameworkversion`
(the Team Manager) publish, as with pages. A version schools have answered cannot be changed or
deleted: the edit and delete screens send the editor to the version's details with the reason.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView, InspectView, SnippetViewSet

from .framework import FROZEN_MESSAGE, FrameworkError, copy_as_draft, publish
from .models import FrameworkVersion

PUBLISH_PERMISSION = "assessments.publish_frameworkversion"
ADD_PERMISSION = "assessments.add_frameworkversion"


def _url_name(view_name):
    return f"{FrameworkVersionViewSet.url_namespace}:{view_name}"


class FrozenGuardMixin:
    """Refuse to change or delete a version that schools have answered."""

    def run_before_hook(self):
        if self.object.is_answered:
            messages.error(self.request, FROZEN_MESSAGE)
            return redirect(reverse(_url_name("inspect"), args=[self.object.pk]))
        return super().run_before_hook()


class FrameworkEditView(FrozenGuardMixin, EditView):
    pass


class FrameworkDeleteView(FrozenGuardMixin, DeleteView):
    def run_before_hook(self):
        if self.object.status == FrameworkVersion.Status.PUBLISHED:
            messages.error(self.request, "The published version cannot be deleted: publish another version first.")
            return redirect(reverse(_url_name("list")))
        return super().run_before_hook()


class FrameworkIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if instance.status == FrameworkVersion.Status.DRAFT and user.has_perm(PUBLISH_PERMISSION):
            url = reverse(_url_name("publish"), args=[instance.pk])
            buttons.append(ListingButton("Publish", url=url, icon_name="upload", priority=5))
        if user.has_perm(ADD_PERMISSION):
            url = reverse(_url_name("copy_draft"), args=[instance.pk])
            buttons.append(ListingButton("Copy as new draft", url=url, icon_name="copy", priority=15))
        return buttons


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


def _confirm(request, version, action, explanation):
    """A confirmation page for an action on a version."""
    return TemplateResponse(
        request,
        "assessments/admin/confirm.html",
        {
            "version": version,
            "action": action,
            "explanation": explanation,
            "header_title": f"{action}: {version}",
            "cancel_url": reverse(_url_name("list")),
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": "Home"},
                {"url": reverse(_url_name("list")), "label": "Self-assessment framework versions"},
                {"url": "", "label": action, "sublabel": str(version)},
            ],
        },
    )


def publish_view(request, pk):
    """Confirm, then publish a draft version and retire the current one."""
    if not request.user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied
    version = get_object_or_404(FrameworkVersion, pk=pk)
    if request.method != "POST":
        current = FrameworkVersion.objects.current()
        explanation = "Schools will answer this version from now on. " + (
            f"{current} will be retired; schools already answering it carry on with it." if current else ""
        )
        return _confirm(request, version, "Publish", explanation)
    try:
        publish(version, request.user)
    except FrameworkError as error:
        messages.error(request, str(error))
    else:
        log(version, "wagtail.publish", user=request.user)
        messages.success(request, f"{version} is published. Schools will answer it from their next round.")
    return redirect(_url_name("list"))


def copy_draft_view(request, pk):
    """Confirm, then copy a version's statements into a new draft."""
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    version = get_object_or_404(FrameworkVersion, pk=pk)
    if request.method != "POST":
        explanation = "This makes a new draft with the same statements, for you to change and then publish."
        return _confirm(request, version, "Copy as new draft", explanation)
    draft = copy_as_draft(version)
    log(draft, "wagtail.create", user=request.user)
    messages.success(request, f"{draft} has been created from {version}.")
    return redirect(_url_name("edit"), draft.pk)


class FrameworkVersionViewSet(SnippetViewSet):
    model = FrameworkVersion
    icon = "list-ol"
    menu_label = "Self-assessment"
    menu_name = "self-assessment-framework"
    menu_order = 260
    add_to_admin_menu = True
    url_namespace = "assessments_framework"
    url_prefix = "assessments/framework"
    list_display = ["__str__", "status", "published_at", "created_at"]
    list_filter = ["status"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["number", "name", "status", "published_at", "published_by", "introduction", "statement_list"]
    index_view_class = FrameworkIndexView
    edit_view_class = FrameworkEditView
    delete_view_class = FrameworkDeleteView
    inspect_view_class = FrameworkInspectView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", publish_view, name="publish"),
            path("copy-draft/<int:pk>/", copy_draft_view, name="copy_draft"),
        ]


register_snippet(FrameworkVersionViewSet)
