"""Revoking an award: the Team Manager only, with a reason kept in the award's history.

Who may revoke is a role, not a model permission: only the Team Manager (or a superuser) decides
that a school no longer merits its award, so no permission can be granted to anyone else by mistake.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from schools.access import schools_visible_to
from schools.models import Membership
from sws_site.notifications import notify
from users.roles import Role

from .certificates import verification_path
from .models import Award

CHANGE_REASON = "Revoked"


class RevocationError(Exception):
    """A revocation the award's state does not allow; the message is for the Team Manager."""


def can_revoke(user):
    """Whether the user may revoke awards: the Team Manager, or a superuser."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=Role.TEAM_MANAGER).exists()


def _lead_emails(school):
    return list(
        Membership.objects.filter(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).values_list(
            "user__email", flat=True
        )
    )


@transaction.atomic
def revoke(award, user, reason):
    """Revoke the award for `reason`, record who did it in its history and email the school's lead."""
    if not can_revoke(user):
        raise PermissionDenied("Only the Team Manager can revoke an award.")
    reason = reason.strip()
    if not reason:
        raise RevocationError("Enter the reason for revoking the award.")
    award = Award.objects.select_for_update().select_related("school").get(pk=award.pk)
    if award.revoked_at is not None:
        raise RevocationError("This award has already been revoked.")
    award.revoked_at = timezone.now()
    award.revoked_by = user
    award.revoked_reason = reason
    award._history_user = user
    award._change_reason = CHANGE_REASON
    award.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    context = {"award": award, "school": award.school, "reason": reason, "verify_path": verification_path(award)}
    notify("awards/email/revoked.txt", context, _lead_emails(award.school))
    return award


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why is the award being revoked?",
        help_text=(
            "The school's lead is emailed this reason and it is kept in the award's history. "
            "The public verification page shows only that the award is revoked."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reason for revoking the award"},
    )

    def clean_reason(self):
        """Spaces alone are not a reason."""
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter the reason for revoking the award")
        return reason


def _listing_url():
    return reverse("awards_status")


def revoke_view(request, pk):
    """Confirm the revocation with a reason, then revoke; only the Team Manager gets this far."""
    if not can_revoke(request.user):
        raise PermissionDenied
    award = get_object_or_404(
        Award.objects.select_related("school").filter(school__in=schools_visible_to(request.user).values("pk")), pk=pk
    )
    if award.revoked_at is not None:
        messages.error(request, f"The {award.get_stage_display()} award of {award.school.name} is already revoked.")
        return redirect(_listing_url())
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke(award, request.user, form.cleaned_data["reason"])
        except RevocationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The {award.get_stage_display()} award of {award.school.name} is revoked.")
        return redirect(_listing_url())
    title = f"Revoke the {award.get_stage_display()} award of {award.school.name}"
    context = {
        "award": award,
        "form": form,
        "header_title": title,
        "page_title": title,
        "cancel_url": _listing_url(),
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": _listing_url(), "label": "Award status"},
            {"url": "", "label": "Revoke award", "sublabel": award.school.name},
        ],
    }
    return TemplateResponse(request, "awards/admin/revoke.html", context)
