"""Factories for the resource, intervention and best practice pages.

Many-to-many relations are passed as lists (`topics=[topic]`): modelcluster holds them on the
unsaved page and writes them when wagtail_factories adds the page to its parent.
"""

from datetime import date

import factory
import wagtail_factories

from resources.models import (
    Approach,
    BestPracticeIndexPage,
    CaseStudyPage,
    CostBand,
    EvidenceStrength,
    Factor,
    ForumNotesPage,
    InterventionIndexPage,
    InterventionPage,
    Phase,
    ResourceIndexPage,
    ResourcePage,
)


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "PSHE resources"
    slug = "pshe-resources"
    summary = "Lesson plans and guidance for PSHE and whole-school wellbeing."


class ResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n:03d}")
    summary = factory.LazyAttribute(lambda page: f"A summary of {page.title}.")


class InterventionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InterventionIndexPage

    title = "Interventions"
    slug = "interventions"
    summary = "Evidence-based programmes schools can adopt."


class InterventionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InterventionPage

    title = factory.Sequence(lambda n: f"Programme {n:03d}")
    summary = factory.LazyAttribute(lambda page: f"A summary of {page.title}.")
    factor = Factor.PROTECTIVE
    phase = Phase.PRIMARY
    approach = Approach.UNIVERSAL
    evidence_strength = EvidenceStrength.STRONG
    cost_band = CostBand.FREE
    provider = "Fictional Programmes Ltd"


class BestPracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BestPracticeIndexPage

    title = "Best practice"
    slug = "best-practice"
    summary = "Case studies and forum notes."


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n:03d}")
    summary = factory.LazyAttribute(lambda page: f"A summary of {page.title}.")
    date = date(2026, 2, 1)


class ForumNotesPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ForumNotesPage

    title = factory.Sequence(lambda n: f"Forum notes {n:03d}")
    summary = factory.LazyAttribute(lambda page: f"A summary of {page.title}.")
    date = date(2026, 8, 5)
