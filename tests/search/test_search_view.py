"""The site search page: types with counts, pagination, promotions and a query count that does not grow."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

import pytest

from home.demo_content import build_site
from home.models import StandardPage
from search import views
from search.types import RESULT_TYPES, ResultType, available_types
from tests.training.factories import CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

URL = reverse("search")


@pytest.fixture
def site_pages():
    return build_site()


@pytest.fixture
def catalogue(site_pages):
    return CourseIndexPageFactory(parent=site_pages["home"], title="Training courses")


def add_courses(catalogue, count, word="resilience"):
    return [
        CoursePageFactory(parent=catalogue, summary=f"Building {word} in the classroom.") for _ in range(count)
    ]


def add_standard_pages(home, count, word="resilience"):
    pages = []
    for _ in range(count):
        page = StandardPage(title=f"Guidance on {word}", summary=f"How schools support {word}.")
        home.add_child(instance=page)
        pages.append(page)
    return pages


def result_titles(content):
    block = content.split('class="govuk-list sws-results"', 1)
    if len(block) < 2:
        return []
    return re.findall(r'<a class="govuk-link" href="[^"]+">([^<]+)</a></h3>', block[1].split("</ul>", 1)[0])


def type_counts(content):
    """{label: count} from the type filter, selected or linked."""
    nav = content.split('aria-labelledby="search-types-heading"', 1)[1].split("</nav>", 1)[0]
    pairs = re.findall(r'>([^<>]+) <span class="sws-meta">\((\d+)\)', nav)
    return {label.strip(): int(count) for label, count in pairs}


def test_empty_query_shows_only_the_form(client, site_pages):
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert 'name="q"' in content
    assert "result" not in content.split("</form>", 1)[1].split("</main>", 1)[0]
    assert 'aria-label="Breadcrumb"' in content and '<meta name="description"' in content
    assert not Query.objects.exists()


def test_results_show_their_type_and_counts_per_type(client, site_pages, catalogue):
    add_courses(catalogue, 3)
    add_standard_pages(site_pages["home"], 2)
    content = client.get(URL, {"q": "resilience"}).content.decode()
    assert "5 results for ‘resilience’" in content
    assert type_counts(content) == {"All results": 5, "Training courses": 3, "Pages": 2}
    assert content.count('<strong class="govuk-tag govuk-tag--grey">Training courses</strong>') == 3
    assert content.count('<strong class="govuk-tag govuk-tag--grey">Pages</strong>') == 2
    assert "Building resilience in the classroom." in content  # the summary
    assert 'href="?q=resilience&amp;type=training-courses"' in content


def test_type_filter_narrows_the_results_and_keeps_every_count(client, site_pages, catalogue):
    courses = add_courses(catalogue, 3)
    add_standard_pages(site_pages["home"], 2)
    content = client.get(URL, {"q": "resilience", "type": "training-courses"}).content.decode()
    assert "3 results for ‘resilience’ in training courses" in content
    assert sorted(result_titles(content)) == sorted(course.title for course in courses)
    assert type_counts(content) == {"All results": 5, "Training courses": 3, "Pages": 2}
    assert '<strong aria-current="true">Training courses' in content
    assert '<input type="hidden" name="type" value="training-courses">' in content

    pages_only = client.get(URL, {"q": "resilience", "type": "pages"}).content.decode()
    assert result_titles(pages_only) == ["Guidance on resilience", "Guidance on resilience"]


def test_unknown_type_is_ignored(client, site_pages, catalogue):
    add_courses(catalogue, 2)
    content = client.get(URL, {"q": "resilience", "type": "nonsense"}).content.decode()
    assert "2 results for ‘resilience’" in content
    assert '<strong aria-current="true">All results' in content


def test_drafts_and_private_pages_are_not_found(client, site_pages, catalogue):
    CoursePageFactory(parent=catalogue, title="Draft course", summary="Building resilience.", live=False)
    private = CoursePageFactory(parent=catalogue, title="Private course", summary="Building resilience.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public = CoursePageFactory(parent=catalogue, title="Public course", summary="Building resilience.")
    content = client.get(URL, {"q": "resilience"}).content.decode()
    assert result_titles(content) == [public.title]
    assert type_counts(content)["All results"] == 1


def test_results_are_paginated_with_the_query_and_type_kept(client, site_pages, catalogue):
    courses = add_courses(catalogue, 25)
    query = {"q": "resilience", "type": "training-courses"}
    first = client.get(URL, query).content.decode()
    assert len(result_titles(first)) == 10
    assert 'href="?q=resilience&amp;type=training-courses&amp;page=2"' in first
    second = client.get(URL, {**query, "page": 2}).content.decode()
    third = client.get(URL, {**query, "page": 3}).content.decode()
    assert len(result_titles(third)) == 5
    seen = result_titles(first) + result_titles(second) + result_titles(third)
    assert sorted(seen) == sorted(course.title for course in courses)
    beyond = client.get(URL, {**query, "page": 99}).content.decode()
    assert result_titles(beyond) == result_titles(third)


def test_no_results_message(client, site_pages):
    content = client.get(URL, {"q": "zebracrossingxyz"}).content.decode()
    assert "0 results for ‘zebracrossingxyz’" in content
    assert "There are no matching results." in content
    assert "double-checking your spelling" in content


def test_no_results_in_a_type_offers_all_types(client, site_pages, catalogue):
    add_standard_pages(site_pages["home"], 1)
    content = client.get(URL, {"q": "resilience", "type": "training-courses"}).content.decode()
    assert "There are no matching results." in content
    assert 'href="?q=resilience">searching all types of content</a>' in content


def test_promotions_come_first_on_the_first_page_only(client, site_pages, catalogue):
    add_courses(catalogue, 12)
    about = site_pages["about"]
    query = Query.get("resilience")
    SearchPromotion.objects.create(query=query, page=about, description="Start here.", sort_order=0)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://www.example.org/resilience", external_link_text="Partner toolkit",
        sort_order=1,
    )
    content = client.get(URL, {"q": "Resilience"}).content.decode()
    recommended = content.index('govuk-tag--blue">Recommended')
    assert recommended < content.index('class="govuk-list sws-results"')
    assert content.index(f'href="{about.url}">About the service</a>') < content.index("Partner toolkit")
    assert "Start here." in content
    assert 'href="https://www.example.org/resilience">Partner toolkit</a>' in content
    assert "Recommended" not in client.get(URL, {"q": "resilience", "page": 2}).content.decode()
    # Narrowed to courses: the promoted standard page and the external link are not courses.
    assert "Recommended" not in client.get(URL, {"q": "resilience", "type": "training-courses"}).content.decode()
    assert query.hits == 3


def test_unpublished_promoted_pages_are_not_shown(client, site_pages):
    about = site_pages["about"]
    SearchPromotion.objects.create(query=Query.get("wellbeing"), page=about, description="Start here.")
    about.unpublish()
    content = client.get(URL, {"q": "wellbeing"}).content.decode()
    assert "Start here." not in content


def test_query_count_does_not_grow_with_the_number_of_results(
    client, site_pages, catalogue, django_assert_num_queries
):
    """10 matching pages or 200: the same queries.

    (Results are loaded as their specific page types, one query per type present on the page of results,
    so the matching pages here are all one type, to keep the count independent of ranking ties.)
    """
    add_courses(catalogue, 10)
    SearchPromotion.objects.create(query=Query.get("resilience"), page=site_pages["about"], sort_order=0)
    query = {"q": "resilience"}
    client.get(URL, query)  # warm-up: content types, site, the Query row
    with CaptureQueriesContext(connection) as with_ten:
        response = client.get(URL, query)
    assert "10 results" in response.content.decode()
    add_courses(catalogue, 190)
    with django_assert_num_queries(len(with_ten)):
        response = client.get(URL, query)
    content = response.content.decode()
    assert "200 results" in content
    assert len(result_titles(content)) == 10
    assert type_counts(content) == {"All results": 200, "Training courses": 200}


def test_counting_one_query_per_type_agrees_with_the_facet(client, site_pages, catalogue, monkeypatch):
    """The path Elasticsearch takes (a count per type) gives the same numbers as the database facet."""
    add_courses(catalogue, 3)
    add_standard_pages(site_pages["home"], 2)
    faceted = type_counts(client.get(URL, {"q": "resilience"}).content.decode())
    monkeypatch.setattr(views, "_facet_is_complete", lambda results: False)
    counted = type_counts(client.get(URL, {"q": "resilience"}).content.decode())
    assert counted == faceted == {"All results": 5, "Training courses": 3, "Pages": 2}


def test_types_skip_missing_models_and_pages_take_the_rest(db):
    types = available_types(
        (
            ResultType("courses", "Training courses", ("training.CoursePage",)),
            ResultType("missing", "Not built yet", ("nowhere.MissingPage", "training.NoSuchPage")),
            ResultType("pages", "Pages"),
        )
    )
    assert [t.key for t in types] == ["courses", "pages"]
    courses, pages = types
    from django.contrib.contenttypes.models import ContentType

    from home.models import HomePage
    from training.models import CourseIndexPage, CoursePage

    assert courses.content_type_ids == [ContentType.objects.get_for_model(CoursePage).pk]
    for model in (HomePage, StandardPage, CourseIndexPage):
        assert ContentType.objects.get_for_model(model).pk in pages.content_type_ids
    assert courses.content_type_ids[0] not in pages.content_type_ids


def test_the_site_types_are_labelled_as_the_issue_asks():
    labels = [t.label for t in RESULT_TYPES]
    assert labels == [
        "PSHE resources", "Interventions", "Training courses", "Local services (THRIVE)", "Alternative provision",
        "Best practice", "Pages",
    ]
