"""Each page type renders its title, breadcrumbs, meta description and structured fields."""

import re
from datetime import date
from html import unescape

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from resources.models import EvidenceStrength, Factor, Phase
from tests.resources.factories import (
    CaseStudyPageFactory,
    ForumNotesPageFactory,
    InterventionPageFactory,
    ResourcePageFactory,
)
from tests.schools.factories import ClusterFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def summary_rows(content):
    """{key: value text} of the page's summary list."""
    pairs = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>',
        content,
        re.S,
    )
    return {key.strip(): " ".join(re.sub(r"<[^>]+>", " ", value).split()) for key, value in pairs}


def assert_page_basics(content, page, *crumbs):
    assert len(re.findall(r"<h1[ >]", content)) == 1
    assert f">{page.title}</h1>" in content
    assert f'<meta name="description" content="{page.summary}">' in content
    breadcrumbs = re.search(r'<nav class="govuk-breadcrumbs".*?</nav>', content, re.S).group(0)
    for crumb in ("Home", *crumbs):
        assert f">{crumb}</a>" in breadcrumbs
    assert f'aria-current="page">{page.title}</li>' in breadcrumbs


def make_document(title, filename, size):
    return get_document_model().objects.create(title=title, file=ContentFile(b"x" * size, name=filename))


def test_resource_page_shows_its_structured_fields(client, resource_index, terms):
    page = ResourcePageFactory(
        parent=resource_index,
        title="Understanding anxiety",
        summary="Lessons that explain anxiety.",
        topics=[terms.topic("anxiety"), terms.topic("coping-and-resilience")],
        key_stages=[terms.key_stage("key-stage-2")],
        audiences=[terms.audience("pupils")],
        resource_types=[terms.resource_type("lesson-plan")],
        principles=[terms.principle(3)],
        pshe_quality_mark=True,
        review_date=date(2027, 9, 1),
        body=[{"type": "paragraph", "value": "<p>Four lessons for Years 5 and 6.</p>"}],
    )
    page.save_revision().publish()
    content = render(client, page)
    assert_page_basics(content, page, "PSHE resources")
    rows = summary_rows(content)
    assert rows["Topics"] == "Anxiety Coping and resilience"
    assert rows["Key stages"] == "Key stage 2"
    assert rows["For"] == "Pupils"
    assert rows["Type"] == "Lesson plan"
    assert rows["Principles it supports"] == "3. Curriculum, teaching and learning"
    assert rows["PSHE Association Quality Mark"] == "Yes"
    assert rows["Next review"] == "September 2027"
    assert "Last reviewed" in rows
    assert "Four lessons for Years 5 and 6." in content


def test_resource_without_quality_mark_says_no_and_omits_empty_rows(client, resource_index):
    page = ResourcePageFactory(parent=resource_index, pshe_quality_mark=False)
    rows = summary_rows(render(client, page))
    assert rows["PSHE Association Quality Mark"] == "No"
    assert "Topics" not in rows and "Next review" not in rows


def test_attachments_show_file_type_and_size_and_link_host(client, resource_index):
    pdf = make_document("Lesson slides", "slides.pdf", 2048)
    text = make_document("Quick guide", "guide.txt", 300)
    page = ResourcePageFactory(
        parent=resource_index,
        attachments=[
            {"type": "document", "value": {"document": pdf.pk, "title": "Slides for lesson 1"}},
            {"type": "document", "value": {"document": text.pk, "title": ""}},
            {
                "type": "link",
                "value": {
                    "url": "https://www.example.org/lessons",
                    "title": "Exam stress lessons",
                    "description": "Six lessons from a national charity.",
                },
            },
        ],
    )
    content = render(client, page)
    assert '<h2 class="govuk-heading-m" id="attachments-heading">Files and links</h2>' in content
    assert f'href="{pdf.url}">Slides for lesson 1</a>' in content
    assert "PDF, 2.0\xa0KB" in content
    assert f'href="{text.url}">Quick guide</a>' in content  # falls back to the document's title
    assert "Plain text, 300\xa0bytes" in content
    assert 'href="https://www.example.org/lessons" rel="external">Exam stress lessons</a>' in content
    assert "Website: example.org" in content
    assert "Six lessons from a national charity." in content


def test_a_deleted_document_drops_out_of_the_attachment_list(client, resource_index):
    document = make_document("Old leaflet", "leaflet.pdf", 10)
    page = ResourcePageFactory(
        parent=resource_index, attachments=[{"type": "document", "value": {"document": document.pk, "title": ""}}]
    )
    document.delete()
    content = render(client, page)
    assert "Old leaflet" not in content


def test_intervention_page_shows_its_structured_fields(client, intervention_index, terms):
    page = InterventionPageFactory(
        parent=intervention_index,
        title="KiVa",
        summary="A whole-school anti-bullying programme.",
        factor=Factor.RISK,
        phase=Phase.ALL,
        evidence_strength=EvidenceStrength.STRONG,
        cost_band="medium",
        provider="KiVa (University of Turku)",
        licence="Schools buy a licence.",
        website="https://www.example.org/kiva",
        topics=[terms.topic("bullying")],
        thrive_groupings=[terms.thrive("thriving"), terms.thrive("getting-help")],
        principles=[terms.principle(2)],
    )
    content = render(client, page)
    assert_page_basics(content, page, "Interventions")
    rows = summary_rows(content)
    assert rows["Factor targeted"] == "Risk factor"
    assert rows["Topics"] == "Bullying"
    assert rows["Phase"] == "All phases"
    assert rows["Approach"] == "Universal (every pupil)"
    assert rows["Strength of evidence"].startswith("Strong")
    assert rows["Cost"].startswith("Medium £500 to £2,000")
    assert rows["Provider"] == "KiVa (University of Turku)"
    assert rows["Licence or training needed"] == "Schools buy a licence."
    assert rows["Website"] == "example.org"
    assert 'href="https://www.example.org/kiva" rel="external">example.org</a>' in content
    assert rows["THRIVE groupings"] == "Thriving Getting Help"
    assert rows["Principles it supports"] == "2. Ethos and environment"
    assert "govuk-warning-text" not in content
    assert "Evaluation plan needed" not in content


def test_weak_evidence_programme_warns_that_an_evaluation_plan_is_needed(client, intervention_index):
    page = InterventionPageFactory(
        parent=intervention_index,
        title="The Daily Mile",
        evidence_strength=EvidenceStrength.WEAK,
        evaluation_guidance="<p>Measure wellbeing before and after a term.</p>",
    )
    assert page.evaluation_plan_needed
    content = render(client, page)
    warning = re.search(r'<div class="govuk-warning-text".*?</div>', content, re.S).group(0)
    assert '<span class="govuk-visually-hidden">Warning</span>' in warning
    assert "The evidence for this programme is weak" in warning
    assert "evaluation plan" in warning
    # The warning comes before the details, where nobody can miss it.
    assert content.index("govuk-warning-text") < content.index("govuk-summary-list")
    assert "Measure wellbeing before and after a term." in content
    assert "Evaluation plan needed" in summary_rows(content)["Strength of evidence"]


@pytest.mark.parametrize("strength", ["strong", "moderate", "promising"])
def test_only_weak_evidence_needs_an_evaluation_plan(strength, intervention_index):
    page = InterventionPageFactory(parent=intervention_index, evidence_strength=strength)
    assert page.evaluation_plan_needed is False


def test_case_study_page_shows_cluster_schools_and_principles(client, best_practice_index, terms):
    cluster = ClusterFactory(name="Grays cluster")
    schools = [SchoolFactory(name="Fictional Park Primary", cluster=cluster), SchoolFactory(cluster=cluster)]
    page = CaseStudyPageFactory(
        parent=best_practice_index,
        title="Peer mentors help Year 7",
        summary="How a school trained peer mentors.",
        cluster=cluster,
        schools=schools,
        date=date(2026, 1, 15),
        topics=[terms.topic("transition")],
        principles=[terms.principle(4), terms.principle(8)],
    )
    assert page.kind == "case_study"
    content = render(client, page)
    assert_page_basics(content, page, "Best practice")
    assert '<span class="govuk-caption-l">Case study</span>' in content
    rows = summary_rows(content)
    assert rows["Cluster"] == "Grays cluster"
    assert "Fictional Park Primary" in rows["Schools"]
    assert rows["Date"] == "January 2026"
    assert rows["Topics"] == "Transition"
    assert rows["Principles it shows"] == "4. Student voice 8. Targeted support and appropriate referral"


def test_forum_notes_page_shows_meeting_date_quarter_and_papers(client, best_practice_index):
    paper = make_document("Forum slides", "slides.pptx", 5000)
    page = ForumNotesPageFactory(
        parent=best_practice_index,
        title="Safeguarding Leads Forum: August 2026",
        summary="Notes of the summer meeting.",
        cluster=ClusterFactory(name="Tilbury cluster"),
        date=date(2026, 8, 5),
        attachments=[{"type": "document", "value": {"document": paper.pk, "title": ""}}],
    )
    assert page.kind == "forum_notes"
    assert page.meeting_date == date(2026, 8, 5)
    assert page.quarter == "2026 Q3"
    content = render(client, page)
    assert_page_basics(content, page, "Best practice")
    rows = summary_rows(content)
    assert rows["Cluster"] == "Tilbury cluster"
    assert rows["Meeting date"] == "5 August 2026"
    assert rows["Quarter"] == "2026 Q3"
    assert "Papers from the meeting" in content
    assert "MS PowerPoint Presentation, 4.9\xa0KB" in content


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2026, 1, 1), "2026 Q1"),
        (date(2026, 3, 31), "2026 Q1"),
        (date(2026, 4, 1), "2026 Q2"),
        (date(2026, 12, 31), "2026 Q4"),
    ],
)
def test_quarter_is_the_calendar_quarter(day, quarter, best_practice_index):
    assert ForumNotesPageFactory.build(date=day).quarter == quarter


def test_forum_notes_without_a_cluster_still_render(client, best_practice_index):
    page = ForumNotesPageFactory(parent=best_practice_index, cluster=None)
    assert "Cluster" not in summary_rows(render(client, page))


@pytest.mark.parametrize(
    ("fixture", "heading"),
    [("resource_index", "0 resources"), ("intervention_index", "0 interventions"), ("best_practice_index", "0 items")],
)
def test_empty_index_pages_render(fixture, heading, client, request):
    index = request.getfixturevalue(fixture)
    content = render(client, index)
    assert_page_basics(content, index)
    assert f'id="results-heading">{heading}</h2>' in content
    assert f"No {heading.split()[1]} match these filters." in content
