"""Wagtail admin views for school submissions: scoped to the schools a person may see, and read-only.

Schools write their submissions in the portal. Staff read them here, compare versions and follow
their history; reviewers approve or request changes from the dashboard's review queue, which
acts through the workflow without saving a new version.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from wagtail.snippets.views import snippets as snippet_views

from schools.access import schools_visible_to

from .models import DecisionTaken
from .moderation import SubmissionError, decide
from .timeline import timeline


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
    def get(self, request, *args, **kwargs):
        """Staff read and decide on the review page; the editor is only for what schools write."""
        return redirect(self.object.snippet_viewset.get_url_name("inspect"), self.object.pk)

    def post(self, request, *args, **kwargs):
        """Nobody saves a school's submission here: the school writes it in the portal."""
        messages.error(
            request,
            "Schools change their submissions in the portal. To approve or request changes, use the "
            "review queue on your dashboard.",
        )
        return redirect(self.get_edit_url())


class InspectView(VisibleSchoolsOnly, snippet_views.InspectView):
    """The review page: the latest version, its state, the reviewer's decision forms and the timeline."""

    def may_decide(self):
        """Whether the signed-in user may approve or request changes now."""
        task_state = self.object.current_workflow_task_state
        return bool(task_state and task_state.task.specific.get_actions(self.object, self.request.user))

    def get_decision_form(self, data=None):
        """The submission's decision form, or None for someone who may not decide."""
        if not self.may_decide():
            return None
        return self.object.get_decision_form_class()(data, submission=self.object)

    def post(self, request, *args, **kwargs):
        """Record the reviewer's decision, then show the page again with the outcome."""
        form = self.get_decision_form(request.POST)
        if form is None:
            messages.error(request, "This submission is not waiting for your decision.")
            return redirect(request.path)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(decision_form=form))
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        try:
            decide(self.object, request.user, decision, comment, **form.extra_data())
        except (DecisionTaken, SubmissionError):
            messages.error(request, "Someone else has just decided this step, so your decision was not recorded.")
        else:
            done = "approved" if decision == form.APPROVE else "sent back to the school with your comment"
            messages.success(request, f"{self.object.notification_subject()} has been {done}.")
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        """Add what a reviewer needs to decide."""
        context = super().get_context_data(**kwargs)
        submission = self.object
        viewset = submission.snippet_viewset
        version = submission.get_draft()
        context.update(submission.get_review_context(version))
        context.update(
            submission=submission,
            version=version,
            workflow_state=submission.current_workflow_state,
            task_state=submission.current_workflow_task_state,
            entries=timeline(submission),
            portal_url=submission.get_portal_url(),
            history_url=reverse(viewset.get_url_name("history"), args=[submission.pk]),
        )
        context.setdefault("decision_form", self.get_decision_form())
        if submission.live and submission.has_draft:
            context["compare_url"] = reverse(
                viewset.get_url_name("revisions_compare"),
                args=[submission.pk, submission.live_revision_id, submission.latest_revision_id],
            )
        return context


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
