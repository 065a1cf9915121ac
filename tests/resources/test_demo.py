"""The demo libraries: the founding paper's interventions, resources for every key stage, best practice."""

import re
from collections import Counter

from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Page

import pytest

from resources.demo import build_demo
from resources.models import (
    BestPracticeIndexPage,
    CaseStudyPage,
    ForumNotesPage,
    InterventionIndexPage,
    InterventionPage,
    ResourceIndexPage,
    ResourcePage,
)
from taxonomy.models import KeyStage
from tests.schools.factories import ClusterFactory, SchoolFactory

pytestmark = pytest.mark.django_db

SEED_PROGRAMMES = {
    "LISA-T": "social-connections",
    "Mentoring schemes": "social-connections",
    "FRIENDS for Life": "coping-and-resilience",
    "Penn Resilience Programme": "coping-and-resilience",
    "The Daily Mile": "physical-activity",
    "GreatFun2Run": "physical-activity",
    "Switch-Play": "physical-activity",
    "ICAPS": "physical-activity",
    "KiVa anti-bullying programme": "bullying",
    "The Good Behaviour Game": "bullying",
    "Happy Being Me": "body-image",
}
WEAK_EVIDENCE = {"The Daily Mile", "GreatFun2Run", "Switch-Play", "ICAPS"}
RISK_AREAS = ["excessive-social-media-use", "adverse-childhood-experiences", "exam-stress"]


@pytest.fixture
def clusters(db):
    clusters = [ClusterFactory(name=f"{name} cluster") for name in ("Aveley", "Chafford", "Grays")]
    for cluster in clusters:
        SchoolFactory.create_batch(2, cluster=cluster)
    return clusters


@pytest.fixture
def demo(home, clusters):
    return build_demo(home)


def page_counts():
    models = [ResourceIndexPage, InterventionIndexPage, BestPracticeIndexPage, ResourcePage, InterventionPage]
    return {
        **{model.__name__: model.objects.count() for model in models},
        "CaseStudyPage": CaseStudyPage.objects.count(),
        "ForumNotesPage": ForumNotesPage.objects.count(),
        "documents": get_document_model().objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.type(InterventionPage)),
    }


def test_build_demo_is_idempotent(home, demo):
    before = page_counts()
    again = build_demo(home)
    assert page_counts() == before
    assert {name: page.pk for name, page in again.items()} == {name: page.pk for name, page in demo.items()}
    assert before["ResourceIndexPage"] == before["InterventionIndexPage"] == before["BestPracticeIndexPage"] == 1


def test_demo_interventions_cover_the_founding_papers_programmes_and_risk_areas(home, demo):
    for index in demo.values():
        index.refresh_from_db()
        assert index.live and index.get_parent().pk == home.pk
    programmes = {
        page.title: page
        for page in InterventionPage.objects.live().prefetch_related("topics", "thrive_groupings", "principles")
    }
    for title, topic in SEED_PROGRAMMES.items():
        assert title in programmes, title
        assert topic in {term.slug for term in programmes[title].topics.all()}, title
    # The seed: weak-evidence programmes need a strong evaluation plan.
    assert {title for title, page in programmes.items() if page.evaluation_plan_needed} == WEAK_EVIDENCE
    assert all(programmes[title].evaluation_guidance for title in WEAK_EVIDENCE)
    for topic in RISK_AREAS:
        assert InterventionPage.objects.live().filter(topics__slug=topic, factor="risk").exists(), topic
    assert "disclos" in InterventionPage.objects.get(slug="adverse-childhood-experiences").title.lower()
    for page in programmes.values():
        groupings = {term.slug for term in page.thrive_groupings.all()}
        assert groupings and page.principles.all() and page.provider and page.summary, page.title
        if page.approach == "targeted":
            assert "getting-help" in groupings, page.title
        # Contact details are visibly fictional.
        assert re.match(r"https://([a-z0-9-]+\.)*example\.org/", page.website), page.website


def test_demo_resources_cover_every_key_stage_and_the_common_worries(client, demo):
    resources = ResourcePage.objects.live()
    per_stage = Counter(slug for page in resources for slug in page.key_stages.values_list("slug", flat=True))
    for stage in KeyStage.objects.all():
        assert per_stage[stage.slug] >= 2, stage.name
    assert resources.filter(pshe_quality_mark=True).exists()
    assert resources.filter(pshe_quality_mark=False).exists()
    for word in ("anxiety", "bullying", "self-harm"):
        assert resources.filter(topics__slug=word).exists(), word
    assert resources.values("audiences").distinct().count() >= 3
    assert resources.values("resource_types").distinct().count() >= 5
    for page in resources:
        assert page.summary and page.topics.exists() and page.audiences.exists(), page.title
        for block in page.attachments:
            if block.block_type == "link":
                assert "example.org" in block.value["url"]

    guide = ResourcePage.objects.get(slug="responding-to-self-harm")
    documents = [block.value["document"] for block in guide.attachments if block.block_type == "document"]
    assert documents and documents[0].file_size > 0
    assert "Plain text, " in client.get(guide.url).content.decode()


def test_demo_best_practice_spreads_across_clusters_and_names_schools(client, demo, clusters):
    assert CaseStudyPage.objects.live().count() == 3
    assert ForumNotesPage.objects.live().count() == 3
    assert {page.cluster for page in CaseStudyPage.objects.all()} == set(clusters)
    for case_study in CaseStudyPage.objects.all():
        schools = list(case_study.schools.all())
        assert schools and all(school.cluster == case_study.cluster for school in schools)
    assert {page.quarter for page in ForumNotesPage.objects.all()} == {"2026 Q1", "2026 Q2", "2026 Q4"}
    notes = ForumNotesPage.objects.first()
    assert "Safeguarding Leads Forum: terms of reference" in client.get(notes.url).content.decode()


def test_build_demo_without_clusters_leaves_pages_unclustered(home):
    build_demo(home)
    assert CaseStudyPage.objects.count() == 3
    assert not CaseStudyPage.objects.filter(cluster__isnull=False).exists()
    assert not ForumNotesPage.objects.filter(cluster__isnull=False).exists()


def test_every_demo_page_renders_and_the_listings_filter(client, demo):
    pages = Page.objects.live().descendant_of(demo["resources"].get_parent(), inclusive=False)
    models = (ResourceIndexPage, InterventionIndexPage, BestPracticeIndexPage, ResourcePage, InterventionPage)
    ours = pages.type(*models, CaseStudyPage, ForumNotesPage)
    assert ours.count() == 3 + ResourcePage.objects.count() + InterventionPage.objects.count() + 6
    for page in ours.specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        content = response.content.decode()
        assert content.count("<h1") == 1, page.url
        assert '<meta name="description"' in content, page.url
        assert 'aria-label="Breadcrumb"' in content, page.url

    content = client.get(demo["interventions"].url + "?evidence=weak").content.decode()
    assert 'id="results-heading">4 interventions</h2>' in content
    assert content.count("data-evaluation-plan>Evaluation plan needed") == 4
    content = client.get(demo["best_practice"].url + "?kind=forum_notes").content.decode()
    assert 'id="results-heading">3 items</h2>' in content


SEARCHES = {
    "anxiety": "Understanding anxiety: lessons for key stage 2",
    "bullying": "KiVa anti-bullying programme",
    "self-harm": "Responding to self-harm: guidance for school staff",
}


def test_a_newcomer_finds_something_for_each_worry(client, demo):
    for word, expected_title in SEARCHES.items():
        response = client.get(reverse("search"), {"q": word})
        assert response.status_code == 200
        count = response.context.get("count")  # the site search view's results count
        assert count is not None and count > 0, word
        assert expected_title in {page.title for page in Page.objects.live().search(word)}, word
