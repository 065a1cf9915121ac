"""The one place that answers which schools a person may see and act on.

Every view, admin listing and queryset that touches a school goes through these functions, so
that the rule "a school user sees only their own school; a worker only their clusters" lives
in one module and is tested once, thoroughly.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from .models import Cluster, ClusterAssignment, Invitation, Locality, Membership, School


def sees_every_school(user):
    """Whether the user sees the whole registry (the service's leadership and records staff)."""
    return user.is_active and (user.is_superuser or user.has_perm("schools.view_all_schools"))


def schools_visible_to(user):
    """Schools this user may see: their own, their clusters', or all for the service's leadership."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    if sees_every_school(user):
        return School.objects.all()
    return School.objects.filter(
        Q(memberships__user=user) | Q(cluster__assignments__worker=user)
    ).distinct()


def visible_school_or_404(user, urn, *related):
    """The school with this URN, with `related` joined, if the user may see it; a 404, never a 403, otherwise."""
    schools = schools_visible_to(user)
    return get_object_or_404(schools.select_related(*related) if related else schools, urn=urn)


def schools_led_by(user):
    """Schools whose designated Mental Health Lead this user is: they manage its people."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    return School.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.MENTAL_HEALTH_LEAD
    )


def can_see_school(user, school):
    """Whether the user may see this school's pages."""
    return schools_visible_to(user).filter(pk=school.pk).exists()


def can_manage_people(user, school):
    """Whether the user may invite people and designate the Mental Health Lead for this school."""
    return schools_led_by(user).filter(pk=school.pk).exists()


def memberships_visible_to(user):
    """Memberships of the schools this user may see."""
    return Membership.objects.filter(school__in=schools_visible_to(user).values("pk"))


def clusters_visible_to(user):
    """Clusters of the schools the user may see (every cluster, even empty, for the whole-registry roles)."""
    if sees_every_school(user):
        return Cluster.objects.all()
    return Cluster.objects.filter(pk__in=schools_visible_to(user).values("cluster"))


def localities_visible_to(user):
    """Localities of the clusters the user may see."""
    if sees_every_school(user):
        return Locality.objects.all()
    return Locality.objects.filter(pk__in=clusters_visible_to(user).values("locality"))


def assignments_visible_to(user):
    """Worker assignments to the clusters the user may see."""
    return ClusterAssignment.objects.filter(cluster__in=clusters_visible_to(user).values("pk"))


def invitations_visible_to(user):
    """Invitations to the schools the user may see."""
    return Invitation.objects.filter(school__in=schools_visible_to(user).values("pk"))


def schools_reviewed_by(user):
    """Schools whose submissions this user reviews first: those in the clusters assigned to them."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    return School.objects.filter(cluster__assignments__worker=user).distinct()


def schools_submitting_for(user):
    """Schools this user may write and submit plans and evidence for: as their lead or head teacher."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    return School.objects.filter(
        memberships__user=user,
        memberships__role__in=Membership.LEADERSHIP_ROLES,
    )


def is_member_of(user, school):
    """Whether the user belongs to the school, and so may not judge its submissions."""
    return user.is_authenticated and Membership.objects.filter(user=user, school=school).exists()
