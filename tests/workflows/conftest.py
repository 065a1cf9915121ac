"""People the action plan workflow needs: steering-group members and a school's head teacher."""

from django.core.management import call_command
from django.db import connections

import pytest

from schools.models import Membership
from tests.schools.factories import MembershipFactory
from tests.users.factories import UserFactory
from users.roles import Role


@pytest.fixture
def steering(db):
    """Three steering-group members (the default quorum is 2)."""
    return [UserFactory(roles=[Role.STEERING_GROUP]) for _ in range(3)]


@pytest.fixture
def head(school):
    return MembershipFactory(school=school, role=Membership.Role.HEAD_TEACHER).user


@pytest.fixture(scope="session")
def migrated_data_restored(django_db_setup, django_db_blocker, django_db_keepdb):
    """At the end of the session, put back what the migrations created (role groups, workflow, principles).

    Transactional tests empty every table; with `--reuse-db` (the project's default) the next run would
    otherwise get a test database without that data. The same as the browser tests' `_migrated_test_database`.
    """
    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if getattr(connections[alias], "_test_serialized_contents", None)
    }
    yield
    if not django_db_keepdb:
        return
    with django_db_blocker.unblock():
        for alias, data in contents.items():
            call_command(
                "flush",
                database=alias,
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connections[alias].creation.deserialize_db_from_string(data)
