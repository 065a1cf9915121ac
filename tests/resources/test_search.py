"""Site search finds the libraries' pages by title, summary, body and the names of their topics."""

from wagtail.models import Page

import pytest

from tests.resources.factories import (
    CaseStudyPageFactory,
    InterventionPageFactory,
    ResourcePageFactory,
)
from tests.schools.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def found(query):
    return {page.title for page in Page.objects.live().search(query)}


def publish(page):
    page.save_revision().publish()
    return page


def test_resource_found_by_topic_name(resource_index, terms):
    publish(
        ResourcePageFactory(
            parent=resource_index,
            title="Moving on up",
            summary="Getting ready for secondary school.",
            topics=[terms.topic("transition")],
        )
    )
    ResourcePageFactory(parent=resource_index, title="Something else", topics=[terms.topic("bullying")])
    assert found("transition") == {"Moving on up"}


def test_resource_found_by_body_text(resource_index):
    publish(
        ResourcePageFactory(
            parent=resource_index,
            title="Feelings faces",
            body=[{"type": "paragraph", "value": "<p>Children use puppets called Zebedee and Florence.</p>"}],
        )
    )
    assert found("zebedee") == {"Feelings faces"}


def test_resource_found_by_summary_and_attachment_title(resource_index):
    publish(
        ResourcePageFactory(
            parent=resource_index,
            title="Exam season",
            summary="A guide to revision timetables.",
            attachments=[
                {
                    "type": "link",
                    "value": {"url": "https://www.example.org/x", "title": "Mindfulness audio", "description": ""},
                }
            ],
        )
    )
    assert found("timetables") == {"Exam season"}
    assert found("mindfulness") == {"Exam season"}


def test_topic_added_in_a_later_revision_is_searchable(resource_index, terms):
    """modelcluster writes many-to-many relations after Django's post_save, where the index is updated."""
    page = publish(ResourcePageFactory(parent=resource_index, title="Circle time"))
    assert found("transition") == set()
    revision_page = page.get_latest_revision_as_object()
    revision_page.topics = [terms.topic("transition")]
    revision_page.save_revision().publish()
    assert found("transition") == {"Circle time"}


def test_draft_pages_are_not_found(resource_index, terms):
    ResourcePageFactory(parent=resource_index, title="Unpublished", live=False, topics=[terms.topic("transition")])
    assert found("transition") == set()


def test_intervention_found_by_topic_thrive_grouping_and_provider(intervention_index, terms):
    publish(
        InterventionPageFactory(
            parent=intervention_index,
            title="KiVa",
            provider="University of Turku",
            topics=[terms.topic("bullying")],
            thrive_groupings=[terms.thrive("getting-risk-support")],
        )
    )
    assert "KiVa" in found("bullying")
    assert found("turku") == {"KiVa"}
    assert found("risk support") == {"KiVa"}


def test_case_study_found_by_cluster_name(best_practice_index):
    publish(
        CaseStudyPageFactory(parent=best_practice_index, title="Peer mentors", cluster=ClusterFactory(name="Ockendon"))
    )
    assert found("ockendon") == {"Peer mentors"}
