"""The one place that answers which schools a person may see and act on.

Every view, admin listing and queryset that touches a school goes through these functions, so
that the rule "a school user sees only their own school; a worker only their clusters" lives
in one module and is tested once, thoroughly.
"""

from django.db.models import Q

from .models import Membership, School


def _all_schools_visible(user):
    return user.is_superuser or user.has_perm("schools.view_all_schools")


def schools_visible_to(user):
    """Schools this user may see: their own, their clusters', or all for the service's leadership."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    if _all_schools_visible(user):
        return School.objects.all()
    return School.objects.filter(
        Q(memberships__user=user) | Q(cluster__assignments__worker=user)
    ).distinct()


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
