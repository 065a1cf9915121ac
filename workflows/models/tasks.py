"""The two custom Wagtail workflow tasks every school submission goes through.

1. `AssignedWorkerReviewTask`: only the workers assigned to the school's cluster act.
2. `SteeringGroupApprovalTask`: a quorum of steering-group members approve; one request for
   changes sends the submission back.

Both refuse anyone who belongs to the school, re-check the reviewer on the task state they are
given (not only on the object the URL names), and take a row lock on the task state so that two
reviewers acting at once end in exactly one outcome.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState, WorkflowState

from schools.access import is_member_of, schools_reviewed_by


class RequestChangesForm(forms.Form):
    """A request for changes must say what to change: the school acts on it."""

    comment = forms.CharField(label=_("What needs to change?"), widget=forms.Textarea({"rows": 4}))


class DecisionTaken(PermissionDenied):
    """Raised when a reviewer acts on a task that someone else has just decided."""


def moderated_models():
    """Every concrete model that goes through the two-step approval."""
    from django.apps import apps

    from .submissions import ModeratedSubmission

    return [model for model in apps.get_models() if issubclass(model, ModeratedSubmission)]


def task_states_for_schools(task_states, schools):
    """Narrow `task_states` to those whose submission belongs to one of `schools`."""
    from django.contrib.contenttypes.models import ContentType

    matches = models.Q(pk__in=[])
    for model in moderated_models():
        object_ids = model.objects.filter(school__in=schools).annotate(
            object_id_text=Cast("pk", models.CharField())
        )
        matches |= models.Q(
            workflow_state__base_content_type=ContentType.objects.get_for_model(model),
            workflow_state__object_id__in=object_ids.values("object_id_text"),
        )
    return task_states.filter(matches)


def school_of(task_state):
    """The school whose submission this task state is about."""
    return task_state.workflow_state.content_object.school


class ModerationTask(Task):
    """Behaviour both review steps share: who may act is decided per school, and decisions are locked."""

    comment_actions = ("reject",)

    class Meta:
        abstract = True

    def may_act(self, school, user, task_state):
        """Whether `user` may approve or request changes for this school's submission now."""
        raise NotImplementedError

    def get_actions(self, obj, user):
        """Approve, approve with a comment, or request changes (which needs a comment)."""
        task_state = obj.current_workflow_task_state
        if task_state is None or task_state.task_id != self.pk or not self.may_act(obj.school, user, task_state):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_form_for_action(self, action):
        """Requests for changes need a comment; approvals may have one."""
        return RequestChangesForm if action == "reject" else super().get_form_for_action(action)

    def user_can_access_editor(self, obj, user):
        """Reviewers open the admin editor to read the submission and act on it."""
        return bool(self.get_actions(obj, user))

    def locked_for_user(self, obj, user):
        """Nobody but the reviewers sees workflow actions in the editor while it is with them."""
        return not self.user_can_access_editor(obj, user)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Decide under row locks, after checking the reviewer against this task state's own school."""
        submission = WorkflowState.objects.get(pk=task_state.workflow_state_id).content_object
        # The submission first, as withdrawing does, so that competing changes queue rather than deadlock.
        type(submission).objects.select_for_update().filter(pk=submission.pk).first()
        task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise DecisionTaken("Someone else has already decided this step.")
        if not self.may_act(school_of(task_state), user, task_state):
            raise PermissionDenied("You may not review this submission.")
        comment = kwargs.pop("comment", "")
        if action_name == "reject":
            if not comment.strip():
                raise PermissionDenied("Say what needs to change.")
            self.request_changes(task_state, user, comment)
            submission.on_changes_requested(task_state, user, **kwargs)
            return None
        if action_name == "approve":
            return self.approve(task_state, user, comment)
        raise PermissionDenied(f"Unknown action {action_name!r}.")

    def approve(self, task_state, user, comment):
        """Complete this step."""
        task_state.approve(user=user, comment=comment)

    def request_changes(self, task_state, user, comment):
        """Send the submission back to the school with the reviewer's comment."""
        task_state.reject(user=user, comment=comment)


class AssignedWorkerReviewTask(ModerationTask):
    """First approval: a wellbeing worker assigned to the school's cluster."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = "assigned worker review"
        verbose_name_plural = "assigned worker reviews"

    def may_act(self, school, user, task_state):
        """Only the workers of the school's cluster, and never a member of the school."""
        return (
            user.is_authenticated
            and schools_reviewed_by(user).filter(pk=school.pk).exists()
            and not is_member_of(user, school)
        )

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """Only the submissions of the user's own clusters reach their review queue."""
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return task_states_for_schools(in_progress, schools_reviewed_by(user).values("pk"))

    @classmethod
    def get_description(cls):
        """Shown when an administrator picks a task type."""
        return _("A wellbeing worker assigned to the school's cluster approves or requests changes")


class SteeringGroupApprovalTask(ModerationTask, AbstractGroupApprovalTask):
    """Final approval: complete when `quorum` different members have approved."""

    quorum = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1)],
        help_text="How many different members must approve. One request for changes sends it back.",
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "quorum"]

    class Meta:
        verbose_name = "steering group approval"
        verbose_name_plural = "steering group approvals"

    def may_act(self, school, user, task_state):
        """A member of the chosen groups who has not voted on this round and does not belong to the school."""
        return (
            user.is_authenticated
            and user.is_active
            and self._user_in_groups(user)
            and not is_member_of(user, school)
            and not task_state.votes.filter(voter=user).exists()
        )

    def user_can_lock(self, obj, user):
        """Reviewers do not lock a school's submission."""
        return False

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """Waiting submissions the member has not voted on, leaving out their own school's."""
        if not (user.is_authenticated and self._user_in_groups(user)):
            return TaskState.objects.none()
        from schools.models import School

        own_schools = School.objects.filter(memberships__user=user).values("pk")
        waiting = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            Exists(Vote.objects.filter(task_state=OuterRef("pk"), voter=user))
        )
        return waiting.exclude(pk__in=task_states_for_schools(TaskState.objects.all(), own_schools).values("pk"))

    def approve(self, task_state, user, comment):
        """Count the vote; the quorum-th approval completes the step."""
        Vote.objects.create(task_state=task_state, voter=user, decision=Vote.Decision.APPROVE, comment=comment)
        approvals = task_state.votes.filter(decision=Vote.Decision.APPROVE).count()
        self.log_vote(task_state, user, Vote.Decision.APPROVE, comment, approvals)
        if approvals >= self.quorum:
            task_state.approve(user=user, comment=comment)

    def request_changes(self, task_state, user, comment):
        """One request for changes is enough to send it back."""
        Vote.objects.create(task_state=task_state, voter=user, decision=Vote.Decision.REQUEST_CHANGES, comment=comment)
        task_state.reject(user=user, comment=comment)

    def log_vote(self, task_state, user, decision, comment, approvals):
        """Record the vote on the submission's timeline."""
        log(
            instance=task_state.revision.as_object(),
            action="workflows.vote",
            user=user,
            revision=task_state.revision,
            data={
                "decision": decision,
                "comment": comment,
                "approvals": approvals,
                "quorum": self.quorum,
                "task": {"id": self.pk, "title": self.name},
            },
        )

    @classmethod
    def get_description(cls):
        """Shown when an administrator picks a task type."""
        return _("A set number of steering-group members approve; one request for changes sends it back")


class Vote(models.Model):
    """One steering-group member's decision on one round of review."""

    class Decision(models.TextChoices):
        APPROVE = "approve", "Approve"
        REQUEST_CHANGES = "request_changes", "Request changes"

    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="steering_votes")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cast_at"]
        constraints = [
            models.UniqueConstraint(fields=["task_state", "voter"], name="vote_one_per_member_per_round"),
        ]

    def __str__(self):
        return f"{self.voter} — {self.get_decision_display()}"
