"""People the award workflow needs: steering-group members and a school's head teacher."""

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
