"""Awards at a chosen point of their life, for the certificate, status, listing and renewal tests."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

import factory

from awards.models import Award, AwardSubmission, CriteriaVersion, Criterion, CriterionEvidence, Stage
from sws_site.versioning import publish
from tests.schools.factories import SchoolFactory
from tests.users.factories import UserFactory
from users.roles import Role
from workflows.models import SteeringGroupApprovalTask
from workflows.moderation import decide, submit

EVIDENCE_LINK = "https://example.org/training-log"


class AwardFactory(factory.django.DjangoModelFactory):
    """A Bronze award made a year ago (valid, not expiring soon)."""

    class Meta:
        model = Award

    school = factory.SubFactory(SchoolFactory)
    stage = Stage.BRONZE
    awarded_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=365))


def award_expiring_in(days, when=None, **kwargs):
    """An award whose expiry is `days` days after `when` (now by default); negative for an expired one."""
    when = when or timezone.now()
    expires_at = when + datetime.timedelta(days=days)
    return AwardFactory(expires_at=expires_at, awarded_at=expires_at - datetime.timedelta(days=3 * 365), **kwargs)


def revoked_award(user=None, reason="Evidence was found to be copied from another school.", **kwargs):
    """A valid award that the Team Manager then revoked."""
    return AwardFactory(revoked_at=timezone.now(), revoked_by=user, revoked_reason=reason, **kwargs)


def grant_view_award(*roles):
    """Give the role groups `awards.view_award`, as the awards migration does."""
    permission = Permission.objects.get(content_type__app_label="awards", codename="view_award")
    for group in Group.objects.filter(name__in=roles):
        group.permissions.add(permission)


def published_criteria():
    """The current criteria version, with one criterion per stage if the database has none."""
    version = CriteriaVersion.objects.current()
    if version is None:
        version = CriteriaVersion.objects.create(name="Test criteria")
        for stage in Stage:
            Criterion.objects.create(version=version, stage=stage, title=f"{stage.label}: staff are trained")
        version = publish(version, None)
    return version


def _reload(submission):
    return AwardSubmission.objects.get(pk=submission.pk)


def submission_in(state, school, lead, worker, stage=Stage.BRONZE):
    """A submission taken through the portal's and reviewers' calls to `state`.

    States: drafting, in_review, more_evidence_requested, awarded. `lead` submits; `worker` (assigned
    to the school's cluster) reviews first; new steering-group members make the quorum.
    """
    version = published_criteria()
    submission = AwardSubmission.objects.create(
        school=school, stage=stage, criteria_version=version, live=False, has_unpublished_changes=True
    )
    submission.evidence = [
        CriterionEvidence(criterion=criterion, narrative="We trained every member of staff.", links=EVIDENCE_LINK)
        for criterion in version.criteria_for(stage)
    ]
    submission.save_revision(user=lead, log_action="wagtail.create")
    if state == "drafting":
        return _reload(submission)
    submit(_reload(submission), lead)
    if state == "more_evidence_requested":
        criterion = version.criteria_for(stage).first()
        decide(_reload(submission), worker, "reject", comment="Show the training log.", criteria=[criterion.pk])
    elif state == "awarded":
        decide(_reload(submission), worker, "approve", comment="Well evidenced.")
        for _ in range(SteeringGroupApprovalTask.objects.get().quorum):
            decide(_reload(submission), UserFactory(roles=[Role.STEERING_GROUP]), "approve")
    return _reload(submission)
