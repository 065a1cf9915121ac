"""The THRIVE portal (local services mapped to the THRIVE groupings) and the Alternative Provision portal.

Services are pages, so they go through the same moderation as all published content; the open-data API
(api.py) serves only what is live. Organisations and referral routes are snippets shared between pages.
"""

from uuid import uuid4

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from home.blocks import BodyBlock
from home.listing import FacetedIndexMixin
from home.models import BasePage
from taxonomy.facets import VocabularyFacet
from taxonomy.models import KeyStage, ThriveGrouping, Topic, Vocabulary

from .facets import AgeBandFacet, LocalityFacet, StrictChoiceFacet

MAX_AGE = 25


def add_years(day, years):
    """The same day `years` later (or earlier); 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_range_errors(min_age, max_age):
    if min_age is not None and max_age is not None and min_age > max_age:
        return {"max_age": "The maximum age must be the same as or more than the minimum age."}
    return {}


def format_age_range(min_age, max_age):
    return f"{min_age} to {max_age}"


def format_time(moment):
    """A time as GOV.UK writes it: 9am, 4:30pm, midday, midnight."""
    if moment is None:
        return ""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) in ((0, 0), (23, 59)):
        return "midnight"
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{moment.hour % 12 or 12}{minutes}{'am' if moment.hour < 12 else 'pm'}"


class ReferralRoute(Vocabulary):
    """Who may refer a child or young person to a service: self-referral, school, GP, another professional."""

    class Meta(Vocabulary.Meta):
        verbose_name = "referral route"


class Organisation(index.Indexed, models.Model):
    """A body that provides services or alternative provision: an NHS trust, a charity, the council."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    url = models.URLField("website", blank=True)
    phone = models.CharField(max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("email"),
        FieldPanel("url"),
        FieldPanel("phone"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


# --- The THRIVE portal ---------------------------------------------------------------------------


class ThrivePortalPage(FacetedIndexMixin, RoutablePageMixin, BasePage):
    """The single portal of local services: explains the THRIVE groupings and lists services by each.

    The page itself is the landing page; `services/` is the faceted listing.
    """

    body = StreamField(BodyBlock(), blank=True, help_text="Introduction shown above the THRIVE groupings.")

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.ServicePage"]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    result_noun = ("service", "services")
    result_prefetch = ("thrive_groupings", "referral_routes")
    list_on_page = False  # the page is the landing page; the listing is the services/ route

    class Meta:
        verbose_name = "THRIVE portal page"

    def listing_queryset(self):
        return ServicePage.objects.live().public().descendant_of(self).select_related("organisation").order_by("title")

    def listing_facets(self):
        return [
            VocabularyFacet("grouping", "THRIVE grouping", "thrive_groupings", ThriveGrouping),
            AgeBandFacet("age", "Age"),
            VocabularyFacet("referral", "Who can refer", "referral_routes", ReferralRoute),
            LocalityFacet("locality", "Locality served"),
            VocabularyFacet("topic", "Topic", "topics", Topic),
        ]

    def groupings_with_counts(self):
        """The THRIVE groupings in order, each with its number of live services: two queries."""
        rows = (
            ServicePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by()
            .values("thrive_groupings")
            .annotate(n=Count("pk", distinct=True))
        )
        counts = {row["thrive_groupings"]: row["n"] for row in rows}
        groupings = list(ThriveGrouping.objects.all())
        for grouping in groupings:
            grouping.service_count = counts.get(grouping.pk, 0)
        return groupings

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services_url"] = self.get_url(request) + self.reverse_subpage("service_listing")
        return context

    @path("")
    def landing(self, request):
        groupings = self.groupings_with_counts()
        return self.render(
            request,
            context_overrides={
                "groupings": groupings,
                "service_count": ServicePage.objects.live().public().descendant_of(self).count(),
            },
        )

    @path("services/", name="service_listing")
    def service_listing(self, request):
        return self.render(
            request, template="directory/thrive_service_listing.html", context_overrides=self.listing_context(request)
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append({**urls[0], "location": urls[0]["location"] + self.reverse_subpage("service_listing")})
        return urls


class ServicePageForm(WagtailAdminPageForm):
    """Lets the model's clean() see the THRIVE groupings being submitted, not those last saved.

    A model form assigns many-to-many values only when it saves, after model validation; assigning a
    ParentalManyToManyField on the instance is in memory only, so doing it first is safe.
    """

    def _post_clean(self):
        if "thrive_groupings" in getattr(self, "cleaned_data", {}):
            self.instance.thrive_groupings = self.cleaned_data["thrive_groupings"]
        super()._post_clean()


class ServicePage(BasePage):
    """A local service that helps children and young people with their mental health.

    `review_date` (from BasePage, which drives the admin's content-review report) is set to a year after
    `last_checked` whenever it is blank or no longer after `last_checked`, so re-checking a service
    moves its next review on by a year. An editor may set a later review date by hand.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="services",
        help_text="Who provides the service.",
    )
    thrive_groupings = ParentalManyToManyField(
        ThriveGrouping,
        blank=True,
        related_name="services",
        verbose_name="THRIVE groupings",
        help_text="Choose at least one: the needs this service meets.",
    )
    min_age = models.PositiveSmallIntegerField("minimum age", default=0, validators=[MaxValueValidator(MAX_AGE)])
    max_age = models.PositiveSmallIntegerField("maximum age", default=18, validators=[MaxValueValidator(MAX_AGE)])
    referral_routes = ParentalManyToManyField(
        ReferralRoute, blank=True, related_name="services", verbose_name="who can refer"
    )
    serves_whole_borough = models.BooleanField(
        "serves all localities", default=False, help_text="Tick if the service is open to the whole borough."
    )
    localities = ParentalManyToManyField(
        "schools.Locality",
        blank=True,
        related_name="services",
        verbose_name="localities served",
        help_text="Leave empty when the service serves all localities.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="services")
    how_to_refer = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])
    body = StreamField(BodyBlock(), blank=True)
    fees = models.CharField("cost", max_length=200, default="Free")
    email = models.EmailField(blank=True, help_text="The service's own address for enquiries and referrals.")
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    last_checked = models.DateField(help_text="When someone last confirmed these details with the service.")
    last_checked_by = models.CharField(
        max_length=200, blank=True, help_text="Who confirmed them, e.g. 'SWS team' or a name and role."
    )

    parent_page_types = ["directory.ThrivePortalPage"]
    subpage_types = []
    base_form_class = ServicePageForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("how_to_refer"),
        index.SearchField("body"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("thrive_groupings", [index.SearchField("name")]),
        index.FilterField("min_age"),
        index.FilterField("max_age"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("organisation"),
        FieldPanel("thrive_groupings", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading="Ages"),
        FieldPanel("referral_routes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("how_to_refer"),
        MultiFieldPanel(
            [FieldPanel("serves_whole_borough"), FieldPanel("localities", widget=forms.CheckboxSelectMultiple)],
            heading="Where the service is available",
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("fees"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")], heading="Service contact"),
        InlinePanel("contacts", label="Named contact"),
        InlinePanel("locations", label="Location"),
        InlinePanel("schedules", label="Opening time"),
        MultiFieldPanel([FieldPanel("last_checked"), FieldPanel("last_checked_by")], heading="Checking"),
    ]

    class Meta:
        verbose_name = "service"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        portal = self.get_parent().specific
        if isinstance(portal, ThrivePortalPage):
            context["services_url"] = portal.get_url(request) + portal.reverse_subpage("service_listing")
        return context

    def _set_review_date(self):
        if self.last_checked and (self.review_date is None or self.review_date <= self.last_checked):
            self.review_date = add_years(self.last_checked, 1)

    def clean(self):
        super().clean()
        self._set_review_date()
        errors = age_range_errors(self.min_age, self.max_age)
        if not self.thrive_groupings.all():
            errors["thrive_groupings"] = "Choose at least one THRIVE grouping."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._set_review_date()
        return super().save(*args, **kwargs)

    @property
    def age_range(self):
        return format_age_range(self.min_age, self.max_age)

    @property
    def is_out_of_date(self):
        """Whether the details were last checked more than 12 months ago."""
        return bool(self.last_checked) and self.last_checked < add_years(timezone.localdate(), -1)


class ServiceLocation(Orderable):
    """A place where the service is delivered."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="locations")
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    service_at_location_uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    address_1 = models.CharField("address line 1", max_length=200)
    address_2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = models.TextField(
        "accessibility notes", blank=True, help_text="Step-free access, accessible toilets, hearing loops, parking."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address_1"),
        FieldPanel("address_2"),
        FieldRowPanel([FieldPanel("town"), FieldPanel("postcode")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("accessibility"),
    ]

    def __str__(self):
        return self.name

    @property
    def address_lines(self):
        return [line for line in (self.address_1, self.address_2, self.town, self.postcode) if line]


class ServiceContact(Orderable):
    """A named person to contact about the service."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="contacts")
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    title = models.CharField("job title", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("email"), FieldPanel("phone")]

    def __str__(self):
        return self.name


class ServiceSchedule(Orderable):
    """When the service is open: a weekday with times, or by appointment."""

    class Day(models.TextChoices):
        # Values are the iCalendar (RFC 5545) day codes the Open Referral schedule uses.
        MONDAY = "MO", "Monday"
        TUESDAY = "TU", "Tuesday"
        WEDNESDAY = "WE", "Wednesday"
        THURSDAY = "TH", "Thursday"
        FRIDAY = "FR", "Friday"
        SATURDAY = "SA", "Saturday"
        SUNDAY = "SU", "Sunday"
        BY_APPOINTMENT = "appointment", "By appointment"

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="schedules")
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    weekday = models.CharField("day", max_length=12, choices=Day.choices)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=200, blank=True, help_text="For example 'Term time only'.")

    panels = [
        FieldPanel("weekday"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("description"),
    ]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": "The closing time must be after the opening time."})

    def __str__(self):
        return self.get_weekday_display()

    @property
    def by_appointment(self):
        return self.weekday == self.Day.BY_APPOINTMENT

    @property
    def opens_display(self):
        return format_time(self.opens_at)

    @property
    def closes_display(self):
        return format_time(self.closes_at)


# --- The Alternative Provision portal -------------------------------------------------------------


class OfstedStatus(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    NOT_INSPECTED = "not_inspected", "Not inspected"
    REGISTERED = "registered", "Registered (not yet rated)"


class AlternativeProvisionIndexPage(FacetedIndexMixin, BasePage):
    """The list of alternative provision providers, filtered by key stage, Ofsted status, registration and age."""

    body = StreamField(BodyBlock(), blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.ProviderPage"]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = "alternative provision index page"

    result_noun = ("provider", "providers")
    result_prefetch = ("key_stages",)

    def listing_queryset(self):
        return ProviderPage.objects.live().public().child_of(self).select_related("organisation").order_by("title")

    def listing_facets(self):
        return [
            VocabularyFacet("key_stage", "Key stage", "key_stages", KeyStage),
            StrictChoiceFacet("ofsted", "Ofsted status", "ofsted_status", OfstedStatus.choices),
            StrictChoiceFacet(
                "registered",
                "Registration",
                "registered",
                [(True, "Registered independent school"), (False, "Unregistered provider")],
            ),
            AgeBandFacet("age", "Age"),
        ]



class ProviderPage(BasePage):
    """A provider of alternative provision: what it offers, for whom, how many places, and its Ofsted status."""

    offer = StreamField(BodyBlock(), blank=True, help_text="What the provider offers: curriculum, support, outcomes.")
    min_age = models.PositiveSmallIntegerField("minimum age", default=11, validators=[MaxValueValidator(MAX_AGE)])
    max_age = models.PositiveSmallIntegerField("maximum age", default=16, validators=[MaxValueValidator(MAX_AGE)])
    places = models.PositiveSmallIntegerField(
        "places available", null=True, blank=True, help_text="Leave blank if not known."
    )
    key_stages = ParentalManyToManyField(KeyStage, blank=True, related_name="providers")
    ofsted_status = models.CharField(max_length=30, choices=OfstedStatus.choices, default=OfstedStatus.NOT_INSPECTED)
    ofsted_report_url = models.URLField("Ofsted report", blank=True)
    registered = models.BooleanField(
        "registered independent school", default=False, help_text="Untick for an unregistered provider."
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="providers"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    parent_page_types = ["directory.AlternativeProvisionIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("offer"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("key_stages", [index.SearchField("name")]),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("offer"),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading="Ages"),
        FieldPanel("key_stages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("places"),
        MultiFieldPanel(
            [FieldPanel("registered"), FieldPanel("ofsted_status"), FieldPanel("ofsted_report_url")],
            heading="Registration and inspection",
        ),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("address"),
                FieldPanel("postcode"),
            ],
            heading="Contact",
        ),
    ]

    class Meta:
        verbose_name = "alternative provision provider"

    def clean(self):
        super().clean()
        errors = age_range_errors(self.min_age, self.max_age)
        if errors:
            raise ValidationError(errors)

    @property
    def age_range(self):
        return format_age_range(self.min_age, self.max_age)

    @property
    def ofsted_tag_class(self):
        return {
            OfstedStatus.OUTSTANDING: "govuk-tag--green",
            OfstedStatus.GOOD: "govuk-tag--teal",
            OfstedStatus.REQUIRES_IMPROVEMENT: "govuk-tag--yellow",
            OfstedStatus.INADEQUATE: "govuk-tag--red",
            OfstedStatus.NOT_INSPECTED: "govuk-tag--grey",
            OfstedStatus.REGISTERED: "govuk-tag--blue",
        }.get(self.ofsted_status, "govuk-tag--grey")
