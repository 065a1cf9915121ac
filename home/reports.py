"""The admin report 'Content due for review': live pages whose review date has come, oldest first.

`review_date` is declared on the abstract `BasePage`, so it lives in each content page type's own
table. The report joins every such table from `wagtailcore_page` at once and takes whichever one
holds the page's date, so it is one query however many pages and page types there are.
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.coreutils import get_content_type_label
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import BasePage


def review_date_models():
    """Concrete page models whose own table has the `review_date` column."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and model._meta.get_field("review_date").model is model
    ]


def reviewed_page_models():
    """Every concrete page model that has a review date, including subclasses of those above."""
    return [model for model in apps.get_models() if issubclass(model, BasePage)]


def _lookup_from_page(model):
    """The query path from Page to `model` through the multi-table inheritance links, e.g. 'homepage'."""
    names = []
    current = model
    while current is not Page:
        parent, link = next((cls, link) for cls, link in current._meta.parents.items() if issubclass(cls, Page))
        names.append(link.related_query_name())
        current = parent
    return "__".join(reversed(names))


def with_review_date(pages):
    """Annotate a Page queryset with `review_due`, the review date of whichever page type each page is."""
    dates = [F(f"{_lookup_from_page(model)}__review_date") for model in review_date_models()]
    if not dates:
        return pages.none()
    return pages.annotate(review_due=Coalesce(*dates) if len(dates) > 1 else dates[0])


def due_for_review(pages=None, today=None):
    """Live pages whose review date is today or earlier, oldest first."""
    pages = Page.objects.all() if pages is None else pages
    today = today or timezone.localdate()
    return with_review_date(pages.live()).filter(review_due__lte=today).order_by("review_due", "title", "pk")


def review_content_types(request=None):
    models = reviewed_page_models()
    content_types = ContentType.objects.get_for_models(*models).values()
    return ContentType.objects.filter(pk__in=[content_type.pk for content_type in content_types]).order_by("model")


class ContentDueForReviewFilterSet(WagtailFilterSet):
    content_type = ContentTypeFilter(label="Page type", queryset=review_content_types)

    class Meta:
        model = Page
        fields = ["content_type"]


def _user_label(user):
    return user.get_full_name() or user.get_username() if user else ""


class ContentDueForReviewView(PageReportView):
    page_title = "Content due for review"
    header_icon = "calendar-alt"
    results_template_name = "home/reports/content_due_for_review_results.html"
    filterset_class = ContentDueForReviewFilterSet
    index_url_name = "content_due_for_review"
    index_results_url_name = "content_due_for_review_results"
    permission_required = "change"
    list_export = ["title", "review_due", "content_type", "last_published_at", "owner", "url_path"]
    export_headings = {
        "title": "Title",
        "review_due": "Review date",
        "content_type": "Page type",
        "last_published_at": "Last published",
        "owner": "Owner",
        "url_path": "Path",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "content_type": {self.FORMAT_CSV: get_content_type_label, self.FORMAT_XLSX: get_content_type_label},
            "owner": {self.FORMAT_CSV: _user_label, self.FORMAT_XLSX: _user_label},
        }

    def get_filename(self):
        return f"content-due-for-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = due_for_review(editable).select_related("content_type", "owner")
        return super().get_queryset()


class ContentDueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")
