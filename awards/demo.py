"""Demo award submissions and awards in every state, made through the same calls the portal and reviewers make.

Schools with an approved action plan come first (then others with a lead and a self-assessment),
and the submission in review is in the demo school's cluster, so worker@example.org has it to review. The demo
school itself, and the other demo lead's school, are left without any award submission, so that a
newcomer can evidence and submit Bronze from the start.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from schools.demo import assigned_worker
from schools.models import Membership, School
from workflows.models import SteeringGroupApprovalTask
from workflows.moderation import decide, submit

from .models import AWARD_LIFETIME, Award, AwardSubmission, CriteriaVersion, CriterionEvidence, Stage
from .revocation import revoke

# "Not started" needs nothing: every school without a submission is in it, the demo school included.
STATES = [
    "drafting",
    "in_review",
    "more_evidence_requested",
    "awarded",
    "silver_awarded",
    "expiring_soon",
    "expired",
    "revoked",
]
DEMO_LEADS = ["lead@example.org", "other.lead@example.org"]
STEERING = ["steering1@example.org", "steering2@example.org", "steering3@example.org"]
TEAM_MANAGER = "manager@example.org"
REVIEWED_BY_DEMO_WORKER = ("in_review",)
EVIDENCE_LINK = "https://example.org/school-wellbeing/evidence"
NARRATIVE = (
    "{criterion}: we planned this with our wellbeing worker in the autumn term and reviewed it with "
    "governors in the spring. The link shows what we did and what changed for pupils."
)
# Days since the award for the states whose dates matter, chosen so each lands where its name says.
AWARDED_DAYS_AGO = {"expiring_soon": AWARD_LIFETIME.days - 45, "expired": AWARD_LIFETIME.days + 20}
REVOCATION_REASON = (
    "The steering group found that the pupil voice evidence came from another school's survey. "
    "The school may resubmit once it has run its own."
)


def _reload(submission):
    return AwardSubmission.objects.get(pk=submission.pk)


def _demo_cluster():
    school = School.objects.filter(memberships__user__email=DEMO_LEADS[0]).first()
    return school.cluster_id if school else None


def _candidates():
    """Schools with a lead, a cluster and a worker, those with an approved action plan first."""
    demo_schools = School.objects.filter(memberships__user__email__in=DEMO_LEADS)
    schools = (
        School.objects.filter(memberships__role=Membership.Role.MENTAL_HEALTH_LEAD, assessments__status="submitted")
        .exclude(pk__in=demo_schools.values("pk"))
        .exclude(cluster=None)
        .select_related("action_plan")
        .distinct()
    )
    with_workers = [school for school in schools if assigned_worker(school) is not None]
    return sorted(with_workers, key=lambda school: (not _plan_approved(school), school.urn))


def _schools_for_states():
    """(state, school) pairs; the submission in review goes to the demo cluster, for worker@example.org."""
    remaining, demo_cluster = _candidates(), _demo_cluster()
    pairs = []
    for state in STATES:
        if not remaining:
            break
        preferred = [
            school for school in remaining if state in REVIEWED_BY_DEMO_WORKER and school.cluster_id == demo_cluster
        ]
        school = (preferred or remaining)[0]
        remaining.remove(school)
        pairs.append((state, school))
    return pairs


def _plan_approved(school):
    plan = getattr(school, "action_plan", None)
    return plan is not None and plan.live


def _evidenced(school, lead, version, complete=True, stage=Stage.BRONZE):
    """A started submission with a narrative and a link for every criterion (or only the first)."""
    submission = AwardSubmission.objects.create(
        school=school, stage=stage, criteria_version=version, live=False, has_unpublished_changes=True
    )
    criteria = list(version.criteria_for(stage))
    submission.evidence = [
        CriterionEvidence(
            criterion=criterion,
            narrative=NARRATIVE.format(criterion=criterion.title),
            links=EVIDENCE_LINK,
            sort_order=order,
        )
        for order, criterion in enumerate(criteria if complete else criteria[:1])
    ]
    submission.save_revision(user=lead, log_action="wagtail.create")
    return _reload(submission), criteria


def _approve(submission, worker, steering):
    decide(_reload(submission), worker, "approve", comment="Every criterion is well evidenced.")
    for member in steering[: SteeringGroupApprovalTask.objects.get().quorum]:
        decide(_reload(submission), member, "approve")
    return Award.objects.get(submission=submission)


def _backdate(award, days_ago):
    """Move an award into the past so it is expiring soon or expired, as a real one would be."""
    award.awarded_at = timezone.now() - datetime.timedelta(days=days_ago)
    award.expires_at = award.awarded_at + AWARD_LIFETIME
    award._change_reason = "Demo data: dated in the past"
    award.save(update_fields=["awarded_at", "expires_at"])


def _to_state(state, school, lead, worker, people, version):
    """Take a new Bronze submission for `school` to `state`."""
    submission, criteria = _evidenced(school, lead, version, complete=state != "drafting")
    if state == "drafting":
        return
    submit(submission, lead)
    if state == "in_review":
        return
    if state == "more_evidence_requested":
        named = [criterion.pk for criterion in criteria[-2:]]
        comment = "Good start. Please add evidence of pupil voice and of the impact you measured."
        decide(_reload(submission), worker, "reject", comment=comment, criteria=named)
        return
    award = _approve(submission, worker, people["steering"])
    if state == "silver_awarded":
        _backdate(award, 300)
        silver, _ = _evidenced(school, lead, version, stage=Stage.SILVER)
        submit(silver, lead)
        _approve(silver, worker, people["steering"])
        return
    if state in AWARDED_DAYS_AGO:
        _backdate(award, AWARDED_DAYS_AGO[state])
    elif state == "revoked":
        revoke(award, people["manager"], REVOCATION_REASON)


def _people():
    users = get_user_model().objects.filter(email__in=[*STEERING, TEAM_MANAGER]).order_by("email")
    by_email = {user.email: user for user in users}
    steering = [by_email[email] for email in STEERING if email in by_email]
    return {"steering": steering, "manager": by_email.get(TEAM_MANAGER)}


@transaction.atomic
def build_demo():
    """One school in each award state. Does nothing if any award submission exists; returns how many it made."""
    version = CriteriaVersion.objects.current()
    if version is None or AwardSubmission.objects.exists() or Award.objects.exists():
        return 0
    people = _people()
    if people["manager"] is None or len(people["steering"]) < SteeringGroupApprovalTask.objects.get().quorum:
        return 0
    pairs = _schools_for_states()
    for state, school in pairs:
        lead = Membership.objects.get(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).user
        _to_state(state, school, lead, assigned_worker(school), people, version)
    return len(pairs)
