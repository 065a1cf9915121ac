"""What every moderated school submission shares: versions, a lock, and the two-step approval."""

from django.db import transaction

from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin, WorkflowState


class ModeratedSubmission(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A school's submission (an action plan, an award stage) that its worker and the steering group approve.

    The database row always holds the approved ("live") version; drafts live only in revisions, so
    a school can draft the next version while the approved one stays in force. Subclasses give a
    `school` foreign key.
    """

    class Meta:
        abstract = True

    @property
    def approved_version(self):
        """The version in force, or None before the first approval."""
        return self if self.live else None

    def get_draft(self):
        """The version the school is working on: the latest revision, or the approved one."""
        return self.get_latest_revision_as_object()

    @property
    def active_workflow_state(self):
        """The workflow state in progress or waiting for changes, if any."""
        return self.current_workflow_state

    @property
    def in_review(self):
        """Whether reviewers have it now, so the school may not change it."""
        state = self.current_workflow_state
        return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS

    @property
    def changes_requested(self):
        """Whether a reviewer sent it back and the school has not resubmitted yet."""
        state = self.current_workflow_state
        return state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES

    @property
    def has_draft(self):
        """Whether there is a version newer than the approved one."""
        return self.latest_revision_id is not None and (not self.live or self.has_unpublished_changes)

    @transaction.atomic
    def save_draft(self, user, draft):
        """Keep `draft` (a copy of this object with changes) as the newest revision."""
        draft.save_revision(user=user, log_action=True)
        self.refresh_from_db(fields=["latest_revision", "has_unpublished_changes"])

    def approve_revision(self, revision, user):
        """Make the reviewed revision the approved version: the workflow decided, not a publish permission."""
        revision.publish(user=user, skip_permission_checks=True)
        self.refresh_from_db()
        self.on_approved(revision, user)

    def submission_problems(self):
        """Reasons this version cannot be submitted yet, as messages for the school."""
        return []

    def get_decision_form_class(self):
        """The admin form reviewers decide with; award stages add the criteria needing more evidence."""
        from workflows.forms import DecisionForm

        return DecisionForm

    def get_review_context(self, version):
        """What the admin's review page shows of `version` besides the shared parts."""
        return {}

    def on_changes_requested(self, task_state, user, **extra):
        """Hook for what a request for changes records besides its comment."""

    def on_approved(self, revision, user):
        """Hook for what approval brings besides the new version (an award, for example)."""

    def notification_subject(self):
        """How emails name this submission, e.g. "Wharfside Primary School's action plan"."""
        return f"{self.school.name}'s {self._meta.verbose_name}"
