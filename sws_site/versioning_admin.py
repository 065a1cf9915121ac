"""The admin for versioned definitions: "Publish" and "Copy as new draft" buttons, and answered versions frozen.

Editors add and change drafts; only holders of `<app>.publish_<model>` (the Team Manager) publish,
as with pages. A version schools have answered cannot be changed or deleted: the edit and delete
screens send the editor to the version's details with the reason. A concrete viewset sets `model`,
the usual snippet options and the wording below.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView, SnippetViewSet

from .versioning import VersioningError, copy_as_draft, publish


def _permission(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class FrozenGuardMixin:
    """Refuse to change or delete a version that schools have answered."""

    def run_before_hook(self):
        if self.object.is_answered:
            messages.error(self.request, self.model.snippet_viewset.frozen_message)
            return redirect(reverse(self.model.snippet_viewset.get_url_name("inspect"), args=[self.object.pk]))
        return super().run_before_hook()


class VersionEditView(FrozenGuardMixin, EditView):
    pass


class VersionDeleteView(FrozenGuardMixin, DeleteView):
    def run_before_hook(self):
        if self.object.status == self.model.Status.PUBLISHED:
            messages.error(self.request, "The published version cannot be deleted: publish another version first.")
            return redirect(reverse(self.model.snippet_viewset.get_url_name("list")))
        return super().run_before_hook()


class VersionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user, viewset = self.request.user, self.model.snippet_viewset
        if instance.status == self.model.Status.DRAFT and user.has_perm(_permission(self.model, "publish")):
            url = reverse(viewset.get_url_name("publish"), args=[instance.pk])
            buttons.append(ListingButton("Publish", url=url, icon_name="upload", priority=5))
        if user.has_perm(_permission(self.model, "add")):
            url = reverse(viewset.get_url_name("copy_draft"), args=[instance.pk])
            buttons.append(ListingButton("Copy as new draft", url=url, icon_name="copy", priority=15))
        return buttons


class VersionedDefinitionViewSet(SnippetViewSet):
    """A snippet viewset for a `VersionedDefinition`, with publishing and copying."""

    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["__str__", "status", "published_at", "created_at"]
    list_filter = ["status"]
    index_view_class = VersionIndexView
    edit_view_class = VersionEditView
    delete_view_class = VersionDeleteView
    confirm_template_name = "assessments/admin/confirm.html"

    # Wording for the editors; `{version}`, `{current}` are filled in.
    listing_label = "Versions"
    frozen_message = "Schools have answered this version, so it can no longer be changed."
    publish_explanation = "Schools will answer this version from now on. "
    retire_explanation = "{current} will be retired; schools already answering it carry on with it."
    published_message = "{version} is published."
    copy_explanation = "This makes a new draft with the same content, for you to change and then publish."

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", self.publish_view, name="publish"),
            path("copy-draft/<int:pk>/", self.copy_draft_view, name="copy_draft"),
        ]

    def confirm(self, request, version, action, explanation):
        """A confirmation page for an action on a version."""
        list_url = reverse(self.get_url_name("list"))
        return TemplateResponse(
            request,
            self.confirm_template_name,
            {
                "version": version,
                "action": action,
                "explanation": explanation,
                "header_title": f"{action}: {version}",
                "cancel_url": list_url,
                "breadcrumbs_items": [
                    {"url": reverse("wagtailadmin_home"), "label": "Home"},
                    {"url": list_url, "label": self.listing_label},
                    {"url": "", "label": action, "sublabel": str(version)},
                ],
            },
        )

    def publish_view(self, request, pk):
        """Confirm, then publish a draft version and retire the current one."""
        if not request.user.has_perm(_permission(self.model, "publish")):
            raise PermissionDenied
        version = get_object_or_404(self.model, pk=pk)
        if request.method != "POST":
            current = self.model.objects.current()
            retiring = self.retire_explanation.format(current=current) if current else ""
            return self.confirm(request, version, "Publish", self.publish_explanation + retiring)
        try:
            publish(version, request.user)
        except VersioningError as error:
            messages.error(request, str(error))
        else:
            log(version, "wagtail.publish", user=request.user)
            messages.success(request, self.published_message.format(version=version))
        return redirect(self.get_url_name("list"))

    def copy_draft_view(self, request, pk):
        """Confirm, then copy a version's children into a new draft."""
        if not request.user.has_perm(_permission(self.model, "add")):
            raise PermissionDenied
        version = get_object_or_404(self.model, pk=pk)
        if request.method != "POST":
            return self.confirm(request, version, "Copy as new draft", self.copy_explanation)
        draft = copy_as_draft(version)
        log(draft, "wagtail.create", user=request.user)
        messages.success(request, f"{draft} has been created from {version}.")
        return redirect(self.get_url_name("edit"), draft.pk)
