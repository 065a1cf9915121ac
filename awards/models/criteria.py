"""The award's criteria: a versioned set, per stage, that editors maintain in the admin.

A submission stays tied to the version it answered: once any school has started a submission on
a version, its criteria are frozen, and editors change them by copying the version as a new draft
and publishing that (`sws_site.versioning`).
"""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from sws_site.versioning import VersionedDefinition, one_published_constraint

from .stages import Stage


class CriteriaVersion(VersionedDefinition):
    """One version of the award's criteria, for every stage."""

    name = models.CharField(max_length=150, help_text="For example 'Mental health award criteria, 2026'.")
    introduction = models.TextField(blank=True, help_text="Shown to schools on their award page.")

    child_relation = "criteria"
    child_label = "criterion"
    answered_relation = "submissions"
    copied_fields = ("introduction",)

    panels = [
        FieldPanel("name"),
        FieldPanel("introduction"),
        InlinePanel("criteria", heading="Criteria", label="Criterion", min_num=1),
    ]

    class Meta(VersionedDefinition.Meta):
        verbose_name = "award criteria version"
        permissions = [("publish_criteriaversion", "Can publish an award criteria version")]
        constraints = [
            one_published_constraint("criteriaversion", "Only one criteria version can be published at a time."),
        ]

    def criteria_for(self, stage):
        """The criteria of one stage, in order."""
        return self.criteria.filter(stage=stage).order_by("sort_order", "pk")


class Criterion(Orderable):
    """One thing a school evidences to earn a stage."""

    version = ParentalKey(CriteriaVersion, on_delete=models.CASCADE, related_name="criteria")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    title = models.CharField(max_length=255, help_text="What the school must show, for example 'Staff are trained'.")
    guidance = models.TextField(blank=True, help_text="What good evidence looks like.")

    panels = [FieldPanel("stage"), FieldPanel("title"), FieldPanel("guidance")]

    class Meta(Orderable.Meta):
        verbose_name = "criterion"
        verbose_name_plural = "criteria"

    def __str__(self):
        return self.title
