"""The libraries schools browse: PSHE resources, evidence-based interventions, and best practice.

Each library is an index page (one per site, under the home page) listing its detail pages with
filters: structured fields and shared vocabularies where people filter, StreamField where prose belongs.
"""

from urllib.parse import urlsplit

from django import forms
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.listing import FacetedIndexMixin
from home.models import BasePage
from schools.models import Cluster
from taxonomy.facets import BooleanFacet, ChoiceFacet, VocabularyFacet
from taxonomy.models import Audience, KeyStage, Principle, ResourceType, ThriveGrouping, Topic

from .blocks import AttachmentsBlock
from .facets import CoveringChoiceFacet, ForeignKeyFacet, YearFacet

INTRO_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

NO_PUPIL_DATA = (
    "Never include pupils' names, photographs or details that could identify a pupil, "
    "even with the school's permission."
)


def _checkboxes(field_name, **kwargs):
    return FieldPanel(field_name, widget=forms.CheckboxSelectMultiple, **kwargs)


def _names(field_name):
    """Index the names of a page's vocabulary terms, so searching for a topic finds its pages."""
    return index.RelatedFields(field_name, [index.SearchField("name")])


class ListingPage(FacetedIndexMixin, BasePage):
    """A library index page: a short rich-text introduction above its faceted listing."""

    intro = RichTextField(blank=True, features=INTRO_FEATURES, help_text="Shown above the list.")

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True


# PSHE resource library -------------------------------------------------------------------------


class ResourceIndexPage(ListingPage):
    """The PSHE resource library: every resource, filtered by topic, key stage, audience and more."""

    result_noun = ("resource", "resources")
    result_prefetch = ("key_stages", "topics")

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = "PSHE resource library"

    def listing_queryset(self):
        return ResourcePage.objects.child_of(self).live().public().order_by("title")

    def listing_facets(self):
        return [
            VocabularyFacet("topic", "Topic", "topics", Topic),
            VocabularyFacet("key_stage", "Key stage", "key_stages", KeyStage),
            VocabularyFacet("audience", "Audience", "audiences", Audience),
            VocabularyFacet("type", "Resource type", "resource_types", ResourceType),
            VocabularyFacet("principle", "Principle", "principles", Principle),
            BooleanFacet("quality_mark", "Quality", "pshe_quality_mark", "Has the PSHE Association Quality Mark"),
        ]


class ResourcePage(BasePage):
    """A PSHE resource: what it covers and who it is for, with its files and links."""

    topics = ParentalManyToManyField(Topic, blank=True, related_name="resource_pages")
    key_stages = ParentalManyToManyField(KeyStage, blank=True, related_name="resource_pages")
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="resource_pages")
    resource_types = ParentalManyToManyField(
        ResourceType, blank=True, related_name="resource_pages", verbose_name="resource types"
    )
    principles = ParentalManyToManyField(
        Principle,
        blank=True,
        related_name="resource_pages",
        help_text="The principles of a whole-school approach to mental health this resource supports.",
    )
    pshe_quality_mark = models.BooleanField(
        "PSHE Association Quality Mark",
        default=False,
        help_text="Tick only if the PSHE Association has awarded this resource its Quality Mark.",
    )
    body = StreamField(BodyBlock(), blank=True)
    attachments = StreamField(
        AttachmentsBlock(),
        blank=True,
        help_text="Files from the document library and links to resources on other websites.",
    )

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("attachments"),
        _names("topics"),
        _names("key_stages"),
        _names("audiences"),
        _names("resource_types"),
        index.FilterField("pshe_quality_mark"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                _checkboxes("topics"),
                _checkboxes("key_stages"),
                _checkboxes("audiences"),
                _checkboxes("resource_types"),
                _checkboxes("principles"),
                FieldPanel("pshe_quality_mark"),
            ],
            heading="What it covers and who it is for",
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]

    class Meta:
        verbose_name = "PSHE resource"


# Intervention library --------------------------------------------------------------------------


class Factor(models.TextChoices):
    PROTECTIVE = "protective", "Protective factor"
    RISK = "risk", "Risk factor"
    BOTH = "both", "Protective and risk factors"


class Phase(models.TextChoices):
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    ALL = "all", "All phases"


class Approach(models.TextChoices):
    UNIVERSAL = "universal", "Universal (every pupil)"
    TARGETED = "targeted", "Targeted (pupils who need it)"
    BOTH = "both", "Universal and targeted"


class EvidenceStrength(models.TextChoices):
    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    PROMISING = "promising", "Promising"
    WEAK = "weak", "Weak"


EVIDENCE_MEANINGS = {
    EvidenceStrength.STRONG: "Several good-quality trials, including in the UK, show it works.",
    EvidenceStrength.MODERATE: "At least one good-quality trial shows it works; others are mixed.",
    EvidenceStrength.PROMISING: "Early studies and evaluations suggest it helps.",
    EvidenceStrength.WEAK: "Little or mixed evidence: a school adopting it needs a strong evaluation plan.",
}

EVIDENCE_TAG_CLASSES = {
    EvidenceStrength.STRONG: "govuk-tag--green",
    EvidenceStrength.MODERATE: "govuk-tag--blue",
    EvidenceStrength.PROMISING: "govuk-tag--yellow",
    EvidenceStrength.WEAK: "govuk-tag--red",
}


class CostBand(models.TextChoices):
    FREE = "free", "Free"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


COST_MEANINGS = {
    CostBand.FREE: "No charge to the school.",
    CostBand.LOW: "Under £500 a year for the whole school, including licences, materials and training.",
    CostBand.MEDIUM: "£500 to £2,000 a year for the whole school.",
    CostBand.HIGH: "Over £2,000 a year, or substantial staff time beyond normal duties.",
}


def _meanings_help(meanings):
    return " ".join(f"{choice.label}: {text}" for choice, text in meanings.items())


class InterventionIndexPage(ListingPage):
    """The intervention library: evidence-based programmes schools can adopt."""

    result_noun = ("intervention", "interventions")
    result_prefetch = ("topics",)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.InterventionPage"]

    class Meta:
        verbose_name = "intervention library"

    def listing_queryset(self):
        return InterventionPage.objects.child_of(self).live().public().order_by("title")

    def listing_facets(self):
        return [
            CoveringChoiceFacet(
                "factor",
                "Factor targeted",
                "factor",
                Factor.choices,
                covers={Factor.BOTH: [Factor.PROTECTIVE, Factor.RISK]},
            ),
            VocabularyFacet("topic", "Topic", "topics", Topic),
            CoveringChoiceFacet(
                "phase", "Phase", "phase", Phase.choices, covers={Phase.ALL: [Phase.PRIMARY, Phase.SECONDARY]}
            ),
            CoveringChoiceFacet(
                "approach",
                "Approach",
                "approach",
                Approach.choices,
                covers={Approach.BOTH: [Approach.UNIVERSAL, Approach.TARGETED]},
            ),
            ChoiceFacet("evidence", "Strength of evidence", "evidence_strength", EvidenceStrength.choices),
            ChoiceFacet("cost", "Cost", "cost_band", CostBand.choices),
            VocabularyFacet("thrive", "THRIVE grouping", "thrive_groupings", ThriveGrouping),
            VocabularyFacet("principle", "Principle", "principles", Principle),
        ]


class InterventionPage(BasePage):
    """An evidence-based programme: what it targets, how strong the evidence is, and what it costs."""

    factor = models.CharField(
        "factor targeted",
        max_length=20,
        choices=Factor.choices,
        help_text="Whether it strengthens a protective factor, reduces a risk factor, or both.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="intervention_pages")
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.ALL)
    approach = models.CharField(
        max_length=20,
        choices=Approach.choices,
        default=Approach.UNIVERSAL,
        help_text="Universal programmes are for every pupil; targeted ones for pupils who need more help.",
    )
    evidence_strength = models.CharField(
        "strength of evidence",
        max_length=20,
        choices=EvidenceStrength.choices,
        help_text=_meanings_help(EVIDENCE_MEANINGS),
    )
    evaluation_guidance = RichTextField(
        blank=True,
        features=INTRO_FEATURES,
        help_text="How a school should evaluate it. Shown under the warning on weak-evidence programmes.",
    )
    cost_band = models.CharField(
        "cost", max_length=20, choices=CostBand.choices, help_text=_meanings_help(COST_MEANINGS)
    )
    provider = models.CharField(max_length=200, blank=True, help_text="Who owns or delivers the programme.")
    licence = models.TextField(
        "licence or training needed",
        blank=True,
        help_text="Any licence the school must buy, and the training staff need before delivering it.",
    )
    website = models.URLField(blank=True, help_text="The programme's own website.")
    thrive_groupings = ParentalManyToManyField(
        ThriveGrouping, blank=True, related_name="intervention_pages", verbose_name="THRIVE groupings"
    )
    principles = ParentalManyToManyField(Principle, blank=True, related_name="intervention_pages")
    body = StreamField(BodyBlock(), blank=True)

    parent_page_types = ["resources.InterventionIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("provider"),
        index.SearchField("evaluation_guidance"),
        _names("topics"),
        _names("thrive_groupings"),
        index.FilterField("factor"),
        index.FilterField("phase"),
        index.FilterField("approach"),
        index.FilterField("evidence_strength"),
        index.FilterField("cost_band"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("factor"), _checkboxes("topics"), FieldPanel("phase"), FieldPanel("approach")],
            heading="Who and what it is for",
        ),
        MultiFieldPanel([FieldPanel("evidence_strength"), FieldPanel("evaluation_guidance")], heading="Evidence"),
        MultiFieldPanel(
            [FieldPanel("cost_band"), FieldPanel("provider"), FieldPanel("licence"), FieldPanel("website")],
            heading="Cost, provider and licence",
        ),
        MultiFieldPanel([_checkboxes("thrive_groupings"), _checkboxes("principles")], heading="Frameworks"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "intervention"

    @property
    def evaluation_plan_needed(self):
        """The evidence is weak, so a school adopting it needs a strong evaluation plan."""
        return self.evidence_strength == EvidenceStrength.WEAK

    @property
    def evidence_meaning(self):
        return EVIDENCE_MEANINGS.get(self.evidence_strength, "")

    @property
    def evidence_tag_class(self):
        return EVIDENCE_TAG_CLASSES.get(self.evidence_strength, "govuk-tag--grey")

    @property
    def cost_meaning(self):
        return COST_MEANINGS.get(self.cost_band, "")

    @property
    def website_host(self):
        return (urlsplit(self.website).hostname or "").removeprefix("www.")


# Best practice ---------------------------------------------------------------------------------


class BestPracticeIndexPage(ListingPage):
    """Case studies from schools and notes of the Safeguarding Leads Forum, by cluster."""

    result_noun = ("item", "items")
    result_prefetch = ("cluster", "topics")

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.CaseStudyPage", "resources.ForumNotesPage"]

    class Meta:
        verbose_name = "best practice index"

    def listing_queryset(self):
        return BestPracticePage.objects.child_of(self).live().public().order_by("-date", "title")

    def listing_facets(self):
        return [
            ChoiceFacet("kind", "Kind", "kind", BestPracticePage.Kind.choices),
            ForeignKeyFacet("cluster", "Cluster", "cluster", Cluster.objects.order_by("name")),
            YearFacet("year", "Year", "date"),
            VocabularyFacet("topic", "Topic", "topics", Topic),
        ]


class BestPracticePage(BasePage):
    """What case studies and forum notes share, so one listing can filter both. Not created directly.

    `kind` is stored (set by each page type on save) so that the listing counts kinds in one query.
    """

    class Kind(models.TextChoices):
        CASE_STUDY = "case_study", "Case study"
        FORUM_NOTES = "forum_notes", "Safeguarding Leads Forum notes"

    kind = models.CharField(max_length=20, choices=Kind.choices, editable=False)
    cluster = models.ForeignKey(
        "schools.Cluster",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="best_practice_pages",
        help_text="Clusters are public groupings of schools, so naming one is fine.",
    )
    date = models.DateField(help_text="Used to list and filter by year.")
    topics = ParentalManyToManyField(Topic, blank=True, related_name="best_practice_pages")
    body = StreamField(BodyBlock(), blank=True, help_text=NO_PUPIL_DATA)

    page_kind = None
    is_creatable = False
    parent_page_types = ["resources.BestPracticeIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        _names("topics"),
        _names("cluster"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "best practice page"

    def save(self, *args, **kwargs):
        if self.page_kind:
            self.kind = self.page_kind
        return super().save(*args, **kwargs)

    @property
    def quarter(self):
        """The calendar quarter of the date, e.g. '2026 Q3' for July to September 2026."""
        if not self.date:
            return ""
        return f"{self.date.year} Q{(self.date.month - 1) // 3 + 1}"


class CaseStudyPage(BestPracticePage):
    """How a school or cluster tackled something, and what others can learn from it."""

    schools = ParentalManyToManyField(
        "schools.School",
        blank=True,
        related_name="case_studies",
        help_text="The schools that took part. Name schools, never pupils: " + NO_PUPIL_DATA,
    )
    principles = ParentalManyToManyField(Principle, blank=True, related_name="case_studies")

    page_kind = BestPracticePage.Kind.CASE_STUDY

    search_fields = [*BestPracticePage.search_fields, _names("schools")]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("cluster"),
                FieldPanel("schools"),
                FieldPanel("date", help_text="When the work took place."),
                _checkboxes("topics"),
                _checkboxes("principles"),
            ],
            heading="Where, when and what",
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"


class ForumNotesPage(BestPracticePage):
    """Notes of a quarterly Safeguarding Leads Forum meeting, with its papers."""

    attachments = StreamField(AttachmentsBlock(), blank=True, help_text="Papers and slides from the meeting.")

    page_kind = BestPracticePage.Kind.FORUM_NOTES

    search_fields = [*BestPracticePage.search_fields, index.SearchField("attachments")]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("cluster"), FieldPanel("date", heading="Meeting date"), _checkboxes("topics")],
            heading="Meeting",
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]

    class Meta:
        verbose_name = "Safeguarding Leads Forum notes"
        verbose_name_plural = "Safeguarding Leads Forum notes"

    @property
    def meeting_date(self):
        """The date of the meeting (stored in the shared `date` field, so the listing can sort by it)."""
        return self.date
