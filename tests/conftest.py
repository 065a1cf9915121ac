"""Fixtures shared by every test: people in each role and schools to belong to."""

from pathlib import Path

from django.conf import settings

import pytest

from tests.schools.factories import ClusterAssignmentFactory, LeadFactory, MembershipFactory, SchoolFactory
from tests.users.factories import UserFactory
from users.roles import Role


def pytest_configure(config):
    """The SQLite test database is a file under var/, which a fresh checkout does not have yet."""
    test_name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if test_name:
        Path(test_name).parent.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def other_school(db):
    return SchoolFactory()


@pytest.fixture
def lead(school):
    """The designated Mental Health Lead of `school`."""
    return LeadFactory(school=school).user


@pytest.fixture
def other_lead(other_school):
    """The designated Mental Health Lead of `other_school`."""
    return LeadFactory(school=other_school).user


@pytest.fixture
def staff_member(school):
    return MembershipFactory(school=school).user


@pytest.fixture
def worker(school):
    """A wellbeing worker assigned to `school`'s cluster."""
    return ClusterAssignmentFactory(cluster=school.cluster).worker


@pytest.fixture
def other_worker(other_school):
    """A wellbeing worker assigned only to `other_school`'s cluster."""
    return ClusterAssignmentFactory(cluster=other_school.cluster).worker


@pytest.fixture
def role_user(db):
    """Make a user holding one of the service's roles: `role_user(Role.TEAM_MANAGER)`."""

    def make(role):
        return UserFactory(roles=[role])

    return make


@pytest.fixture
def manager(role_user):
    return role_user(Role.TEAM_MANAGER)
