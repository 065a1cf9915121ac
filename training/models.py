"""The training catalogue: one index page listing the courses the service runs for schools."""

from django import forms
from django.core.validators import MinValueValidator
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.listing import FacetedIndexMixin
from home.models import BasePage
from taxonomy.facets import BooleanFacet, ChoiceFacet, VocabularyFacet
from taxonomy.models import Audience, Principle, Topic

from .facets import LengthBandFacet


class CourseIndexPage(FacetedIndexMixin, BasePage):
    """The training catalogue: every live course, filtered by audience, topic, principle, delivery and length."""

    body = StreamField(BodyBlock(), blank=True, help_text="Shown above the list of courses.")

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.CoursePage"]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    result_noun = ("course", "courses")
    result_prefetch = ("audiences",)

    class Meta:
        verbose_name = "training catalogue"

    def listing_facets(self):
        return [
            VocabularyFacet("audience", "Who it is for", "audiences", Audience),
            VocabularyFacet("topic", "Topic", "topics", Topic),
            VocabularyFacet("principle", "Principle of a whole-school approach", "principles", Principle),
            ChoiceFacet("delivery", "How it is delivered", "delivery", CoursePage.Delivery.choices),
            LengthBandFacet("length", "Length", "duration_hours"),
            BooleanFacet("lead", "Mental Health Lead", "lead_must_attend", "The Mental Health Lead must attend"),
        ]

    def listing_queryset(self):
        return CoursePage.objects.child_of(self).live().public().order_by("title")


class CoursePage(BasePage):
    """A course schools can send staff or pupils on.

    Dated sessions and booking arrive with issue 6: a ``TrainingSession`` model with a ParentalKey to
    this page (date and time, venue or online link, capacity, trainer, booking deadline), shown on
    this page under "How to book" and in a "what's on" view across courses. Until then the page tells
    schools to contact the service to book.
    """

    class Delivery(models.TextChoices):
        IN_PERSON = "in-person", "In person"
        ONLINE = "online", "Online"
        BLENDED = "blended", "Blended (in person and online)"

    outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=200, label="Outcome"))],
        blank=True,
        help_text="Completes the sentence 'By the end of the course you will be able to…', one outcome each.",
    )
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="courses", verbose_name="who it is for")
    topics = ParentalManyToManyField(Topic, blank=True, related_name="courses")
    principles = ParentalManyToManyField(
        Principle, blank=True, related_name="courses", verbose_name="principles it supports"
    )
    length = models.CharField(max_length=60, help_text="As people say it, for example '2 days' or '90 minutes'.")
    duration_hours = models.DecimalField(
        "duration in hours",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5)],
        help_text="Total teaching time, for sorting and the length filter: up to 3.5 is half a day or less, "
        "up to 7 is one day, more is more than one day.",
    )
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.IN_PERSON)
    lead_must_attend = models.BooleanField("The designated Mental Health Lead must attend", default=False)
    cost = models.CharField(max_length=120, default="Free to schools in the borough")
    provider = models.CharField(max_length=150, blank=True, help_text="Who delivers the course, if not the service.")
    body = StreamField(BodyBlock(), blank=True, help_text="What the course covers, in more detail.")

    parent_page_types = ["training.CourseIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("outcomes"),
        index.SearchField("body"),
        index.SearchField("provider"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("delivery"),
        index.FilterField("lead_must_attend"),
        index.FilterField("duration_hours"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("length"), FieldPanel("duration_hours")]),
                FieldPanel("delivery"),
                FieldPanel("lead_must_attend"),
                FieldPanel("cost"),
                FieldPanel("provider"),
            ],
            heading="Course details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Filters",
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "training course"
