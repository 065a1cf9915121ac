"""The portal's school pages: who sees what, and in how many queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from schools.models import Membership
from tests.schools.factories import (
    ClusterAssignmentFactory,
    InvitationFactory,
    MembershipFactory,
    SchoolFactory,
)
from users.roles import Role

pytestmark = pytest.mark.django_db


def _school_urls(school, membership, invitation):
    """Every portal URL that belongs to one school, with the method that uses it."""
    return [
        ("get", reverse("portal:school", args=[school.urn])),
        ("get", reverse("portal:invite", args=[school.urn])),
        ("post", reverse("portal:invite", args=[school.urn])),
        ("get", reverse("portal:change_lead", args=[school.urn])),
        ("post", reverse("portal:change_lead", args=[school.urn])),
        ("get", reverse("portal:people_history", args=[school.urn])),
        ("get", reverse("portal:remove_person", args=[school.urn, membership.pk])),
        ("post", reverse("portal:remove_person", args=[school.urn, membership.pk])),
        ("post", reverse("portal:withdraw_invitation", args=[school.urn, invitation.pk])),
    ]


def test_every_school_url_is_refused_to_another_schools_lead(client, school, lead, other_lead):
    staff = MembershipFactory(school=school)
    invitation = InvitationFactory(school=school)
    client.force_login(other_lead)
    for method, url in _school_urls(school, staff, invitation):
        response = getattr(client, method)(url, {"member": staff.pk, "email": "x@example.org"})
        assert response.status_code == 404, f"{method.upper()} {url} gave {response.status_code}"
    assert Membership.objects.filter(pk=staff.pk, role=Membership.Role.STAFF).exists()
    assert Membership.objects.get(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).user == lead
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_every_school_url_is_refused_to_a_worker_of_another_cluster(client, school, lead, other_worker):
    staff = MembershipFactory(school=school)
    invitation = InvitationFactory(school=school)
    client.force_login(other_worker)
    for method, url in _school_urls(school, staff, invitation):
        assert getattr(client, method)(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(client, school, lead):
    staff = MembershipFactory(school=school)
    invitation = InvitationFactory(school=school)
    for method, url in _school_urls(school, staff, invitation):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("users:login"))


def test_people_management_is_refused_to_staff_and_head_of_the_same_school(client, school, lead):
    head = MembershipFactory(school=school, role=Membership.Role.HEAD_TEACHER).user
    staff = MembershipFactory(school=school)
    invitation = InvitationFactory(school=school)
    client.force_login(head)
    for method, url in _school_urls(school, staff, invitation)[1:]:
        if "history" in url:
            continue
        assert getattr(client, method)(url).status_code == 404, url
    assert client.get(reverse("portal:school", args=[school.urn])).status_code == 200


def test_lead_sees_their_school_with_cluster_locality_worker_and_people(client, school, lead, worker):
    head = MembershipFactory(school=school, role=Membership.Role.HEAD_TEACHER).user
    client.force_login(lead)
    response = client.get(reverse("portal:school", args=[school.urn]))
    content = response.content.decode()
    assert response.status_code == 200
    for expected in (school.name, str(school.urn), school.cluster.name, school.cluster.locality.name,
                     worker.email, head.email, lead.email, "Invite someone"):
        assert expected in content


def test_staff_see_their_school_without_management_actions(client, school, lead, staff_member):
    client.force_login(staff_member)
    content = client.get(reverse("portal:school", args=[school.urn])).content.decode()
    assert school.name in content
    assert "Invite someone" not in content
    assert reverse("portal:change_lead", args=[school.urn]) not in content


def test_worker_sees_schools_of_their_cluster_only(client, school, other_school, worker):
    client.force_login(worker)
    assert client.get(reverse("portal:school", args=[school.urn])).status_code == 200
    assert client.get(reverse("portal:school", args=[other_school.urn])).status_code == 404


def test_dashboard_takes_a_one_school_member_straight_to_their_school(client, school, lead):
    client.force_login(lead)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("portal:school", args=[school.urn])


def test_dashboard_lists_visible_schools_and_filters_by_name(client, school, other_school, role_user):
    client.force_login(role_user(Role.TEAM_MANAGER))
    content = client.get(reverse("portal:dashboard")).content.decode()
    assert school.name in content and other_school.name in content
    filtered = client.get(reverse("portal:dashboard"), {"q": other_school.name}).content.decode()
    assert other_school.name in filtered
    assert f">{school.name}<" not in filtered


def test_dashboard_explains_when_an_account_has_no_school(client, role_user):
    client.force_login(role_user(Role.EDITOR))
    response = client.get(reverse("portal:dashboard"))
    assert "not linked to a school" in response.content.decode()


def _count_queries(client, url, django_assert_num_queries):
    """Queries for one request, after a first request has warmed per-process caches (site settings)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_school_list_query_count_does_not_grow_with_schools(client, role_user, django_assert_num_queries):
    manager = role_user(Role.TEAM_MANAGER)
    client.force_login(manager)
    SchoolFactory.create_batch(5)
    url = reverse("portal:dashboard") + "?q=School"
    with_five = _count_queries(client, url, django_assert_num_queries)
    SchoolFactory.create_batch(45)
    with django_assert_num_queries(with_five):
        assert client.get(url).status_code == 200


def test_school_page_query_count_does_not_grow_with_people(client, school, lead, worker, django_assert_num_queries):
    client.force_login(lead)
    url = reverse("portal:school", args=[school.urn])
    MembershipFactory.create_batch(4, school=school)
    InvitationFactory.create_batch(2, school=school)
    with_five = _count_queries(client, url, django_assert_num_queries)
    MembershipFactory.create_batch(45, school=school)
    InvitationFactory.create_batch(10, school=school)
    ClusterAssignmentFactory.create_batch(3, cluster=school.cluster)
    with django_assert_num_queries(with_five):
        assert client.get(url).status_code == 200


def test_school_page_query_count_does_not_grow_with_schools_in_the_cluster(
    client, school, lead, worker, django_assert_num_queries
):
    client.force_login(worker)
    url = reverse("portal:school", args=[school.urn])
    SchoolFactory.create_batch(4, cluster=school.cluster)
    with_five = _count_queries(client, url, django_assert_num_queries)
    SchoolFactory.create_batch(45, cluster=school.cluster)
    with django_assert_num_queries(with_five):
        assert client.get(url).status_code == 200
