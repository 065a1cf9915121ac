"""The self-assessment's state for a school, as the school's portal page shows it."""

from .access import can_start_and_submit, member_role
from .models import Assessment


def assessment_summary(school, user):
    """The round in progress, the latest submitted round, and whether this user may start one; two queries."""
    assessments = list(
        Assessment.objects.filter(school=school).select_related("submitted_by").order_by("-submitted_at", "-pk")
    )
    submitted = [a for a in assessments if a.is_submitted]
    return {
        "open": next((a for a in assessments if not a.is_submitted), None),
        "latest": submitted[0] if submitted else None,
        "count": len(submitted),
        "can_start": can_start_and_submit(member_role(user, school)),
    }
