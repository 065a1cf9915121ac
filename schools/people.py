"""Changes to who belongs to a school: invitations, the designated lead, leaving.

Each change is one transaction; django-simple-history keeps every version of the memberships.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sws_site.notifications import notify
from users.models import User

from .models import Invitation, Membership


class PeopleError(Exception):
    """A change to a school's people that cannot be made; the message is shown to the user."""


@transaction.atomic
def invite(school, invited_by, *, email, first_name, last_name, role):
    """Invite someone to the school; an existing account joins at once, a new person gets a link."""
    email = email.strip().lower()
    existing = User.objects.filter(email=email).first()
    if existing and Membership.objects.filter(user=existing, school=school).exists():
        raise PeopleError(f"{email} is already a member of {school.name}.")
    if Invitation.objects.pending().filter(school=school, email=email).exists():
        raise PeopleError(f"{email} has already been invited. The invitation is waiting to be accepted.")
    if existing:
        membership = Membership.objects.create(user=existing, school=school, role=role)
        notify(
            "schools/email/added_to_school.txt",
            {
                "school": school,
                "user": existing,
                "invited_by": invited_by,
                "link": reverse("portal:school", args=[school.urn]),
            },
            [existing.email],
        )
        return membership
    invitation = Invitation.objects.create(
        school=school, email=email, first_name=first_name, last_name=last_name, role=role, invited_by=invited_by
    )
    notify(
        "schools/email/invitation.txt",
        {"invitation": invitation, "school": school, "invited_by": invited_by,
         "link": reverse("users:accept_invitation", args=[invitation.token])},
        [email],
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation, *, first_name, last_name, password):
    """Create the invited person's account and membership; an invitation works once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise PeopleError("This invitation has already been used or has expired.")
    if User.objects.filter(email=invitation.email).exists():
        raise PeopleError("An account with this email address already exists. Sign in instead.")
    user = User.objects.create_user(
        email=invitation.email, password=password, first_name=first_name, last_name=last_name
    )
    Membership.objects.create(user=user, school=invitation.school, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def withdraw_invitation(invitation):
    """Stop an invitation from being accepted."""
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])


@transaction.atomic
def designate_lead(school, new_lead, changed_by):
    """Make `new_lead` (a member) the school's designated Mental Health Lead; the old lead becomes staff."""
    memberships = Membership.objects.select_for_update().filter(school=school)
    try:
        chosen = memberships.get(user=new_lead)
    except Membership.DoesNotExist:
        raise PeopleError("Choose a member of the school.") from None
    if chosen.is_lead:
        raise PeopleError(f"{new_lead} is already the designated Mental Health Lead.")
    previous = memberships.filter(role=Membership.Role.MENTAL_HEALTH_LEAD).first()
    if previous:
        # Demote first: the database allows only one lead per school at any moment.
        previous.role = Membership.Role.STAFF
        previous.save(update_fields=["role"])
    chosen.role = Membership.Role.MENTAL_HEALTH_LEAD
    chosen.save(update_fields=["role"])
    recipients = [new_lead.email] + ([previous.user.email] if previous else [])
    notify(
        "schools/email/lead_changed.txt",
        {"school": school, "new_lead": new_lead, "previous": previous, "changed_by": changed_by},
        recipients,
    )
    return chosen


@transaction.atomic
def remove_member(membership):
    """Remove someone from a school; the designated lead must be replaced first."""
    if membership.is_lead:
        raise PeopleError("Designate another Mental Health Lead before removing this person.")
    membership.delete()
