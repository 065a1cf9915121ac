"""Page-type rules: each index page once, under the home page; each detail page only under its index."""

from wagtail.models import Page

import pytest

from home.models import HomePage, StandardPage
from resources.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    CaseStudyPage,
    ForumNotesPage,
    InterventionIndexPage,
    InterventionPage,
    ResourceIndexPage,
    ResourcePage,
)

pytestmark = pytest.mark.django_db

INDEXES = [ResourceIndexPage, InterventionIndexPage, BestPracticeIndexPage]
DETAILS = {
    ResourceIndexPage: [ResourcePage],
    InterventionIndexPage: [InterventionPage],
    BestPracticeIndexPage: [CaseStudyPage, ForumNotesPage],
}
ALL_DETAILS = [ResourcePage, InterventionPage, CaseStudyPage, ForumNotesPage]


@pytest.mark.parametrize("index_model", INDEXES)
def test_index_pages_live_only_under_the_home_page(index_model, site_pages):
    assert index_model.can_create_at(site_pages["home"])
    assert not index_model.can_create_at(site_pages["about"])
    assert not index_model.can_create_at(Page.get_first_root_node())
    assert index_model.allowed_parent_page_models() == [HomePage]


@pytest.mark.parametrize("index_model", INDEXES)
def test_only_one_of_each_index_page(index_model, home):
    home.add_child(instance=index_model(title="Library", slug="library"))
    assert not index_model.can_create_at(home)


@pytest.mark.parametrize("index_model", INDEXES)
def test_index_pages_hold_only_their_own_detail_pages(index_model, home):
    index = index_model(title="Library", slug="library")
    home.add_child(instance=index)
    assert set(index_model.allowed_subpage_models()) == set(DETAILS[index_model])
    for detail_model in ALL_DETAILS:
        assert detail_model.can_create_at(index) is (detail_model in DETAILS[index_model])


@pytest.mark.parametrize("detail_model", ALL_DETAILS)
def test_detail_pages_cannot_live_elsewhere_or_have_children(detail_model, site_pages):
    assert not detail_model.can_create_at(site_pages["home"])
    assert not detail_model.can_create_at(site_pages["about"])
    assert detail_model.allowed_subpage_models() == []
    assert detail_model not in HomePage.creatable_subpage_models()
    assert detail_model not in StandardPage.creatable_subpage_models()


def test_the_shared_best_practice_base_cannot_be_created(best_practice_index):
    assert not BestPracticePage.is_creatable
    assert not BestPracticePage.can_create_at(best_practice_index)
    assert BestPracticePage not in BestPracticeIndexPage.creatable_subpage_models()


def test_case_studies_and_forum_notes_warn_editors_never_to_identify_pupils():
    assert "pupil" in CaseStudyPage._meta.get_field("schools").help_text
    assert "identify a pupil" in CaseStudyPage._meta.get_field("body").help_text
    assert "identify a pupil" in ForumNotesPage._meta.get_field("body").help_text
    assert "public groupings" in CaseStudyPage._meta.get_field("cluster").help_text
