"""Revoking an award: the Team Manager only, with a reason; history keeps who and why; the school is told."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from awards.models import Award
from awards.revocation import RevocationError, can_revoke, revoke
from tests.awards.award_factories import AwardFactory, grant_view_award, revoked_award
from tests.users.factories import UserFactory
from users.roles import Role

pytestmark = pytest.mark.django_db

REASON = "The evidence for pupil voice was copied from another school's submission."


@pytest.fixture
def award(school, lead):
    return AwardFactory(school=school)


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def revoke_url(award):
    return reverse("awards_revoke", args=[award.pk])


def test_the_team_manager_revokes_with_a_reason(
    client, award, manager, lead, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    assert client.get(revoke_url(award)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(revoke_url(award), {"reason": REASON})
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.revoked_at is not None
    assert award.revoked_by == manager
    assert award.revoked_reason == REASON
    assert award.status == Award.Status.REVOKED
    assert [message.to for message in mailoutbox] == [[lead.email]]
    assert REASON in mailoutbox[0].body
    assert "revoked" in mailoutbox[0].subject


def test_history_records_who_revoked_and_why(award, manager):
    revoke(award, manager, REASON)
    record = award.history.latest()
    assert record.history_user == manager
    assert record.history_change_reason == "Revoked"
    assert record.revoked_reason == REASON
    assert record.revoked_by_id == manager.pk
    assert award.history.count() == 2  # made, then revoked


def test_the_verification_page_then_shows_revoked(client, award, manager):
    revoke(award, manager, REASON)
    response = client.get(reverse("certificates:verify", kwargs={"code": award.code}))
    assert ">Revoked<" in response.content.decode()
    assert REASON not in response.content.decode()


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_a_reason_is_required(client, award, manager, reason):
    client.force_login(manager)
    response = client.post(revoke_url(award), {"reason": reason})
    assert response.status_code == 200
    assert "Enter the reason for revoking the award" in response.content.decode()
    award.refresh_from_db()
    assert award.revoked_at is None
    with pytest.raises(RevocationError):
        revoke(award, manager, reason)


@pytest.mark.parametrize(
    "role", [Role.SENIOR_WORKER, Role.WORKER, Role.ADMINISTRATOR, Role.STEERING_GROUP, Role.PUBLIC_HEALTH, Role.EDITOR]
)
def test_only_the_team_manager_may_revoke(client, award, role_user, role):
    grant_view_award(role)
    user = role_user(role)
    assert not can_revoke(user)
    client.force_login(user)
    assert refused(client.get(revoke_url(award)))
    assert refused(client.post(revoke_url(award), {"reason": REASON}))
    with pytest.raises(PermissionDenied):
        revoke(award, user, REASON)
    award.refresh_from_db()
    assert award.revoked_at is None


def test_school_people_may_not_revoke(client, award, lead):
    client.force_login(lead)
    response = client.post(revoke_url(award), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))  # no admin access at all
    award.refresh_from_db()
    assert award.revoked_at is None


def test_a_superuser_may_revoke(award):
    superuser = UserFactory(is_superuser=True)
    assert can_revoke(superuser)
    revoke(award, superuser, REASON)
    assert Award.objects.get(pk=award.pk).revoked_by == superuser


def test_an_award_is_revoked_once(client, manager):
    award = revoked_award(reason="First reason")
    client.force_login(manager)
    response = client.post(revoke_url(award), {"reason": "Second reason"}, follow=True)
    assert "already revoked" in response.content.decode()
    award.refresh_from_db()
    assert award.revoked_reason == "First reason"
    with pytest.raises(RevocationError):
        revoke(award, manager, "Second reason")


def test_the_listing_offers_revoke_to_the_team_manager_only(client, award, manager, role_user):
    grant_view_award(Role.TEAM_MANAGER, Role.STEERING_GROUP)
    client.force_login(manager)
    assert revoke_url(award) in client.get(reverse("awards_status")).content.decode()
    client.force_login(role_user(Role.STEERING_GROUP))
    response = client.get(reverse("awards_status"))
    assert response.status_code == 200
    assert revoke_url(award) not in response.content.decode()
