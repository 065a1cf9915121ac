"""A lead manages their school's people: invitations, the designated lead, leaving; all kept in history."""

from django.db import IntegrityError, transaction
from django.urls import reverse

import pytest

from schools.models import Invitation, Membership
from tests.schools.factories import InvitationFactory, MembershipFactory
from tests.users.factories import UserFactory
from users.models import User

pytestmark = pytest.mark.django_db


def test_lead_invites_a_new_colleague_who_gets_an_email_link(
    client, school, lead, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:invite", args=[school.urn]),
            {"first_name": "Nadia", "last_name": "Okafor", "email": "Nadia.Okafor@Example.org", "role": "staff"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(school=school)
    assert invitation.email == "nadia.okafor@example.org"
    assert invitation.invited_by == lead
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nadia.okafor@example.org"]
    assert reverse("users:accept_invitation", args=[invitation.token]) in mailoutbox[0].body
    assert school.name in mailoutbox[0].subject


def test_invite_form_errors_are_summarised_and_nothing_is_created(client, school, lead):
    client.force_login(lead)
    response = client.post(reverse("portal:invite", args=[school.urn]), {"email": "not-an-address"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Enter their first name" in content
    assert "Enter an email address in the correct format" in content
    assert "<title>Error: " in content
    assert not Invitation.objects.exists()


def test_inviting_an_existing_member_twice_is_refused_with_a_message(client, school, lead, staff_member):
    client.force_login(lead)
    response = client.post(
        reverse("portal:invite", args=[school.urn]),
        {"first_name": "A", "last_name": "B", "email": staff_member.email, "role": "staff"},
    )
    assert "already a member" in response.content.decode()
    assert Membership.objects.filter(user=staff_member).count() == 1


def test_inviting_someone_with_an_account_adds_them_at_once(client, school, other_school, lead, other_lead):
    client.force_login(lead)
    client.post(
        reverse("portal:invite", args=[school.urn]),
        {"first_name": "X", "last_name": "Y", "email": other_lead.email, "role": "head_teacher"},
    )
    membership = Membership.objects.get(user=other_lead, school=school)
    assert membership.role == Membership.Role.HEAD_TEACHER
    assert not Invitation.objects.exists()


def test_a_pending_invitation_cannot_be_sent_twice(client, school, lead):
    InvitationFactory(school=school, email="twice@example.org")
    client.force_login(lead)
    response = client.post(
        reverse("portal:invite", args=[school.urn]),
        {"first_name": "T", "last_name": "W", "email": "twice@example.org", "role": "staff"},
    )
    assert "already been invited" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_accepting_an_invitation_creates_the_account_membership_and_signs_in(client, school):
    invitation = InvitationFactory(school=school, email="new.person@example.org", role=Membership.Role.HEAD_TEACHER)
    url = reverse("users:accept_invitation", args=[invitation.token])
    assert invitation.email in client.get(url).content.decode()
    phrase = "a-long-pass-phrase"
    response = client.post(url, {"first_name": "New", "last_name": "Person", "password1": phrase, "password2": phrase})
    assert response.status_code == 302
    assert response.url == reverse("portal:school", args=[school.urn])
    user = User.objects.get(email="new.person@example.org")
    assert user.check_password("a-long-pass-phrase")
    assert Membership.objects.get(user=user).role == Membership.Role.HEAD_TEACHER
    assert client.get(response.url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 410


def test_accepting_with_a_weak_or_mismatched_password_changes_nothing(client, school):
    invitation = InvitationFactory(school=school)
    url = reverse("users:accept_invitation", args=[invitation.token])
    weak = client.post(url, {"first_name": "A", "last_name": "B", "password1": "password", "password2": "password"})
    assert "govuk-error-summary" in weak.content.decode()
    mismatch = client.post(
        url, {"first_name": "A", "last_name": "B", "password1": "a-long-pass-phrase", "password2": "another-phrase!"}
    )
    assert "do not match" in mismatch.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_unknown_and_withdrawn_invitations_cannot_be_used(client, school, lead):
    assert client.get(reverse("users:accept_invitation", args=["no-such-token"])).status_code == 404
    invitation = InvitationFactory(school=school)
    client.force_login(lead)
    client.post(reverse("portal:withdraw_invitation", args=[school.urn, invitation.pk]))
    client.logout()
    assert client.get(reverse("users:accept_invitation", args=[invitation.token])).status_code == 410


def test_lead_hands_over_the_lead_role_and_history_records_who(client, school, lead):
    successor = MembershipFactory(school=school)
    client.force_login(lead)
    response = client.post(reverse("portal:change_lead", args=[school.urn]), {"member": successor.pk})
    assert response.status_code == 302
    assert Membership.objects.get(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).user == successor.user
    assert Membership.objects.get(school=school, user=lead).role == Membership.Role.STAFF
    changes = Membership.history.filter(school_id=school.pk, history_type="~")
    assert {(c.user_id, c.role, c.history_user_id) for c in changes} == {
        (lead.pk, Membership.Role.STAFF, lead.pk),
        (successor.user_id, Membership.Role.MENTAL_HEALTH_LEAD, lead.pk),
    }
    # The old lead can no longer manage people.
    assert client.get(reverse("portal:invite", args=[school.urn])).status_code == 404


def test_history_page_lists_changes_with_who_made_them(client, school, lead):
    successor = MembershipFactory(school=school)
    client.force_login(lead)
    client.post(reverse("portal:change_lead", args=[school.urn]), {"member": successor.pk})
    content = client.get(reverse("portal:people_history", args=[school.urn])).content.decode()
    assert f"{successor.user} became mental health lead" in content
    assert f"{lead} became staff" in content


def test_a_lead_cannot_designate_a_member_of_another_school(client, school, lead, other_school):
    outsider = MembershipFactory(school=other_school)
    client.force_login(lead)
    response = client.post(reverse("portal:change_lead", args=[school.urn]), {"member": outsider.pk})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert Membership.objects.get(pk=outsider.pk).role == Membership.Role.STAFF
    assert Membership.objects.get(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).user == lead


def test_database_allows_only_one_lead_per_school(school, lead):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), school=school, role=Membership.Role.MENTAL_HEALTH_LEAD)
    assert Membership.objects.filter(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).count() == 1


def test_lead_removes_a_member_but_not_themselves(client, school, lead, staff_member):
    client.force_login(lead)
    membership = Membership.objects.get(user=staff_member)
    client.post(reverse("portal:remove_person", args=[school.urn, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    own = Membership.objects.get(user=lead)
    client.post(reverse("portal:remove_person", args=[school.urn, own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()
    assert Membership.history.filter(id=membership.pk, history_type="-").exists()
