"""Wagtail admin views for school submissions: scoped to the schools a person may see, and read-only.

Schools write their submissions in the portal. Staff read them here, compare versions and follow
their history; reviewers approve or request changes from the dashboard's review queue, which
acts through the workflow without saving a new version.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from wagtail.snippets.views import snippets as snippet_views

from schools.access import schools_visible_to


class VisibleSchoolsOnly:
    """A submission whose school the user may not see is a 404, whatever their model permissions."""

    def get_object(self, *args, **kwargs):
        """The object, after checking its school against `schools_visible_to`."""
        obj = super().get_object(*args, **kwargs)
        if not schools_visible_to(self.request.user).filter(pk=obj.school_id).exists():
            raise Http404
        return obj


class IndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        """Only the submissions of schools the user may see."""
        visible = schools_visible_to(self.request.user).values("pk")
        return super().get_base_queryset().filter(school__in=visible).select_related("school")


class EditView(VisibleSchoolsOnly, snippet_views.EditView):
    def post(self, request, *args, **kwargs):
        """Nobody saves a school's submission here: the school writes it in the portal."""
        messages.error(
            request,
            "Schools change their submissions in the portal. To approve or request changes, use the "
            "review queue on your dashboard.",
        )
        return redirect(self.get_edit_url())


class InspectView(VisibleSchoolsOnly, snippet_views.InspectView):
    pass


class HistoryView(VisibleSchoolsOnly, snippet_views.HistoryView):
    any_permission_required = ["view", "change"]


class RevisionsCompareView(VisibleSchoolsOnly, snippet_views.RevisionsCompareView):
    permission_required = "view"


class PreviewRevisionView(VisibleSchoolsOnly, snippet_views.PreviewRevisionView):
    permission_required = "view"


class WorkflowHistoryView(VisibleSchoolsOnly, snippet_views.WorkflowHistoryView):
    permission_required = "view"


class WorkflowHistoryDetailView(VisibleSchoolsOnly, snippet_views.WorkflowHistoryDetailView):
    permission_required = "view"


class WorkflowActionView(VisibleSchoolsOnly, snippet_views.WorkflowActionView):
    pass


class CollectWorkflowActionDataView(VisibleSchoolsOnly, snippet_views.CollectWorkflowActionDataView):
    pass


class ConfirmWorkflowCancellationView(VisibleSchoolsOnly, snippet_views.ConfirmWorkflowCancellationView):
    pass


class UsageView(VisibleSchoolsOnly, snippet_views.UsageView):
    pass
