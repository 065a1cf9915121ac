"""Shared vocabularies that editors manage as snippets: a new topic or key stage needs no code change.

Content pages tag themselves with these through ParentalManyToManyFields, and listing pages
filter and count by them (see facets.py).
"""

from django.db import models
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Vocabulary(index.Indexed, models.Model):
    """A term of a controlled list: a name people read, a slug for URLs, and a display order."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True, help_text="Used in filter links. Leave blank.")
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Derive the slug from the name the first time."""
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class Topic(Vocabulary):
    """What a resource or programme is about: a protective factor, a risk factor or another theme."""

    class Kind(models.TextChoices):
        PROTECTIVE = "protective", "Protective factor"
        RISK = "risk", "Risk factor"
        OTHER = "other", "Other theme"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)

    panels = [*Vocabulary.panels[:1], FieldPanel("kind"), *Vocabulary.panels[1:]]

    class Meta(Vocabulary.Meta):
        ordering = ["kind", "sort_order", "name"]


class KeyStage(Vocabulary):
    """A stage of the national curriculum, from the early years to post-16."""

    class Meta(Vocabulary.Meta):
        verbose_name = "key stage"


class Principle(Vocabulary):
    """One of the DfE's 8 principles of a whole-school approach to mental health and wellbeing."""

    number = models.PositiveSmallIntegerField(unique=True)

    panels = [FieldPanel("number"), *Vocabulary.panels]

    class Meta(Vocabulary.Meta):
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class ThriveGrouping(Vocabulary):
    """A needs-based grouping of the THRIVE framework, from Thriving to Getting Risk Support."""

    short_description = models.CharField(max_length=200, blank=True)

    panels = [*Vocabulary.panels[:1], FieldPanel("short_description"), *Vocabulary.panels[1:]]

    class Meta(Vocabulary.Meta):
        verbose_name = "THRIVE grouping"


class Audience(Vocabulary):
    """Who a resource is for: pupils, staff, parents and carers."""


class ResourceType(Vocabulary):
    """The form a resource takes: a lesson plan, a video, guidance, a toolkit."""

    class Meta(Vocabulary.Meta):
        verbose_name = "resource type"
