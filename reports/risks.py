"""The steering group's risk and quality register: each entry scored by likelihood times impact.

The score is stored (so the register sorts and filters by it in the database) and always equals
likelihood x impact: `save()` sets it and a check constraint refuses any other value. RAG bands on
the usual 5 x 5 matrix: green 1-4, amber 5-12, red 15-25.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from simple_history.models import HistoricalRecords

SCALE = (1, 5)
AMBER_FROM = 5
RED_FROM = 15


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


def rag_for(score):
    """The RAG band of a score from 1 to 25."""
    if score >= RED_FROM:
        return Rag.RED
    return Rag.AMBER if score >= AMBER_FROM else Rag.GREEN


def rag_filter(band):
    """The Q object selecting risks whose score is in `band`."""
    return {
        Rag.RED: Q(score__gte=RED_FROM),
        Rag.AMBER: Q(score__gte=AMBER_FROM, score__lt=RED_FROM),
        Rag.GREEN: Q(score__lt=AMBER_FROM),
    }[band]


def _rating_field(verbose_name, help_text):
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[1])],
        choices=[(n, str(n)) for n in range(SCALE[0], SCALE[1] + 1)],
        help_text=help_text,
    )


class RiskQuerySet(models.QuerySet):
    def review_overdue(self, today=None):
        """Entries still open or monitored whose review date has passed."""
        return self.exclude(status=Risk.Status.CLOSED).filter(review_date__lt=today or timezone.localdate())


class Risk(models.Model):
    """One risk to the service, or one quality issue, with who owns it and what is being done."""

    class Category(models.TextChoices):
        RISK = "risk", "Risk"
        QUALITY = "quality", "Quality issue"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MONITORING = "monitoring", "Monitoring"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.RISK)
    description = models.TextField(help_text="What could happen (or has happened), and its cause.")
    likelihood = _rating_field("likelihood", "1 (rare) to 5 (almost certain).")
    impact = _rating_field("impact", "1 (negligible) to 5 (severe).")
    # Set by save() from the ratings, never on a form (see the admin panels); editable so history shows it.
    score = models.PositiveSmallIntegerField(help_text="Likelihood x impact, from 1 to 25.")
    owner = models.CharField(max_length=150, help_text="The person or role answerable for it, e.g. Team Manager.")
    mitigation = models.TextField(help_text="What is being done to reduce the likelihood or the impact.")
    review_date = models.DateField(help_text="When the steering group next reviews it.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "review_date", "title"]
        verbose_name = "risk or quality issue"
        verbose_name_plural = "risks and quality issues"
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__range=SCALE, impact__range=SCALE),
                name="reports_risk_ratings_in_scale",
            ),
            models.CheckConstraint(condition=Q(score=F("likelihood") * F("impact")), name="reports_risk_score_product"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Keep the score in step with the ratings."""
        self.score = self.likelihood * self.impact
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"likelihood", "impact"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "score"}
        super().save(*args, **kwargs)

    @property
    def rag(self):
        return rag_for(self.score)

    @property
    def review_overdue(self):
        return self.status != self.Status.CLOSED and self.review_date < timezone.localdate()
