"""Fixtures for the self-assessment tests."""

import pytest

from assessments.models import Assessment, Round
from home.demo_content import build_site
from schools.models import Membership
from tests.assessments.factories import AssessmentFactory, current_framework
from tests.resources.factories import InterventionIndexPageFactory, ResourceIndexPageFactory
from tests.schools.factories import MembershipFactory
from tests.training.factories import CourseIndexPageFactory


@pytest.fixture
def framework(db):
    return current_framework()


@pytest.fixture
def head(school):
    """The head teacher of `school`."""
    return MembershipFactory(school=school, role=Membership.Role.HEAD_TEACHER).user


@pytest.fixture
def open_assessment(school, lead, framework):
    """A baseline in progress at `school`, started by its lead."""
    return AssessmentFactory(school=school, round=Round.BASELINE, started_by=lead, status=Assessment.Status.IN_PROGRESS)


@pytest.fixture
def home(db):
    return build_site()["home"]


@pytest.fixture
def intervention_index(home):
    return InterventionIndexPageFactory(parent=home)


@pytest.fixture
def resource_index(home):
    return ResourceIndexPageFactory(parent=home)


@pytest.fixture
def course_index(home):
    return CourseIndexPageFactory(parent=home)
