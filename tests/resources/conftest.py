"""Fixtures for the libraries: a home page, each index page, and vocabulary terms by slug."""

import pytest

from home.demo_content import build_site
from taxonomy.models import Audience, KeyStage, Principle, ResourceType, ThriveGrouping, Topic
from tests.resources.factories import (
    BestPracticeIndexPageFactory,
    InterventionIndexPageFactory,
    ResourceIndexPageFactory,
)


@pytest.fixture
def site_pages(db):
    return build_site()


@pytest.fixture
def home(site_pages):
    return site_pages["home"]


@pytest.fixture
def resource_index(home):
    return ResourceIndexPageFactory(parent=home)


@pytest.fixture
def intervention_index(home):
    return InterventionIndexPageFactory(parent=home)


@pytest.fixture
def best_practice_index(home):
    return BestPracticeIndexPageFactory(parent=home)


@pytest.fixture
def terms(db):
    """Seeded vocabulary terms: `terms.topic("bullying")`, `terms.principle(3)`."""

    class Terms:
        @staticmethod
        def topic(slug):
            return Topic.objects.get(slug=slug)

        @staticmethod
        def key_stage(slug):
            return KeyStage.objects.get(slug=slug)

        @staticmethod
        def audience(slug):
            return Audience.objects.get(slug=slug)

        @staticmethod
        def resource_type(slug):
            return ResourceType.objects.get(slug=slug)

        @staticmethod
        def thrive(slug):
            return ThriveGrouping.objects.get(slug=slug)

        @staticmethod
        def principle(number):
            return Principle.objects.get(number=number)

    return Terms()
