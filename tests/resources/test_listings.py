"""The libraries' listings: every facet alone and combined, counts per value, odd input, pagination."""

from datetime import date

import pytest

from resources.models import EvidenceStrength
from tests.resources.factories import (
    CaseStudyPageFactory,
    ForumNotesPageFactory,
    InterventionPageFactory,
    ResourcePageFactory,
)
from tests.schools.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def get(client, page, query=""):
    response = client.get(page.url + query)
    assert response.status_code == 200
    return response


def titles(response):
    return [result.title for result in response.context["results"]]


def counts(response, param):
    """{value: count} of one facet's options, in display order."""
    state = next(state for state in response.context["listing"].facet_states if state.param == param)
    return {option.value: option.count for option in state.options}


# PSHE resources ------------------------------------------------------------------------------


@pytest.fixture
def resources(resource_index, terms):
    """Four published resources and one draft, with hand-picked vocabularies."""
    topic, key_stage, audience, kind, principle = (
        terms.topic,
        terms.key_stage,
        terms.audience,
        terms.resource_type,
        terms.principle,
    )

    def make(title, **fields):
        return ResourcePageFactory(parent=resource_index, title=title, **fields)

    make(
        "Alpha",
        topics=[topic("bullying")],
        key_stages=[key_stage("key-stage-1")],
        audiences=[audience("pupils")],
        resource_types=[kind("lesson-plan")],
        principles=[principle(3)],
        pshe_quality_mark=True,
    )
    make(
        "Bravo",
        topics=[topic("bullying"), topic("anxiety")],
        key_stages=[key_stage("key-stage-2")],
        audiences=[audience("staff")],
        resource_types=[kind("guidance")],
        principles=[principle(5)],
    )
    make(
        "Charlie",
        topics=[topic("anxiety")],
        key_stages=[key_stage("key-stage-2"), key_stage("key-stage-3")],
        audiences=[audience("pupils")],
        resource_types=[kind("lesson-plan")],
        principles=[principle(3)],
        pshe_quality_mark=True,
    )
    make(
        "Delta",
        topics=[topic("self-harm")],
        key_stages=[key_stage("key-stage-4")],
        audiences=[audience("staff"), audience("parents-and-carers")],
        resource_types=[kind("guidance")],
        principles=[principle(8)],
    )
    make("Echo (draft)", live=False, topics=[topic("bullying")], pshe_quality_mark=True)
    return resource_index


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Alpha", "Bravo", "Charlie", "Delta"]),
        ("?topic=bullying", ["Alpha", "Bravo"]),
        ("?key_stage=key-stage-2", ["Bravo", "Charlie"]),
        ("?audience=staff", ["Bravo", "Delta"]),
        ("?type=lesson-plan", ["Alpha", "Charlie"]),
        ("?principle=curriculum-teaching-and-learning", ["Alpha", "Charlie"]),
        ("?quality_mark=yes", ["Alpha", "Charlie"]),
        # Within a facet values are alternatives; across facets they all apply.
        ("?topic=bullying&topic=self-harm", ["Alpha", "Bravo", "Delta"]),
        ("?topic=anxiety&key_stage=key-stage-2", ["Bravo", "Charlie"]),
        ("?topic=anxiety&key_stage=key-stage-2&quality_mark=yes", ["Charlie"]),
        ("?audience=staff&type=guidance&principle=targeted-support-and-appropriate-referral", ["Delta"]),
        ("?audience=pupils&audience=parents-and-carers&type=lesson-plan", ["Alpha", "Charlie"]),
    ],
)
def test_resource_filters(query, expected, client, resources):
    response = get(client, resources, query)
    assert titles(response) == expected
    noun = "resource" if len(expected) == 1 else "resources"
    assert f'id="results-heading">{len(expected)} {noun}</h2>' in response.content.decode()


def test_resource_counts_per_facet_value(client, resources):
    response = get(client, resources)
    assert counts(response, "topic") == {"bullying": 2, "anxiety": 2, "self-harm": 1}
    assert counts(response, "key_stage") == {"key-stage-1": 1, "key-stage-2": 2, "key-stage-3": 1, "key-stage-4": 1}
    assert counts(response, "audience") == {"pupils": 2, "staff": 2, "parents-and-carers": 1}
    assert counts(response, "type") == {"lesson-plan": 2, "guidance": 2}
    assert counts(response, "principle") == {
        "curriculum-teaching-and-learning": 2,
        "staff-development": 1,
        "targeted-support-and-appropriate-referral": 1,
    }
    assert counts(response, "quality_mark") == {"yes": 2}
    content = response.content.decode()
    assert 'Bullying <span class="sws-meta">(2)</span>' in content
    assert 'Has the PSHE Association Quality Mark <span class="sws-meta">(2)</span>' in content


def test_resource_counts_follow_the_other_filters(client, resources):
    response = get(client, resources, "?topic=anxiety")
    # A facet's own choice does not narrow its counts, so the alternatives stay visible...
    assert counts(response, "topic") == {"bullying": 2, "anxiety": 2, "self-harm": 1}
    # ...while every other facet counts only what matches it.
    assert counts(response, "key_stage") == {"key-stage-2": 2, "key-stage-3": 1}
    assert counts(response, "quality_mark") == {"yes": 1}
    assert counts(response, "audience") == {"pupils": 1, "staff": 1}


def test_resource_listing_shows_active_filters_and_result_tags(client, resources):
    content = get(client, resources, "?topic=anxiety&quality_mark=yes").content.decode()
    assert 'id="results-heading">1 resource</h2>' in content
    assert "topic: <strong>Anxiety</strong>" in content
    assert "quality: <strong>Has the PSHE Association Quality Mark</strong>" in content
    assert 'href="?quality_mark=yes">Remove<span class="govuk-visually-hidden"> filter</span> topic: Anxiety' in content
    assert 'name="topic" type="checkbox" value="anxiety" checked' in content
    result = content[content.index('aria-labelledby="results-heading"') :]
    assert ">Charlie</a></h3>" in result
    assert "A summary of Charlie." in result
    assert '<strong class="govuk-tag govuk-tag--blue govuk-!-margin-bottom-1">Key stage 3</strong>' in result
    assert '<strong class="govuk-tag govuk-tag--grey govuk-!-margin-bottom-1">Anxiety</strong>' in result
    assert '<span class="govuk-visually-hidden">Key stages: </span>' in result


# Interventions -------------------------------------------------------------------------------


@pytest.fixture
def interventions(intervention_index, terms):
    topic, thrive, principle = terms.topic, terms.thrive, terms.principle

    def make(title, **fields):
        return InterventionPageFactory(parent=intervention_index, title=title, **fields)

    make(
        "Alpha",
        factor="protective",
        phase="primary",
        approach="universal",
        evidence_strength="strong",
        cost_band="free",
        topics=[topic("social-connections")],
        thrive_groupings=[thrive("thriving")],
        principles=[principle(3)],
    )
    make(
        "Bravo",
        factor="risk",
        phase="secondary",
        approach="targeted",
        evidence_strength="weak",
        cost_band="low",
        topics=[topic("bullying")],
        thrive_groupings=[thrive("getting-help")],
        principles=[principle(8)],
    )
    make(
        "Charlie",
        factor="both",
        phase="all",
        approach="both",
        evidence_strength="moderate",
        cost_band="medium",
        topics=[topic("bullying"), topic("coping-and-resilience")],
        thrive_groupings=[thrive("thriving"), thrive("getting-help")],
        principles=[principle(3), principle(8)],
    )
    make(
        "Delta",
        factor="protective",
        phase="secondary",
        approach="universal",
        evidence_strength="weak",
        cost_band="free",
        topics=[topic("physical-activity")],
        thrive_groupings=[thrive("thriving")],
        principles=[principle(2)],
    )
    return intervention_index


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Alpha", "Bravo", "Charlie", "Delta"]),
        # "Both" and "all phases" programmes match either of the values they cover.
        ("?factor=protective", ["Alpha", "Charlie", "Delta"]),
        ("?factor=risk", ["Bravo", "Charlie"]),
        ("?topic=bullying", ["Bravo", "Charlie"]),
        ("?phase=primary", ["Alpha", "Charlie"]),
        ("?phase=secondary", ["Bravo", "Charlie", "Delta"]),
        ("?approach=universal", ["Alpha", "Charlie", "Delta"]),
        ("?approach=targeted", ["Bravo", "Charlie"]),
        ("?evidence=weak", ["Bravo", "Delta"]),
        ("?evidence=strong&evidence=moderate", ["Alpha", "Charlie"]),
        ("?cost=free", ["Alpha", "Delta"]),
        ("?thrive=getting-help", ["Bravo", "Charlie"]),
        ("?principle=ethos-and-environment", ["Delta"]),
        ("?factor=protective&evidence=weak", ["Delta"]),
        ("?phase=secondary&cost=free&thrive=thriving", ["Delta"]),
        ("?approach=targeted&topic=bullying&principle=targeted-support-and-appropriate-referral", ["Bravo", "Charlie"]),
        ("?factor=risk&phase=primary&approach=universal", ["Charlie"]),
    ],
)
def test_intervention_filters(query, expected, client, interventions):
    assert titles(get(client, interventions, query)) == expected


def test_intervention_counts_per_facet_value(client, interventions):
    response = get(client, interventions)
    assert counts(response, "factor") == {"protective": 3, "risk": 2}
    assert counts(response, "topic") == {
        "social-connections": 1,
        "coping-and-resilience": 1,
        "physical-activity": 1,
        "bullying": 2,
    }
    assert counts(response, "phase") == {"primary": 2, "secondary": 3}
    assert counts(response, "approach") == {"universal": 3, "targeted": 2}
    assert counts(response, "evidence") == {"strong": 1, "moderate": 1, "weak": 2}
    assert counts(response, "cost") == {"free": 2, "low": 1, "medium": 1}
    assert counts(response, "thrive") == {"thriving": 3, "getting-help": 2}
    assert counts(response, "principle") == {
        "ethos-and-environment": 1,
        "curriculum-teaching-and-learning": 2,
        "targeted-support-and-appropriate-referral": 2,
    }


def test_intervention_counts_follow_the_other_filters(client, interventions):
    response = get(client, interventions, "?evidence=weak")
    assert counts(response, "evidence") == {"strong": 1, "moderate": 1, "weak": 2}
    assert counts(response, "factor") == {"protective": 1, "risk": 1}
    assert counts(response, "phase") == {"secondary": 2}
    assert counts(response, "cost") == {"free": 1, "low": 1}


def test_intervention_listing_tags_weak_evidence_as_needing_an_evaluation_plan(client, interventions):
    content = get(client, interventions).content.decode()
    assert content.count("data-evaluation-plan>Evaluation plan needed</strong>") == 2
    bravo = content[content.index(">Bravo</a>") : content.index(">Charlie</a>")]
    assert "Evaluation plan needed" in bravo
    assert "Weak evidence" in bravo
    charlie = content[content.index(">Charlie</a>") : content.index(">Delta</a>")]
    assert "Evaluation plan needed" not in charlie
    assert EvidenceStrength.MODERATE.label + " evidence" in charlie


# Best practice -------------------------------------------------------------------------------


@pytest.fixture
def clusters(db):
    return ClusterFactory(name="Aveley cluster"), ClusterFactory(name="Badger cluster")


@pytest.fixture
def best_practice(best_practice_index, clusters, terms):
    aveley, badger = clusters
    topic = terms.topic
    CaseStudyPageFactory(
        parent=best_practice_index, title="Alpha", cluster=aveley, date=date(2025, 6, 1), topics=[topic("bullying")]
    )
    CaseStudyPageFactory(
        parent=best_practice_index, title="Bravo", cluster=badger, date=date(2026, 2, 1), topics=[topic("anxiety")]
    )
    ForumNotesPageFactory(
        parent=best_practice_index,
        title="Charlie",
        cluster=aveley,
        date=date(2026, 3, 18),
        topics=[topic("bullying"), topic("self-harm")],
    )
    ForumNotesPageFactory(parent=best_practice_index, title="Delta", cluster=None, date=date(2026, 10, 14))
    return best_practice_index


def test_best_practice_filters(client, best_practice, clusters):
    aveley, badger = clusters
    cases = [
        ("", ["Delta", "Charlie", "Bravo", "Alpha"]),  # newest first
        ("?kind=case_study", ["Bravo", "Alpha"]),
        ("?kind=forum_notes", ["Delta", "Charlie"]),
        (f"?cluster={aveley.pk}", ["Charlie", "Alpha"]),
        (f"?cluster={aveley.pk}&cluster={badger.pk}", ["Charlie", "Bravo", "Alpha"]),
        ("?year=2026", ["Delta", "Charlie", "Bravo"]),
        ("?year=2025&year=2026", ["Delta", "Charlie", "Bravo", "Alpha"]),
        ("?topic=bullying", ["Charlie", "Alpha"]),
        (f"?kind=forum_notes&cluster={aveley.pk}", ["Charlie"]),
        ("?year=2026&topic=bullying", ["Charlie"]),
        (f"?kind=case_study&cluster={badger.pk}&year=2026&topic=anxiety", ["Bravo"]),
    ]
    for query, expected in cases:
        assert titles(get(client, best_practice, query)) == expected, query


def test_best_practice_counts_per_facet_value(client, best_practice, clusters):
    aveley, badger = clusters
    response = get(client, best_practice)
    assert counts(response, "kind") == {"case_study": 2, "forum_notes": 2}
    assert counts(response, "cluster") == {str(aveley.pk): 2, str(badger.pk): 1}
    assert list(counts(response, "year").items()) == [("2026", 3), ("2025", 1)]
    assert counts(response, "topic") == {"bullying": 2, "anxiety": 1, "self-harm": 1}
    content = response.content.decode()
    assert 'Aveley cluster <span class="sws-meta">(2)</span>' in content
    assert '2026 <span class="sws-meta">(3)</span>' in content
    assert 'Safeguarding Leads Forum notes <span class="sws-meta">(2)</span>' in content

    filtered = get(client, best_practice, "?kind=forum_notes")
    assert counts(filtered, "kind") == {"case_study": 2, "forum_notes": 2}
    assert counts(filtered, "cluster") == {str(aveley.pk): 1}
    assert counts(filtered, "year") == {"2026": 2}


def test_best_practice_listing_shows_kind_cluster_and_quarter(client, best_practice):
    content = get(client, best_practice).content.decode()
    charlie = content[content.index(">Charlie</a>") : content.index(">Bravo</a>")]
    assert "Forum notes</strong>" in charlie
    assert "Aveley cluster" in charlie
    assert "2026 Q1 (18 March 2026)" in charlie
    alpha = content[content.index(">Alpha</a>") :]
    assert "Case study</strong>" in alpha
    assert "June 2025" in alpha


# Odd input and pagination ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "query", "expected_count"),
    [
        ("resources", "?topic=no-such-topic", 0),
        ("resources", "?key_stage=key-stage-9&topic=anxiety", 0),
        ("resources", "?principle=%3Cscript%3E", 0),
        ("resources", "?quality_mark=maybe", 4),  # only "yes" filters
        ("resources", "?page=abc", 4),
        ("resources", "?page=999", 4),
        ("interventions", "?evidence=excellent", 0),
        ("interventions", "?phase=nursery&cost=free", 0),
        ("interventions", "?factor=", 4),  # blank values are ignored
        ("best_practice", "?cluster=abc", 0),
        ("best_practice", "?cluster=999999", 0),
        ("best_practice", "?cluster=99999999999999999999", 0),
        ("best_practice", "?year=20x6", 0),
        ("best_practice", "?year=1999", 0),
        ("best_practice", "?kind=blog", 0),
    ],
)
def test_unknown_filter_values_give_a_valid_page(fixture, query, expected_count, client, request):
    index = request.getfixturevalue(fixture)
    response = get(client, index, query)
    assert response.context["listing"].count == expected_count
    content = response.content.decode()
    assert 'id="results-heading">' in content
    if expected_count == 0:
        assert "match these filters." in content


def test_pagination_keeps_the_filters(client, resource_index, terms):
    bullying = terms.topic("bullying")
    for number in range(25):
        ResourcePageFactory(parent=resource_index, title=f"Bullying {number:02d}", topics=[bullying])
    for number in range(3):
        ResourcePageFactory(parent=resource_index, title=f"Other {number}")

    first = get(client, resource_index, "?topic=bullying")
    assert first.context["listing"].count == 25
    assert titles(first) == [f"Bullying {number:02d}" for number in range(20)]
    content = first.content.decode()
    assert 'id="results-heading">25 resources</h2>' in content
    assert 'href="?topic=bullying&amp;page=2" rel="next"' in content

    second = get(client, resource_index, "?topic=bullying&page=2")
    assert titles(second) == [f"Bullying {number:02d}" for number in range(20, 25)]
    assert 'href="?topic=bullying&amp;page=1" rel="prev"' in second.content.decode()

    unfiltered = get(client, resource_index, "?page=2")
    assert unfiltered.context["listing"].count == 28
    assert len(titles(unfiltered)) == 8
