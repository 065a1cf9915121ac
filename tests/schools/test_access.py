"""The one place that decides which schools a person may see."""

import pytest

from schools.access import can_manage_people, can_see_school, schools_led_by, schools_visible_to
from tests.schools.factories import ClusterAssignmentFactory, SchoolFactory
from tests.users.factories import UserFactory
from users.roles import Role

pytestmark = pytest.mark.django_db


def test_school_member_sees_only_their_school(school, other_school, staff_member):
    assert list(schools_visible_to(staff_member)) == [school]
    assert not can_see_school(staff_member, other_school)


def test_worker_sees_only_schools_in_assigned_clusters(school, other_school, worker):
    sibling = SchoolFactory(cluster=school.cluster)
    assert set(schools_visible_to(worker)) == {school, sibling}
    assert not can_see_school(worker, other_school)


def test_worker_with_two_clusters_sees_both_without_duplicates(school, other_school, worker):
    ClusterAssignmentFactory(worker=worker, cluster=other_school.cluster)
    visible = list(schools_visible_to(worker))
    assert sorted(s.pk for s in visible) == sorted([school.pk, other_school.pk])


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.STEERING_GROUP, Role.PUBLIC_HEALTH])
def test_service_leadership_sees_every_school(role, role_user, school, other_school):
    assert set(schools_visible_to(role_user(role))) == {school, other_school}


@pytest.mark.parametrize("role", [Role.EDITOR, Role.WORKER, Role.SENIOR_WORKER])
def test_roles_without_assignments_see_no_school(role, role_user, school):
    assert not schools_visible_to(role_user(role)).exists()


def test_anonymous_and_inactive_users_see_nothing(school, staff_member):
    from django.contrib.auth.models import AnonymousUser

    assert not schools_visible_to(AnonymousUser()).exists()
    staff_member.is_active = False
    staff_member.save()
    assert not schools_visible_to(staff_member).exists()


def test_only_the_designated_lead_manages_people(school, other_school, lead, staff_member, worker, manager):
    assert can_manage_people(lead, school)
    assert not can_manage_people(lead, other_school)
    for user in (staff_member, worker, manager, UserFactory()):
        assert not can_manage_people(user, school)
    assert list(schools_led_by(lead)) == [school]
