"""The Brighter Futures Survey: the indicators it reports, and each school's results by survey year.

A result is a count of pupils (numerator) out of those who answered the question (denominator).
Who may see a figure, and when it is suppressed, is decided in `surveys.services`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from taxonomy.models import Topic


class Indicator(models.Model):
    """A risk or protective factor the survey measures; files name it by its code."""

    class Kind(models.TextChoices):
        RISK = "risk", "Risk factor"
        PROTECTIVE = "protective", "Protective factor"

    code = models.SlugField(
        max_length=50,
        unique=True,
        help_text="The name used in the survey's import files, e.g. low_wellbeing. Changing it breaks old files.",
    )
    name = models.CharField(max_length=120, help_text="As shown to schools, e.g. 'Low wellbeing'.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(help_text="What the percentage counts: the question and the answers counted.")
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="survey_indicators",
        help_text="Library topics that address this factor: recommendations rank pages with them first.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def is_risk(self):
        return self.kind == self.Kind.RISK


class SurveyImport(models.Model):
    """One file imported: who, when, and what it held, for the record."""

    file_name = models.CharField(max_length=255)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rows = models.PositiveIntegerField()
    schools = models.PositiveIntegerField()
    years = models.CharField(max_length=100, help_text="The survey years the file held.")

    class Meta:
        ordering = ["-imported_at"]
        permissions = [("import_surveyresult", "Can import Brighter Futures Survey results")]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%d %b %Y})"


class SurveyResult(models.Model):
    """How many of a school's pupils who answered (denominator) showed an indicator (numerator) in one year."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="survey_results")
    year = models.PositiveSmallIntegerField(help_text="The survey year: 2025 is the 2025/26 survey.")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="results")
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    source = models.ForeignKey(SurveyImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["school__name", "-year", "indicator__kind", "indicator__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "indicator"], name="surveys_one_result_per_indicator"),
            models.CheckConstraint(
                condition=Q(numerator__lte=F("denominator")), name="surveys_numerator_within_denominator"
            ),
        ]
        indexes = [models.Index(fields=["year", "indicator"])]

    def __str__(self):
        return f"{self.school} {self.year}: {self.indicator}"

    @property
    def survey_label(self):
        return survey_label(self.year)


def survey_label(year):
    """The academic year a survey year stands for: 2025 is '2025/26'."""
    return f"{year}/{(year + 1) % 100:02d}"
