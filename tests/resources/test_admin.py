"""Editors create the libraries' pages in the Wagtail admin; their forms save structured fields."""

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from resources.models import InterventionPage, ResourcePage
from users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, role_user):
    user = role_user(Role.EDITOR)
    client.force_login(user)
    return user


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


@pytest.mark.parametrize(
    ("parent_fixture", "model_name"),
    [
        ("home", "resourceindexpage"),
        ("home", "interventionindexpage"),
        ("home", "bestpracticeindexpage"),
        ("resource_index", "resourcepage"),
        ("intervention_index", "interventionpage"),
        ("best_practice_index", "casestudypage"),
        ("best_practice_index", "forumnotespage"),
    ],
)
def test_editor_can_open_the_add_form_for_each_page_type(parent_fixture, model_name, editor, client, request):
    parent = request.getfixturevalue(parent_fixture)
    response = client.get(reverse("wagtailadmin_pages:add", args=["resources", model_name, parent.pk]))
    assert response.status_code == 200


def test_editor_creates_a_resource_draft_with_vocabularies_and_a_link(editor, client, resource_index, terms):
    data = nested_form_data(
        {
            "title": "Kind friends",
            "slug": "kind-friends",
            "summary": "Friendship and bullying lessons.",
            "pshe_quality_mark": "on",
            "body": streamfield([("paragraph", rich_text("<p>Three lessons.</p>"))]),
            "attachments": streamfield(
                [("link", {"url": "https://www.example.org/kind", "title": "Slides", "description": ""})]
            ),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    # Multiple choices are repeated keys, which nested_form_data would flatten into topics-0, topics-1.
    data.update(
        topics=[terms.topic("bullying").pk, terms.topic("anxiety").pk],
        key_stages=[terms.key_stage("key-stage-1").pk],
        audiences=[terms.audience("pupils").pk],
        resource_types=[terms.resource_type("lesson-plan").pk],
        principles=[terms.principle(3).pk],
    )
    response = client.post(add_url(ResourcePage, resource_index), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ResourcePage.objects.get(slug="kind-friends")
    assert not page.live  # editors submit for moderation; they cannot publish
    draft = page.get_latest_revision_as_object()
    assert {term.slug for term in draft.topics.all()} == {"bullying", "anxiety"}
    assert [term.number for term in draft.principles.all()] == [3]
    assert draft.pshe_quality_mark is True
    assert draft.attachments[0].value["title"] == "Slides"


def test_submitting_an_intervention_for_moderation_needs_its_evidence_strength(editor, client, intervention_index):
    """Wagtail lets a draft be saved incomplete; submitting it for approval checks the required fields."""
    data = nested_form_data(
        {
            "title": "New programme",
            "slug": "new-programme",
            "factor": "protective",
            "phase": "all",
            "approach": "universal",
            "evidence_strength": "",
            "cost_band": "free",
            "body": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "action-submit": "Submit for moderation",
        }
    )
    response = client.post(add_url(InterventionPage, intervention_index), data)
    assert response.status_code == 200
    assert "evidence_strength" in response.context["form"].errors
    assert not InterventionPage.objects.filter(slug="new-programme").exists()
