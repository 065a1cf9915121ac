"""The signed-in school portal: a person's schools, a school's page and its people.

Every view finds the school through `schools.access`, so a school that the user may not see
is a 404, never a 403 that confirms it exists.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assessments.summary import assessment_summary
from awards.status import award_status_for, school_award_status
from schools.access import can_manage_people, schools_visible_to, visible_school_or_404
from schools.models import ClusterAssignment, Invitation, Membership
from schools.people import PeopleError, designate_lead, invite, remove_member, withdraw_invitation
from training.attendance import school_training
from workflows.models import ActionPlan

from .forms import DesignateLeadForm, InviteForm


def _visible_school(request, urn):
    """The school with this URN if the signed-in user may see it, with its cluster's details; 404 otherwise."""
    return visible_school_or_404(request.user, urn, "cluster__locality", "cluster__secondary_school")


def _led_school(request, urn):
    """The school with this URN if the user is its designated lead; 404 otherwise."""
    school = _visible_school(request, urn)
    if not can_manage_people(request.user, school):
        raise Http404("Only the school's designated Mental Health Lead can manage its people.")
    return school


@login_required
def dashboard(request):
    """A school member with one school goes straight to it; others see a list."""
    schools = schools_visible_to(request.user).select_related("cluster__locality").order_by("name")
    if request.GET.get("q", "").strip():
        schools = schools.filter(name__icontains=request.GET["q"].strip())
    if not request.GET and schools.count() == 1:
        return redirect("portal:school", urn=schools.get().urn)
    query = request.GET.get("q", "").strip()
    page = Paginator(schools, 25).get_page(request.GET.get("page"))
    award_statuses = award_status_for(page.object_list)
    for school in page.object_list:
        school.award_status = award_statuses[school.pk]
    return render(
        request,
        "portal/dashboard.html",
        {
            "page": page,
            "query": query,
            "pagination_query": urlencode({"q": query}) if query else "",
            "breadcrumbs": [("Your schools", "")],
        },
    )


@login_required
def school_detail(request, urn):
    """The school's GIAS record, cluster, locality, assigned workers and people."""
    school = _visible_school(request, urn)
    memberships = (
        Membership.objects.filter(school=school)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )
    workers = []
    if school.cluster_id:
        workers = (
            ClusterAssignment.objects.filter(cluster_id=school.cluster_id)
            .select_related("worker")
            .prefetch_related(Prefetch("worker__groups"))
            .order_by("worker__last_name")
        )
    is_lead = can_manage_people(request.user, school)
    invitations = Invitation.objects.pending().filter(school=school) if is_lead else Invitation.objects.none()
    return render(
        request,
        "portal/school_detail.html",
        {
            "school": school,
            "memberships": memberships,
            "workers": workers,
            "is_lead": is_lead,
            "invitations": invitations,
            "action_plan": ActionPlan.objects.filter(school=school).first(),
            "award_status": school_award_status(school),
            "assessment_summary": assessment_summary(school, request.user),
            "lead": next((m for m in memberships if m.is_lead), None),
            **school_training(request.user, school),
            "breadcrumbs": [("Your schools", reverse("portal:dashboard")), (school.name, "")],
        },
    )


@login_required
def invite_person(request, urn):
    """The lead invites a colleague to the school."""
    school = _led_school(request, urn)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = invite(school, request.user, **form.cleaned_data)
        except PeopleError as error:
            form.add_error("email", str(error))
        else:
            if isinstance(result, Membership):
                messages.success(request, f"{result.user} already had an account and has been added to {school.name}.")
            else:
                messages.success(request, f"We have sent an invitation to {result.email}.")
            return redirect("portal:school", urn=school.urn)
    return render(request, "portal/invite.html", {"school": school, "form": form})


@login_required
def change_lead(request, urn):
    """The lead hands the designated Mental Health Lead role to another member."""
    school = _led_school(request, urn)
    form = DesignateLeadForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            chosen = designate_lead(school, form.cleaned_data["member"].user, request.user)
        except PeopleError as error:
            form.add_error("member", str(error))
        else:
            messages.success(request, f"{chosen.user} is now the designated Mental Health Lead.")
            return redirect("portal:school", urn=school.urn)
    return render(request, "portal/change_lead.html", {"school": school, "form": form})


@login_required
def remove_person(request, urn, membership_id):
    """The lead removes someone from the school, after confirming."""
    school = _led_school(request, urn)
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_id, school=school)
    if request.method == "POST":
        try:
            remove_member(membership)
        except PeopleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{membership.user} has been removed from {school.name}.")
        return redirect("portal:school", urn=school.urn)
    return render(request, "portal/remove_person.html", {"school": school, "membership": membership})


@login_required
@require_POST
def withdraw(request, urn, invitation_id):
    """The lead withdraws an invitation that has not been accepted."""
    school = _led_school(request, urn)
    invitation = get_object_or_404(Invitation.objects.pending(), pk=invitation_id, school=school)
    withdraw_invitation(invitation)
    messages.success(request, f"The invitation to {invitation.email} has been withdrawn.")
    return redirect("portal:school", urn=school.urn)


@login_required
def people_history(request, urn):
    """Every change to the school's people, newest first, with who made it."""
    school = _visible_school(request, urn)
    records = (
        Membership.history.filter(school_id=school.pk)
        .select_related("history_user", "user")
        .order_by("-history_date", "-history_id")
    )
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(request, "portal/people_history.html", {"school": school, "page": page})
