"""The support log: what the service's workers did with and for each school."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateformat import format as format_date

from simple_history.models import HistoricalRecords

from schools.models import School

WORKER_GROUPS = ["Wellbeing Worker", "Senior Wellbeing Worker", "Team Manager"]


class SupportRecordQuerySet(models.QuerySet):
    def periods(self):
        """Periods of working alongside school staff, the ones followed by questionnaires."""
        return self.filter(kind=SupportRecord.Kind.WORKING_ALONGSIDE)


class SupportRecord(models.Model):
    """One piece of support given to a school: a meeting, training, consultation, forum or period alongside staff."""

    class Kind(models.TextChoices):
        ACTION_PLANNING = "action_planning", "Action-planning meeting"
        TRAINING = "training", "Training delivered in school"
        CONSULTATION = "consultation", "Consultation"
        FORUM = "forum", "Forum"
        WORKING_ALONGSIDE = "working_alongside", "Working alongside staff"

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="support_records")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="support_given",
        limit_choices_to={"groups__name__in": WORKER_GROUPS},
        help_text="The wellbeing worker who gave the support.",
    )
    kind = models.CharField("type of support", max_length=30, choices=Kind.choices)
    date = models.DateField(help_text="The day it happened; for working alongside staff, the first day.")
    ends_on = models.DateField(
        "last day",
        null=True,
        blank=True,
        help_text="Working alongside staff only: the last day of the period. Leave blank while it goes on.",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="support_periods",
        verbose_name="staff involved",
        help_text="School staff the worker supported. For working alongside staff, they are asked to answer "
        "the short questionnaire before and after the period.",
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[staff])
    objects = SupportRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "support record"
        indexes = [models.Index(fields=["kind", "date"]), models.Index(fields=["school", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("date")),
                name="support_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(kind="working_alongside"),
                name="support_only_periods_have_an_end",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.school.name}, {format_date(self.date, 'j F Y')}"

    def clean(self):
        """A last day belongs only to a period of working alongside, and comes on or after its first day."""
        if self.ends_on and self.kind != self.Kind.WORKING_ALONGSIDE:
            raise ValidationError({"ends_on": "Only a period of working alongside staff has a last day."})
        if self.ends_on and self.date and self.ends_on < self.date:
            raise ValidationError({"ends_on": "The last day must be on or after the first day."})

    @property
    def is_period(self):
        """Whether this is a period of working alongside staff."""
        return self.kind == self.Kind.WORKING_ALONGSIDE
