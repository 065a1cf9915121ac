"""Who may do what with a school's self-assessment (seeing the school at all is `schools.access`).

- Any member of the school may answer statements of an assessment in progress.
- Only the designated Mental Health Lead or the head teacher may start a round and submit it.
- Workers assigned to the school's cluster, and holders of `assessments.send_feedback_report`
  (the Team Manager), may mark a feedback report as sent; school members may not.
"""

from schools.models import ClusterAssignment, Membership


def member_role(user, school):
    """The user's membership role at the school, or None."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, school=school).values_list("role", flat=True).first()


def can_answer(role):
    """Whether a member with this role (None: not a member) may answer statements."""
    return role is not None


def can_start_and_submit(role):
    """Whether a member with this role may start a round and submit it."""
    return role in Membership.LEADERSHIP_ROLES


def can_mark_sent(user, school):
    """Whether the user may mark the school's feedback report as sent to the school."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("assessments.send_feedback_report"):
        return True
    assignments = ClusterAssignment.objects.filter(worker=user, cluster_id=school.cluster_id)
    return bool(school.cluster_id) and assignments.exists()
