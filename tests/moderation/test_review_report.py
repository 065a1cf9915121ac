"""The admin report of live pages whose review date has come."""

import csv
import io
import re
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from home.demo_content import build_site
from home.models import StandardPage
from home.reports import due_for_review, review_date_models, reviewed_page_models
from tests.training.factories import CourseIndexPageFactory, CoursePageFactory
from training.models import CoursePage
from users.roles import Role

pytestmark = pytest.mark.django_db

URL = reverse("content_due_for_review")
TODAY = timezone.localdate()
DUE = ["Anxiety awareness workshop", "About the service", "Accessibility statement"]


def set_review_date(page, days_from_today):
    type(page).objects.filter(pk=page.pk).update(review_date=TODAY + timedelta(days=days_from_today))


@pytest.fixture
def pages(role_user):
    site = build_site()
    owner = role_user(Role.EDITOR)
    owner.first_name, owner.last_name = "Priya", "Shah"
    owner.save()
    catalogue = CourseIndexPageFactory(parent=site["home"])
    course = CoursePageFactory(parent=catalogue, title="Anxiety awareness workshop", owner=owner)
    draft = StandardPage(title="Draft guidance", live=False)
    site["home"].add_child(instance=draft)
    site["about"].save_revision().publish()  # gives it a last published date
    set_review_date(site["about"], -30)
    set_review_date(course, -400)
    set_review_date(site["accessibility"], 0)
    set_review_date(site["privacy"], 1)
    set_review_date(draft, -100)
    return {**site, "course": course, "draft": draft, "owner": owner}


def listed(content):
    """Titles in the report's table, in order."""
    body = content.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in content else ""
    return re.findall(r'<td class="title">\s*<a href="[^"]+">([^<]+)</a>', body)


def test_lists_live_pages_due_today_or_earlier_oldest_first(client, pages):
    client.force_login(pages["owner"])
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Content due for review" in content
    assert listed(content) == DUE
    assert "Privacy notice" not in content  # due tomorrow
    assert "Draft guidance" not in content  # not live
    assert "Supporting the mental health" not in content  # home page has no review date
    overdue = TODAY - timedelta(days=400)
    assert f'<time datetime="{overdue:%Y-%m-%d}">' in content
    assert "Training course" in content and "Standard page" in content
    assert "Priya Shah" in content
    assert reverse("wagtailadmin_pages:edit", args=(pages["course"].pk,)) in content


def test_filters_by_page_type(client, pages):
    client.force_login(pages["owner"])
    course_type = ContentType.objects.get_for_model(CoursePage)
    content = client.get(URL, {"content_type": course_type.pk}).content.decode()
    assert listed(content) == ["Anxiety awareness workshop"]
    standard_type = ContentType.objects.get_for_model(StandardPage)
    content = client.get(URL, {"content_type": standard_type.pk}).content.decode()
    assert listed(content) == ["About the service", "Accessibility statement"]


def test_exports_csv_and_xlsx(client, pages):
    client.force_login(pages["owner"])
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    assert "content-due-for-review-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Title", "Review date", "Page type", "Last published", "Owner", "Path"]
    assert [row[0] for row in rows[1:]] == DUE
    assert rows[1][1] == str(TODAY - timedelta(days=400))
    assert rows[1][2] == "Training course" and rows[1][4] == "Priya Shah"

    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(workbook.active.iter_rows(values_only=True))
    assert values[0][:3] == ("Title", "Review date", "Page type")
    assert [row[0] for row in values[1:]] == DUE


@pytest.mark.parametrize("role", [Role.EDITOR, Role.TEAM_MANAGER])
def test_editors_and_the_team_manager_see_the_report_and_its_menu_item(client, pages, role_user, role):
    client.force_login(role_user(role))
    assert client.get(URL).status_code == 200
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", [Role.WORKER, Role.STEERING_GROUP, Role.ADMINISTRATOR])
def test_admin_users_without_page_edit_permission_are_refused(client, pages, role_user, role):
    client.force_login(role_user(role))
    response = client.get(URL)
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, pages):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


def test_every_content_page_type_is_covered():
    models = review_date_models()
    assert StandardPage in models and CoursePage in models
    assert all(model._meta.get_field("review_date").model is model for model in models)
    # Subclasses of a content page type (multi-table inheritance) are reached through their parent's table.
    for model in reviewed_page_models():
        assert any(issubclass(model, owner) for owner in models), model


def test_due_for_review_includes_the_day_itself():
    site = build_site()
    set_review_date(site["about"], 0)
    assert list(due_for_review(today=TODAY).values_list("title", flat=True)) == ["About the service"]
    assert not due_for_review(today=TODAY - timedelta(days=1)).exists()


def test_query_count_does_not_grow_with_the_number_of_overdue_pages(
    client, pages, role_user, django_assert_num_queries
):
    manager = role_user(Role.TEAM_MANAGER)
    client.force_login(manager)
    catalogue = pages["course"].get_parent()

    def add(count):
        for number in range(count):
            course = CoursePageFactory(parent=catalogue, owner=pages["owner"] if number % 2 else manager)
            set_review_date(course, -number - 1)

    add(7)  # with the 3 from the fixture: 10 overdue pages
    client.get(URL)
    with CaptureQueriesContext(connection) as with_ten:
        response = client.get(URL)
    assert len(listed(response.content.decode())) == 10
    add(90)
    with django_assert_num_queries(len(with_ten)):
        response = client.get(URL)
    assert len(listed(response.content.decode())) == 50  # the first page of 100
