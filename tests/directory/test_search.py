"""The site search finds services by the names of their topics and THRIVE groupings."""

from django.urls import reverse

import pytest

from taxonomy.models import ThriveGrouping, Topic
from tests.directory.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def search(client, query):
    return client.get(reverse("search"), {"q": query}).content.decode()


@pytest.mark.parametrize(
    ("slug", "query"), [("anxiety", "anxiety"), ("bullying", "bullying"), ("self-harm", "self-harm")]
)
def test_search_finds_a_service_by_topic_name(client, portal, slug, query):
    ServicePageFactory(
        parent=portal, title="Tuesday drop-in", summary="A place to talk.", topics=[Topic.objects.get(slug=slug)]
    )
    ServicePageFactory(parent=portal, title="Wednesday club", summary="Games and sport.")
    content = search(client, query)
    assert "Tuesday drop-in" in content
    assert "Wednesday club" not in content


def test_search_finds_a_service_by_thrive_grouping_and_organisation(client, portal):
    ServicePageFactory(
        parent=portal,
        title="Crisis line",
        summary="Call any time.",
        thrive_groupings=[ThriveGrouping.objects.get(slug="getting-risk-support")],
        organisation__name="Riverside Children's Health",
    )
    assert "Crisis line" in search(client, "risk support")
    assert "Crisis line" in search(client, "Riverside")


def test_search_never_shows_draft_services(client, portal):
    ServicePageFactory(parent=portal, title="Secret draft", topics=[Topic.objects.get(slug="anxiety")], live=False)
    assert "Secret draft" not in search(client, "anxiety")
