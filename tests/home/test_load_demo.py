"""The demo loader gives a newcomer a living service, safely and repeatably."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

import pytest

from schools.demo import DEMO_PASSWORD
from schools.models import Cluster, ClusterAssignment, Locality, Membership, School
from users.models import User
from users.roles import Role

pytestmark = pytest.mark.django_db


def _load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not School.objects.exists()
    assert not User.objects.exists()


def test_load_demo_builds_the_registry_people_and_site(settings):
    settings.DEBUG = True
    output = _load()
    assert School.objects.filter(la_code="883").count() == 60
    assert School.objects.filter(la_code="883", status=School.Status.OPEN).count() == 58
    assert Locality.objects.count() == 3
    assert Cluster.objects.count() >= 10
    # Every school of the demo local authority is in a cluster, and every cluster has a worker.
    assert not School.objects.filter(la_code="883", cluster__isnull=True).exists()
    assert set(Cluster.objects.values_list("pk", flat=True)) <= set(
        ClusterAssignment.objects.values_list("cluster", flat=True)
    )
    for role in Role.ALL:
        assert User.objects.filter(groups__name=role).exists(), role
    lead = User.objects.get(email="lead@example.org")
    assert lead.check_password(DEMO_PASSWORD)
    assert Membership.objects.get(user=lead).role == Membership.Role.MENTAL_HEALTH_LEAD
    assert DEMO_PASSWORD in output and "lead@example.org" in output


def test_load_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    _load()
    counts = [model.objects.count() for model in (School, Cluster, Membership, ClusterAssignment, User, Group)]
    history = School.history.count()
    lead = User.objects.get(email="lead@example.org")
    lead.set_password("changed-by-the-demo-user")
    lead.save()
    second = _load()
    assert [model.objects.count() for model in (School, Cluster, Membership, ClusterAssignment, User, Group)] == counts
    assert School.history.count() == history
    assert "unchanged: 60" in second
    lead.refresh_from_db()
    assert lead.check_password("changed-by-the-demo-user")


def test_demo_lead_signs_in_and_sees_their_school(client, settings):
    settings.DEBUG = True
    _load()
    lead = User.objects.get(email="lead@example.org")
    client.force_login(lead)
    school = Membership.objects.get(user=lead).school
    response = client.get(f"/portal/schools/{school.urn}/")
    assert response.status_code == 200
    assert school.name in response.content.decode()
