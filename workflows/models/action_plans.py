"""The Mental Health Action Plan: a school's actions for the year, approved in two steps."""

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from modelcluster.fields import ParentalKey
from modelcluster.models import model_from_serializable_data
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from .submissions import ModeratedSubmission


class ActionPlan(ModeratedSubmission):
    """One per school. The row is the approved plan; each revision a version of it."""

    school = models.OneToOneField("schools.School", on_delete=models.PROTECT, related_name="action_plan")
    summary = models.TextField(
        "what the plan sets out to achieve",
        blank=True,
        help_text="A few sentences on the school's priorities for pupils' and staff's mental health this year.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="action_plan")
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="action_plan",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("summary"),
        InlinePanel("actions", heading="Actions", label="Action"),
    ]

    class Meta:
        verbose_name = "action plan"

    def __str__(self):
        return f"Action plan: {self.school}"

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """Check the actions' interventions in one query rather than one query per action."""
        plan = super().from_serializable_data(data, check_fks, strict_fks)
        if plan is not None and check_fks:
            Action.forget_missing_interventions(plan.actions.all())
        return plan

    def submission_problems(self):
        """A plan needs at least one action."""
        return [] if list(self.actions.all()) else ["Add at least one action before you submit the plan."]

    def get_review_context(self, version):
        """The actions of the version under review, for the admin's review page."""
        return {"actions": actions_of(version)}

    def get_portal_url(self):
        """Where the school sees and edits its plan."""
        return reverse("portal:action_plans:plan", kwargs={"urn": self.school.urn})

    @property
    def revisions(self):
        """Revisions through the generic relation, so they can be counted and prefetched."""
        return self._revisions


class Action(Orderable):
    """One thing the school will do, for one principle, with an owner, dates and a measure of success."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DONE = "done", "Done"

    plan = ParentalKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    # Database ids change when a draft is approved; this key names the same action in every version.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    principle = models.ForeignKey("taxonomy.Principle", on_delete=models.PROTECT, related_name="+")
    objective = models.TextField(help_text="What will change, for whom.")
    intervention = models.ForeignKey(
        "resources.InterventionPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="An intervention from the library that this action uses, if any.",
    )
    owner = models.CharField(max_length=200, help_text="The person or role responsible.")
    start_date = models.DateField()
    due_date = models.DateField()
    success_measure = models.TextField(help_text="How you will know it has worked.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    progress_notes = models.TextField(blank=True)

    panels = [
        FieldPanel("principle"),
        FieldPanel("objective"),
        FieldPanel("intervention"),
        FieldPanel("owner"),
        FieldPanel("start_date"),
        FieldPanel("due_date"),
        FieldPanel("success_measure"),
        FieldPanel("status"),
        FieldPanel("progress_notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "action"

    def __str__(self):
        return self.objective[:80]

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """The plan checks its actions' references together (principles are protected from deletion)."""
        return model_from_serializable_data(cls, data, check_fks=False, strict_fks=strict_fks)

    @staticmethod
    def forget_missing_interventions(actions):
        """An intervention deleted since the version was saved becomes "none"."""
        from resources.models import InterventionPage

        ids = {action.intervention_id for action in actions if action.intervention_id}
        existing = set(InterventionPage.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
        for action in actions:
            if action.intervention_id not in existing:
                action.intervention_id = None

    def clean(self):
        """An action cannot be due before it starts."""
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": "The due date must be the same as or after the start date."})


def actions_of(version):
    """A version's actions with their principle and intervention loaded together, ordered by principle."""
    from resources.models import InterventionPage
    from taxonomy.models import Principle

    actions = list(version.actions.all())
    principles = Principle.objects.in_bulk({action.principle_id for action in actions})
    interventions = InterventionPage.objects.in_bulk({a.intervention_id for a in actions if a.intervention_id})
    for action in actions:
        action.principle = principles.get(action.principle_id)
        action.intervention = interventions.get(action.intervention_id)
    return sorted(actions, key=lambda a: (a.principle.number if a.principle else 0, a.sort_order or 0))
