"""The home page, standard prose pages and the site's contact settings."""

from django.db import models

from modelcluster.models import get_all_child_m2m_relations
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.tasks import insert_or_update_object_task

from .blocks import BodyBlock


class BasePage(Page):
    """Fields every public page shares: a summary used as the meta description and in listings."""

    summary = models.TextField(
        blank=True,
        max_length=300,
        help_text="One or two sentences shown under the title, in listings and to search engines.",
    )
    review_date = models.DateField(
        null=True,
        blank=True,
        help_text="When the content should next be checked. Pages past this date are listed in the admin's "
        "'Content due for review' report.",
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    settings_panels = [*Page.settings_panels, FieldPanel("review_date")]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Index again once modelcluster has written the page's many-to-many relations.

        The search index is updated from post_save, which fires before ClusterableModel.save writes
        ParentalManyToManyFields; without this, a topic added in the editor would not be searchable
        until the page was next saved.
        """
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        relations = {field.name for field in get_all_child_m2m_relations(self)}
        wanted = relations and (update_fields is None or relations.intersection(update_fields))
        if wanted and getattr(self, "search_auto_update", True):
            insert_or_update_object_task.enqueue(self._meta.app_label, self._meta.model_name, str(self.pk))
        return result

    def get_meta_description(self):
        """The description search engines show; falls back to the summary."""
        return self.search_description or self.summary


class HomePage(BasePage):
    """The front page of the service."""

    introduction = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    search_fields = [*BasePage.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]


class StandardPage(BasePage):
    """A prose page: guidance, the accessibility statement, the privacy notice."""

    body = StreamField(BodyBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True, help_text="Shown at the foot of the page.")

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body"), FieldPanel("last_reviewed")]


@register_setting(icon="site")
class ServiceSettings(BaseSiteSetting):
    """Contact details and the pages linked from every page's footer."""

    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    opening_hours = models.CharField(
        max_length=200, blank=True, help_text="For example 'Monday to Friday, 9am to 5pm'."
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phase_banner_text = models.CharField(
        max_length=200,
        blank=True,
        default="This is a new service. Your feedback will help us to improve it.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("opening_hours"),
            ],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_statement"), FieldPanel("privacy_notice")],
            heading="Footer pages",
        ),
        FieldPanel("phase_banner_text"),
    ]

    class Meta:
        verbose_name = "service settings"
