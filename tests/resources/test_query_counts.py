"""Each listing runs the same number of queries for 10 pages as for 200, filtered or not."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.resources.factories import (
    CaseStudyPageFactory,
    ForumNotesPageFactory,
    InterventionPageFactory,
    ResourcePageFactory,
)
from tests.schools.factories import ClusterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_search_indexing(settings):
    """Creating 200 pages is quicker without updating the search index, which listings do not use."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}


def add_resources(index, terms, start, stop):
    topics = [terms.topic("bullying"), terms.topic("anxiety")]
    key_stages = [terms.key_stage("key-stage-2"), terms.key_stage("key-stage-3")]
    for number in range(start, stop):
        ResourcePageFactory(
            parent=index,
            title=f"Resource {number:03d}",
            topics=topics[: 1 + number % 2],
            key_stages=key_stages[number % 2 :],
            audiences=[terms.audience("pupils")],
            resource_types=[terms.resource_type("lesson-plan")],
            principles=[terms.principle(1 + number % 8)],
            pshe_quality_mark=number % 3 == 0,
        )


def add_interventions(index, terms, start, stop):
    for number in range(start, stop):
        InterventionPageFactory(
            parent=index,
            title=f"Programme {number:03d}",
            factor=["protective", "risk", "both"][number % 3],
            phase=["primary", "secondary", "all"][number % 3],
            approach=["universal", "targeted", "both"][number % 3],
            evidence_strength=["strong", "moderate", "promising", "weak"][number % 4],
            cost_band=["free", "low", "medium", "high"][number % 4],
            topics=[terms.topic("bullying"), terms.topic("physical-activity")][: 1 + number % 2],
            thrive_groupings=[terms.thrive("thriving")],
            principles=[terms.principle(1 + number % 8)],
        )


def add_best_practice(index, terms, start, stop):
    clusters = ClusterFactory.create_batch(3)
    for number in range(start, stop):
        factory = CaseStudyPageFactory if number % 2 else ForumNotesPageFactory
        factory(
            parent=index,
            title=f"Item {number:03d}",
            cluster=clusters[number % 3],
            date=date(2024 + number % 3, 1 + number % 12, 1),
            topics=[terms.topic("bullying"), terms.topic("exam-stress")][: 1 + number % 2],
        )


LISTINGS = [
    ("resource_index", add_resources, "?topic=bullying&key_stage=key-stage-2&quality_mark=yes&audience=pupils"),
    ("intervention_index", add_interventions, "?factor=protective&phase=primary&evidence=weak&topic=bullying"),
    ("best_practice_index", add_best_practice, "?kind=case_study&year=2025&topic=bullying"),
]


@pytest.mark.parametrize(("fixture", "add", "filters"), LISTINGS)
def test_listing_query_count_does_not_grow_with_pages(
    fixture, add, filters, client, request, terms, django_assert_num_queries
):
    index = request.getfixturevalue(fixture)
    add(index, terms, 0, 10)
    urls = [index.url, index.url + filters]
    measured = {}
    for url in urls:
        assert client.get(url).status_code == 200  # warm up: site root paths and the like are cached
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.context["listing"].count > 0
        measured[url] = len(queries.captured_queries)

    add(index, terms, 10, 200)
    for url in urls:
        with django_assert_num_queries(measured[url]):
            response = client.get(url)
        assert response.context["listing"].count > 10
    assert len(response.context["results"]) <= 20
    assert len(client.get(index.url).context["results"]) == 20
    print(f"{fixture}: {measured} queries")  # noqa: T201
