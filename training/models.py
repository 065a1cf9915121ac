"""The training catalogue (course pages) and its dated sessions, bookings and calendar feeds."""

import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from simple_history.models import HistoricalRecords

from home.blocks import BodyBlock
from home.listing import FacetedIndexMixin
from home.models import BasePage
from schools.models import School
from taxonomy.facets import BooleanFacet, ChoiceFacet, VocabularyFacet
from taxonomy.models import Audience, Principle, Topic

from .facets import LengthBandFacet


def _new_feed_token():
    return secrets.token_urlsafe(32)


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
    """A course schools can send staff or pupils on; its dated sessions are `TrainingSession` rows."""

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sessions = list(TrainingSession.objects.upcoming().filter(course=self).with_counts())
        for session in sessions:
            session.course = self
        context["sessions"] = sessions
        return context


class TrainingSessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Sessions not yet started and not cancelled, soonest first."""
        now = now or timezone.now()
        return self.filter(starts_at__gt=now, cancelled=False).order_by("starts_at", "pk")

    def listed(self, now=None):
        """Upcoming sessions of live, public course pages: what the public may see."""
        courses = CoursePage.objects.live().public().values("pk")
        return self.upcoming(now).filter(course__in=courses)

    def with_counts(self):
        """Annotate `confirmed_count` and `waiting_count` in the same query."""
        return self.annotate(
            confirmed_count=Count("bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED)),
            waiting_count=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)),
        )


class TrainingSession(models.Model):
    """One dated run of a course, which school staff book places on."""

    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    venue = models.TextField(blank=True, help_text="The address, for a session in person. Leave empty if online.")
    online_link = models.URLField(
        "online joining link", blank=True, help_text="For an online session: sent to people with a place."
    )
    capacity = models.PositiveIntegerField("places", validators=[MinValueValidator(1)])
    trainer = models.CharField(max_length=150)
    booking_deadline = models.DateTimeField(help_text="No bookings are taken after this time.")
    cancelled = models.BooleanField(
        default=False, help_text="A cancelled session is no longer listed and takes no bookings."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="training_session_starts")]
        permissions = [("record_attendance", "Can record attendance at training sessions")]

    def __str__(self):
        return f"{self.course.title}, {date_format(timezone.localtime(self.starts_at), 'j F Y H:i')}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The session must end after it starts."
        if self.starts_at and self.booking_deadline and self.booking_deadline > self.starts_at:
            errors["booking_deadline"] = "The booking deadline must be before the session starts."
        if not self.venue.strip() and not self.online_link:
            errors["venue"] = "Enter a venue, an online joining link, or both."
        if errors:
            raise ValidationError(errors)

    @property
    def location(self):
        """Where it happens, as one line: the venue, else the online link."""
        return " ".join(self.venue.split()) or self.online_link

    def is_open_for_booking(self, now=None):
        """Whether a booking made now would be taken (places aside)."""
        now = now or timezone.now()
        return not self.cancelled and now <= self.booking_deadline and now < self.starts_at

    @property
    def places_left(self):
        """Free places; needs the `with_counts()` annotation."""
        return max(self.capacity - self.confirmed_count, 0)


class Booking(models.Model):
    """A person's place (or place on the waiting list) at a session, and whether they attended."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_bookings")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="training_bookings")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    position = models.PositiveIntegerField(
        null=True, blank=True, help_text="Place in the waiting list (lowest first); empty unless waiting."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["session__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~Q(status="cancelled"),
                name="booking_one_active_per_person",
                violation_error_message="This person already has a place or is on the waiting list.",
            ),
            models.UniqueConstraint(
                fields=["session", "position"], condition=Q(status="waiting"), name="booking_unique_waiting_position"
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"], name="training_booking_status"),
            # The KPI dashboard counts attended places (sessions delivered, staff trained) from the index alone.
            models.Index(
                fields=["session"],
                include=["person", "school"],
                condition=Q(attended=True),
                name="training_booking_attended",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.session} ({self.get_status_display().lower()})"

    @property
    def is_active(self):
        """Confirmed or waiting."""
        return self.status != self.Status.CANCELLED


class CalendarFeed(models.Model):
    """A person's private calendar address: whoever has the token sees their confirmed sessions."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"

    def reset(self):
        """Give the feed a new address, so an old one that was shared stops working."""
        self.token = _new_feed_token()
        self.save(update_fields=["token"])
