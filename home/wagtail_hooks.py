"""Admin additions for the site's pages: the 'Content due for review' report."""

from django.urls import path, reverse

from wagtail import hooks

from .reports import ContentDueForReviewMenuItem, ContentDueForReviewView


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/content-due-for-review/", ContentDueForReviewView.as_view(), name="content_due_for_review"),
        path(
            "reports/content-due-for-review/results/",
            ContentDueForReviewView.as_view(results_only=True),
            name="content_due_for_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ContentDueForReviewMenuItem(
        "Content due for review",
        reverse("content_due_for_review"),
        name="content-due-for-review",
        icon_name="calendar-alt",
        order=650,
    )
