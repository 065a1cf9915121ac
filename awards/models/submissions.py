"""A school's evidence for one award stage: versioned and approved in two steps, as the action plan is.

The row holds the approved version; drafts live in revisions (`ModeratedSubmission`). For each
criterion of the stage, the school writes a narrative, gives links and attaches files from its
evidence library, so one file serves several criteria and later stages. A reviewer who wants more
evidence names the criteria (`EvidenceRequest`): only those reopen until the school resubmits.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel, model_from_serializable_data
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from workflows.models import ModeratedSubmission

from .awards import Award
from .criteria import CriteriaVersion, Criterion
from .evidence import EvidenceFile
from .stages import Stage


def progression_problem(school, stage):
    """Why the school may not work on `stage` yet (the previous stage not held and in date), or None."""
    previous = Stage(stage).previous
    if previous is None or Award.objects.valid().filter(school=school, stage=previous).exists():
        return None
    return progression_message(stage)


def progression_message(stage):
    """What to tell a school that does not hold the stage before `stage` in date."""
    previous = Stage(stage).previous
    return (
        f"You can work towards {Stage(stage).label} only while the school holds a {previous.label} award "
        f"that is in date. Earn or renew {previous.label} first."
    )


class AwardSubmission(ModeratedSubmission):
    """One per school and stage. The row is the approved evidence; each revision a version of it."""

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="award_submissions")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    criteria_version = models.ForeignKey(
        CriteriaVersion,
        on_delete=models.PROTECT,
        related_name="submissions",
        help_text="The criteria this submission answers, fixed when the school starts it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="award_submission")
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="award_submission",
        for_concrete_model=False,
    )

    panels = [InlinePanel("evidence", heading="Evidence", label="Evidence for a criterion")]

    class Meta:
        verbose_name = "award submission"
        ordering = ["school__name", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "stage"],
                name="awardsubmission_one_per_school_and_stage",
                violation_error_message="This school has already started this stage.",
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} award submission: {self.school}"

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """Look up the evidence's criteria and files in two queries, not one or two per criterion."""
        submission = super().from_serializable_data(data, check_fks, strict_fks)
        if submission is not None:
            submission.evidence = CriterionEvidence.resolve(submission, submission.evidence.all())
        return submission

    def get_portal_url(self):
        """Where the school sees and evidences this stage."""
        return reverse("portal:awards:stage", kwargs={"urn": self.school.urn, "stage": Stage(self.stage).slug})

    def notification_subject(self):
        """How emails and the review queue name it, e.g. "Wharfside Primary School's award submission for ..."."""
        return f"{self.school.name}'s award submission for the {self.get_stage_display()} stage"

    @property
    def revisions(self):
        """Revisions through the generic relation, so they can be counted and prefetched."""
        return self._revisions

    def criteria(self):
        """The criteria this submission answers, in order."""
        return list(self.criteria_version.criteria_for(self.stage))

    def evidence_by_criterion(self):
        """This version's evidence, by criterion id."""
        return {item.criterion_id: item for item in self.evidence.all()}

    def submission_problems(self, criteria=None):
        """The previous stage must be held; every criterion needs a narrative and a file or link."""
        problem = progression_problem(self.school, self.stage)
        problems = [problem] if problem else []
        evidence = self.evidence_by_criterion()
        for criterion in criteria if criteria is not None else self.criteria():
            item = evidence.get(criterion.pk)
            if item is None or not item.is_complete:
                problems.append(f"Add evidence for “{criterion.title}”: a description and at least one file or link.")
        return problems

    def get_decision_form_class(self):
        """Reviewers may name the criteria that need more evidence."""
        from awards.forms import AwardDecisionForm

        return AwardDecisionForm

    def on_changes_requested(self, task_state, user, criteria=(), **extra):
        """Record which criteria need more evidence: only those reopen for the school."""
        valid = self.criteria_version.criteria.filter(stage=self.stage, pk__in=[int(pk) for pk in criteria])
        EvidenceRequest.objects.bulk_create(
            EvidenceRequest(submission=self, task_state=task_state, criterion=criterion, requested_by=user)
            for criterion in valid
        )

    def open_evidence_requests(self):
        """The criteria a reviewer reopened, while the school is answering that request."""
        if not self.changes_requested:
            return EvidenceRequest.objects.none()
        task_state_id = self.current_workflow_state.current_task_state_id
        return self.evidence_requests.filter(task_state_id=task_state_id).select_related("criterion")

    def on_approved(self, revision, user):
        """Make the award (dated today, for three years) and send the school its certificate."""
        award = Award.objects.create(school=self.school, stage=self.stage, submission=self, awarded_at=timezone.now())
        _send_certificate(self, award)


def _send_certificate(submission, award):
    """Email the school its award, with links to the certificate and the public verification page."""
    from sws_site.notifications import notify
    from workflows.notifications import school_contacts

    context = {
        "school": submission.school,
        "award": award,
        "stage": award.get_stage_display(),
        "certificate_link": _reverse_or_blank(
            "portal:awards:certificate", urn=submission.school.urn, pk=award.pk
        ) or reverse("portal:awards:overview", kwargs={"urn": submission.school.urn}),
        "verify_link": _reverse_or_blank("certificates:verify", code=award.code),
    }
    notify("awards/email/award_made.txt", context, school_contacts(submission))


def _reverse_or_blank(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


class CriterionEvidence(Orderable, ClusterableModel):
    """The school's evidence for one criterion: what it did, links, and files from its library."""

    submission = ParentalKey(AwardSubmission, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    narrative = models.TextField(blank=True)
    links = models.TextField(blank=True, help_text="One web address per line.")
    files = ParentalManyToManyField(EvidenceFile, blank=True, related_name="criterion_evidence")

    panels = [FieldPanel("criterion"), FieldPanel("narrative"), FieldPanel("links"), FieldPanel("files")]

    class Meta(Orderable.Meta):
        verbose_name = "evidence for a criterion"
        verbose_name_plural = "evidence for criteria"

    def __str__(self):
        return f"Evidence: {self.criterion_id}"

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """The submission checks the criteria and loads the files of all its evidence together."""
        data = dict(data)
        file_ids = data.pop("files", None) or []
        evidence = model_from_serializable_data(cls, data, check_fks=False, strict_fks=strict_fks)
        evidence._file_ids = file_ids
        return evidence

    @staticmethod
    def resolve(submission, items):
        """Attach criteria and files in two queries; forget evidence for criteria that no longer exist."""
        items = list(items)
        criteria = Criterion.objects.in_bulk({item.criterion_id for item in items})
        file_ids = {pk for item in items for pk in getattr(item, "_file_ids", None) or []}
        files = EvidenceFile.objects.filter(school_id=submission.school_id).in_bulk(file_ids) if file_ids else {}
        kept = []
        for item in items:
            if item.criterion_id not in criteria:
                continue
            item.criterion = criteria[item.criterion_id]
            if hasattr(item, "_file_ids"):
                item.files = [files[pk] for pk in item._file_ids if pk in files]
            kept.append(item)
        return kept

    @property
    def link_list(self):
        """The links, one per line, without blanks."""
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def is_complete(self):
        """A narrative, and at least one file or link."""
        return bool(self.narrative.strip()) and bool(self.link_list or list(self.files.all()))


class EvidenceRequest(models.Model):
    """A reviewer's request for more evidence on one criterion, in one round of review."""

    submission = models.ForeignKey(AwardSubmission, on_delete=models.CASCADE, related_name="evidence_requests")
    task_state = models.ForeignKey("wagtailcore.TaskState", on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["criterion__sort_order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["task_state", "criterion"], name="evidencerequest_once_per_round"),
        ]

    def __str__(self):
        return f"More evidence: {self.criterion}"
