"""The self-assessment: a versioned framework of statements, and each school's rated answers to it.

A school's assessment stays tied to the framework version it answered: once any school has
answered a version its statements are frozen, and editors change the framework by copying it as
a new draft and publishing that. Exactly one version is published (current) at a time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from simple_history.models import HistoricalRecords

from schools.models import School
from sws_site.versioning import VersionedDefinition, one_published_constraint
from taxonomy.models import Principle


class Rating(models.IntegerChoices):
    """How far a statement is true of the school; the score is the mean of these numbers."""

    NOT_IN_PLACE = 1, "Not in place"
    WORKING_TOWARDS = 2, "Working towards"
    ACHIEVED = 3, "Achieved"
    EMBEDDED = 4, "Embedded"


class Round(models.TextChoices):
    """The points of the pilot at which a school assesses itself; the baseline comes first."""

    BASELINE = "baseline", "Baseline"
    REVIEW = "review", "Review"
    END_OF_PILOT = "end_of_pilot", "End of pilot"


class FrameworkVersion(VersionedDefinition):
    """One version of the self-assessment framework: its statements, grouped by principle."""

    name = models.CharField(max_length=150, help_text="For example 'Whole-school approach, 2026'.")
    introduction = models.TextField(blank=True, help_text="Shown to schools at the start of the self-assessment.")

    child_relation = "statements"
    child_label = "statement"
    answered_relation = "assessments"
    copied_fields = ("introduction",)

    panels = [
        FieldPanel("name"),
        FieldPanel("introduction"),
        InlinePanel("statements", heading="Statements", label="Statement", min_num=1),
    ]

    class Meta(VersionedDefinition.Meta):
        verbose_name = "self-assessment framework version"
        permissions = [("publish_frameworkversion", "Can publish a self-assessment framework version")]
        constraints = [
            one_published_constraint(
                "frameworkversion", "Only one framework version can be published at a time."
            ),
        ]


class Statement(Orderable):
    """One statement a school rates, under one of the principles."""

    framework = ParentalKey(FrameworkVersion, on_delete=models.CASCADE, related_name="statements")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="statements")
    text = models.TextField(help_text="A statement the school rates, for example 'Governors receive regular reports'.")
    guidance = models.TextField(blank=True, help_text="Optional: what good evidence for this statement looks like.")

    panels = [FieldPanel("principle"), FieldPanel("text"), FieldPanel("guidance")]

    class Meta(Orderable.Meta):
        verbose_name = "statement"

    def __str__(self):
        return self.text


class Assessment(models.Model):
    """A school's self-assessment in one round, against one framework version."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="assessments")
    round = models.CharField(max_length=20, choices=Round.choices)
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    report_sent_at = models.DateTimeField("feedback report sent", null=True, blank=True)
    report_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["school__name", "started_at"]
        permissions = [("send_feedback_report", "Can mark any school's feedback report as sent")]
        constraints = [
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(status="in_progress"),
                name="assessment_one_open_per_school",
                violation_error_message="This school already has a self-assessment in progress.",
            ),
            # Stricter than "once per round when submitted": a round already done cannot be reopened either.
            models.UniqueConstraint(
                fields=["school", "round"],
                name="assessment_round_once_per_school",
                violation_error_message="This school has already done this round of the self-assessment.",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self):
        return f"{self.school.name}: {self.get_round_display().lower()} self-assessment"

    @property
    def is_submitted(self):
        """Whether the assessment is submitted, and so read-only."""
        return self.status == self.Status.SUBMITTED


class Response(models.Model):
    """A school's rating of one statement, with an optional note of its evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="responses")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    note = models.TextField("evidence", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["statement__principle__number", "statement__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "statement"], name="response_unique_statement"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=4), name="response_rating_in_scale"
            ),
        ]

    def __str__(self):
        return f"{self.statement}: {self.get_rating_display() or 'not rated'}"
