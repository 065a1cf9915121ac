"""The training catalogue: page rules, course pages, the faceted course listing and the demo courses."""

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from home.demo_content import build_site
from home.models import StandardPage
from taxonomy.models import Audience, Principle, Topic
from tests.training.factories import CourseIndexPageFactory, CoursePageFactory
from training.demo import COURSES, build_demo
from training.models import CourseIndexPage, CoursePage
from users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return build_site()["home"]


@pytest.fixture
def catalogue(home):
    return CourseIndexPageFactory(parent=home)


@pytest.fixture
def terms():
    return {
        "staff": Audience.objects.get(slug="staff"),
        "pupils": Audience.objects.get(slug="pupils"),
        "anxiety": Topic.objects.get(slug="anxiety"),
        "self-harm": Topic.objects.get(slug="self-harm"),
        "p5": Principle.objects.get(number=5),
        "p8": Principle.objects.get(number=8),
    }


def option_counts(content, param):
    """{label: count} of a facet's checkboxes as rendered."""
    pattern = (
        rf'name="{param}" type="checkbox" value="[^"]*"(?: checked)?>\s*'
        r'<label[^>]*>([^<]+?) <span class="sws-meta">\((\d+)\)</span>'
    )
    return {label.strip(): int(count) for label, count in re.findall(pattern, content)}


def listed_titles(content):
    return re.findall(r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', content)


# Page rules


def test_catalogue_lives_once_under_the_home_page_and_courses_only_under_it(home, catalogue):
    about = StandardPage.objects.get(slug="about")
    assert CoursePage.can_create_at(catalogue)
    assert not CoursePage.can_create_at(home)
    assert not CoursePage.can_create_at(about)
    assert not CourseIndexPage.can_create_at(home)  # max_count = 1 and one exists
    assert not CourseIndexPage.can_create_at(about)
    assert CourseIndexPage.allowed_parent_page_models() == [type(home)]
    assert CoursePage.allowed_subpage_models() == []
    catalogue.delete()
    assert CourseIndexPage.can_create_at(Page.objects.get(pk=home.pk))


# Course page


def test_course_page_shows_details_outcomes_and_how_to_book(client, catalogue, terms):
    course = CoursePageFactory(
        parent=catalogue,
        title="Youth Mental Health First Aid",
        summary="Two days that give staff the skills to help a young person in crisis.",
        length="2 days",
        duration_hours=Decimal("12"),
        lead_must_attend=True,
        provider="Accredited instructors",
        outcomes=[{"type": "outcome", "value": "recognise the signs of common mental health issues"}],
        tags={"audiences": [terms["staff"]], "topics": [terms["anxiety"]], "principles": [terms["p5"]]},
    )
    response = client.get(course.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert 'aria-label="Breadcrumb"' in content and f'href="{catalogue.url}">Training courses</a>' in content
    assert '<meta name="description" content="Two days that give staff the skills' in content
    assert "By the end of the course you will be able to:" in content
    assert "<li>recognise the signs of common mental health issues</li>" in content
    assert "The designated Mental Health Lead must attend." in content
    assert "2 days" in content and "Free to schools in the borough" in content and "Accredited instructors" in content
    assert "How to book" in content and 'href="mailto:wellbeing@example.org?subject=Youth%20Mental%20Health' in content
    assert f'href="{catalogue.url}?topic=anxiety">Anxiety</a>' in content
    assert "5. Staff development" in content


def test_course_page_without_lead_requirement_has_no_warning(client, catalogue):
    course = CoursePageFactory(parent=catalogue, lead_must_attend=False)
    content = client.get(course.url).content.decode()
    assert "Mental Health Lead must attend" not in content
    assert "govuk-warning-text" not in content


# The listing and its facets


@pytest.fixture
def courses(catalogue, terms):
    make = CoursePageFactory
    return {
        "ymhfa": make(
            parent=catalogue, title="Youth Mental Health First Aid", duration_hours=Decimal("12"),
            lead_must_attend=True,
            tags={
                "audiences": [terms["staff"]], "topics": [terms["anxiety"]], "principles": [terms["p5"], terms["p8"]]
            },
        ),
        "self_harm": make(
            parent=catalogue, title="Responding to self-harm", duration_hours=Decimal("3.5"),
            tags={"audiences": [terms["staff"]], "topics": [terms["self-harm"]], "principles": [terms["p8"]]},
        ),
        "anxiety": make(
            parent=catalogue, title="Anxiety awareness workshop", duration_hours=Decimal("2"),
            delivery=CoursePage.Delivery.ONLINE,
            tags={"audiences": [terms["staff"], terms["pupils"]], "topics": [terms["anxiety"]]},
        ),
        "pupils": make(
            parent=catalogue, title="Workshops for young people", duration_hours=Decimal("6"),
            tags={"audiences": [terms["pupils"]]},
        ),
    }


def test_listing_shows_live_public_courses_with_facet_counts(client, catalogue, courses):
    CoursePageFactory(parent=catalogue, title="Draft course", live=False)
    private = CoursePageFactory(parent=catalogue, title="Private course")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(catalogue.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert '<meta name="description" content="Courses for school staff and pupils.">' in content
    assert "4 courses" in content
    assert listed_titles(content) == [
        "Anxiety awareness workshop", "Responding to self-harm", "Workshops for young people",
        "Youth Mental Health First Aid",
    ]
    assert option_counts(content, "audience") == {"Pupils": 2, "Staff": 3}
    assert option_counts(content, "topic") == {"Anxiety": 2, "Self-harm": 1}
    assert option_counts(content, "principle") == {
        "Staff development": 1, "Targeted support and appropriate referral": 2
    }
    assert option_counts(content, "delivery") == {"In person": 3, "Online": 1}
    assert option_counts(content, "length") == {"Half a day or less": 2, "One day": 1, "More than one day": 1}
    assert option_counts(content, "lead") == {"The Mental Health Lead must attend": 1}
    assert "Mental Health Lead must attend</strong>" in content  # the tag on the YMHFA entry


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"audience": "pupils"}, ["Anxiety awareness workshop", "Workshops for young people"]),
        ({"topic": "anxiety"}, ["Anxiety awareness workshop", "Youth Mental Health First Aid"]),
        (
            {"principle": "targeted-support-and-appropriate-referral"},
            ["Responding to self-harm", "Youth Mental Health First Aid"],
        ),
        ({"delivery": "online"}, ["Anxiety awareness workshop"]),
        ({"lead": "yes"}, ["Youth Mental Health First Aid"]),
        ({"length": "half-day"}, ["Anxiety awareness workshop", "Responding to self-harm"]),
        ({"length": "one-day"}, ["Workshops for young people"]),
        ({"length": "more-than-one-day"}, ["Youth Mental Health First Aid"]),
        ({"length": ["one-day", "more-than-one-day"]}, ["Workshops for young people", "Youth Mental Health First Aid"]),
        ({"audience": "staff", "length": "half-day"}, ["Anxiety awareness workshop", "Responding to self-harm"]),
        ({"audience": "staff", "topic": "anxiety", "delivery": "in-person"}, ["Youth Mental Health First Aid"]),
        (
            {"length": "fortnight"},
            [
                "Anxiety awareness workshop", "Responding to self-harm", "Workshops for young people",
                "Youth Mental Health First Aid",
            ],
        ),
    ],
)
def test_every_facet_filters_alone_and_combined(client, catalogue, courses, query, expected):
    content = client.get(catalogue.url, query).content.decode()
    assert listed_titles(content) == expected
    assert f"{len(expected)} course" in content


def test_counts_of_a_facet_ignore_its_own_selection_but_apply_the_others(client, catalogue, courses):
    content = client.get(catalogue.url, {"audience": "pupils", "length": "half-day"}).content.decode()
    assert listed_titles(content) == ["Anxiety awareness workshop"]
    # Audience counts apply the length filter only; length counts apply the audience filter only.
    assert option_counts(content, "audience") == {"Pupils": 1, "Staff": 2}
    assert option_counts(content, "length") == {"Half a day or less": 1, "One day": 1}
    assert 'value="pupils" checked' in content and 'value="half-day" checked' in content
    assert "Remove<span class=\"govuk-visually-hidden\"> filter</span> length: Half a day or less" in content


def test_no_match_message(client, catalogue, courses):
    content = client.get(catalogue.url, {"delivery": "online", "lead": "yes"}).content.decode()
    assert "0 courses" in content
    assert "No courses match these filters" in content


def test_listing_is_paginated_and_keeps_filters(client, catalogue):
    CoursePageFactory.create_batch(25, parent=catalogue, delivery=CoursePage.Delivery.ONLINE)
    first = client.get(catalogue.url, {"delivery": "online"}).content.decode()
    assert len(listed_titles(first)) == 20
    assert 'href="?delivery=online&amp;page=2"' in first
    second = client.get(catalogue.url, {"delivery": "online", "page": 2}).content.decode()
    assert len(listed_titles(second)) == 5
    assert not set(listed_titles(first)) & set(listed_titles(second))


def test_listing_query_count_does_not_grow_with_the_number_of_courses(
    client, catalogue, terms, django_assert_num_queries
):
    def add(count):
        for number in range(count):
            CoursePageFactory(
                parent=catalogue,
                duration_hours=Decimal(number % 14 + 1),
                lead_must_attend=number % 3 == 0,
                delivery=CoursePage.Delivery.values[number % 3],
                tags={
                    "audiences": [terms["staff"], terms["pupils"]][: number % 2 + 1],
                    "topics": [terms["anxiety"]] if number % 2 else [terms["self-harm"]],
                    "principles": [terms["p5"]],
                },
            )

    add(10)
    query = {"audience": "staff", "length": ["half-day", "one-day"]}
    client.get(catalogue.url, query)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as with_ten:
        response = client.get(catalogue.url, query)
    assert response.status_code == 200
    add(190)
    with django_assert_num_queries(len(with_ten)):
        response = client.get(catalogue.url, query)
    assert len(listed_titles(response.content.decode())) == 20


# Demo content


def test_build_demo_creates_the_seed_courses_once(client, home):
    index_page = build_demo(home)
    build_demo(home)
    assert CourseIndexPage.objects.count() == 1
    assert CoursePage.objects.count() == len(COURSES) == 7
    assert CoursePage.objects.live().count() == 7
    ymhfa = CoursePage.objects.get(slug="youth-mental-health-first-aid")
    assert ymhfa.lead_must_attend and ymhfa.length == "2 days"
    assert list(ymhfa.audiences.values_list("slug", flat=True)) == ["staff"]
    assert ymhfa.principles.count() == 2
    assert all(len(course.outcomes) >= 3 for course in CoursePage.objects.all())
    workshops = CoursePage.objects.get(slug="mental-health-awareness-workshops-for-young-people")
    assert workshops.audiences.get().slug == "pupils"
    content = client.get(index_page.url).content.decode()
    assert "7 courses" in content
    assert "Everything you need to know about mental health (almost)" in content
    assert client.get(ymhfa.url).status_code == 200


def test_an_editor_creates_a_course_in_the_admin_and_submits_it(client, catalogue, terms, role_user):
    editor = role_user(Role.EDITOR)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("training", "coursepage", catalogue.pk))
    data = nested_form_data(
        {
            "title": "Responding to self-harm",
            "slug": "responding-to-self-harm",
            "summary": "Recognising self-harm and responding safely.",
            "outcomes": streamfield([("outcome", "respond calmly to a disclosure")]),
            "length": "Half a day",
            "duration_hours": "3.5",
            "delivery": "in-person",
            "cost": "Free to schools in the borough",
            "provider": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data["audiences"] = [terms["staff"].pk]
    data["topics"] = [terms["self-harm"].pk]
    data["principles"] = [terms["p8"].pk]
    data["action-submit"] = "Submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="responding-to-self-harm")
    assert not course.live and course.workflow_in_progress
    draft = course.get_latest_revision_as_object()
    assert [block.value for block in draft.outcomes] == ["respond calmly to a disclosure"]
    assert list(draft.audiences.all()) == [terms["staff"]]
    assert list(draft.topics.all()) == [terms["self-harm"]]
    assert draft.duration_hours == Decimal("3.5")
