"""Where each school stands with the award: the stage it holds, and the stage it is working on.

The portal's school page and list, and the admin's "Award status" listing, all read a school's
status from here, in a constant number of queries however many schools they show.
"""

from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from wagtail.models import WorkflowState

from .models import Award, AwardSubmission, Stage


class Progress(models.TextChoices):
    """The states a school can be in, as the listing filters and shows them."""

    NOT_STARTED = "not_started", "Not started"
    DRAFTING = "drafting", "Drafting"
    IN_REVIEW = "in_review", "In review"
    MORE_EVIDENCE_REQUESTED = "more_evidence_requested", "More evidence requested"
    AWARDED = "awarded", "Awarded"
    EXPIRING_SOON = "expiring_soon", "Expiring soon"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


AWARD_PROGRESS = {
    Award.Status.VALID: Progress.AWARDED,
    Award.Status.EXPIRING_SOON: Progress.EXPIRING_SOON,
    Award.Status.EXPIRED: Progress.EXPIRED,
    Award.Status.REVOKED: Progress.REVOKED,
}
IN_FORCE = (Award.Status.VALID, Award.Status.EXPIRING_SOON)
TAG_COLOURS = {
    Progress.NOT_STARTED: "grey",
    Progress.DRAFTING: "light-blue",
    Progress.IN_REVIEW: "blue",
    Progress.MORE_EVIDENCE_REQUESTED: "orange",
    Progress.AWARDED: "green",
    Progress.EXPIRING_SOON: "yellow",
    Progress.EXPIRED: "red",
    Progress.REVOKED: "red",
}


@dataclass(frozen=True)
class SchoolAwardStatus:
    """A school's award (the highest in force, else its latest) and the submission it is working on."""

    award: Award | None = None
    award_status: Award.Status | None = None
    submission_stage: Stage | None = None
    submission_progress: Progress | None = None

    @property
    def stage(self):
        """The stage of the award shown, or None for a school without one."""
        return Stage(self.award.stage) if self.award else None

    @property
    def held(self):
        """Whether the school holds an award in force now."""
        return self.award_status in IN_FORCE

    @property
    def statuses(self):
        """Every state that applies: the award's and the submission's; "not started" when neither."""
        found = []
        if self.award_status:
            found.append(AWARD_PROGRESS[self.award_status])
        if self.submission_progress:
            found.append(self.submission_progress)
        return found or [Progress.NOT_STARTED]

    @property
    def status(self):
        """The one state to show first: the work in progress, else the award's."""
        if self.submission_progress:
            return self.submission_progress
        return AWARD_PROGRESS[self.award_status] if self.award_status else Progress.NOT_STARTED

    @property
    def tags(self):
        """(label, GOV.UK tag colour) for each state, the submission's named by its stage."""
        tags = []
        if self.award_status:
            progress = AWARD_PROGRESS[self.award_status]
            tags.append((progress.label, TAG_COLOURS[progress]))
        if self.submission_progress:
            label = f"{self.submission_stage.label}: {self.submission_progress.label.lower()}"
            tags.append((label, TAG_COLOURS[self.submission_progress]))
        return tags or [(Progress.NOT_STARTED.label, TAG_COLOURS[Progress.NOT_STARTED])]

    def export_label(self):
        """The states in words, for spreadsheets."""
        return "; ".join(label for label, _colour in self.tags)


NO_AWARD = SchoolAwardStatus()


def _award_key(award, status):
    """Awards in force first, then the higher stage, then the more recent."""
    return (status in IN_FORCE, award.stage, award.awarded_at, award.pk)


def _best_awards(school_ids, when):
    """school id -> (award, status) for the award each school is shown with (one query)."""
    best = {}
    for award in Award.objects.filter(school_id__in=school_ids).order_by():
        status = award.status_on(when)
        current = best.get(award.school_id)
        if current is None or _award_key(award, status) > _award_key(*current):
            best[award.school_id] = (award, status)
    return best


def _submission_progress(submission, workflow_status):
    """The state of one submission, or None when nothing is in progress (approved, no new draft)."""
    if workflow_status == WorkflowState.STATUS_IN_PROGRESS:
        return Progress.IN_REVIEW
    if workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
        return Progress.MORE_EVIDENCE_REQUESTED
    has_draft = submission.latest_revision_id is not None and (
        not submission.live or submission.has_unpublished_changes
    )
    return Progress.DRAFTING if has_draft else None


def _submissions_in_progress(school_ids):
    """school id -> (stage, progress) of the highest stage each school is working on (two queries)."""
    submissions = list(
        AwardSubmission.objects.filter(school_id__in=school_ids)
        .order_by()
        .only("pk", "school", "stage", "live", "has_unpublished_changes", "latest_revision")
    )
    if not submissions:
        return {}
    states = dict(
        WorkflowState.objects.active()
        .filter(
            base_content_type=AwardSubmission.get_base_content_type(),
            object_id__in=[str(submission.pk) for submission in submissions],
        )
        .values_list("object_id", "status")
    )
    working = {}
    for submission in submissions:
        progress = _submission_progress(submission, states.get(str(submission.pk)))
        if progress is None:
            continue
        current = working.get(submission.school_id)
        if current is None or submission.stage > current[0]:
            working[submission.school_id] = (Stage(submission.stage), progress)
    return working


class StatusMap(dict):
    """school id -> SchoolAwardStatus; a school with neither an award nor a submission has NO_AWARD."""

    def __missing__(self, school_id):
        return NO_AWARD


def _school_ids(schools):
    """A subquery for a queryset of schools (no list in memory), else the schools' ids (a page is a slice)."""
    if isinstance(schools, models.QuerySet) and not schools.query.is_sliced:
        return schools.order_by().values("pk")
    return [school.pk for school in schools]


def award_status_for(schools, when=None):
    """A StatusMap for the schools (a queryset or a list), in a constant number of queries."""
    when = when or timezone.now()
    school_ids = _school_ids(schools)
    awards = _best_awards(school_ids, when)
    working = _submissions_in_progress(school_ids)
    statuses = StatusMap()
    for school_id in awards.keys() | working.keys():
        award, status = awards.get(school_id, (None, None))
        stage, progress = working.get(school_id, (None, None))
        statuses[school_id] = SchoolAwardStatus(award, status, stage, progress)
    return statuses


def school_award_status(school, when=None):
    """The school's SchoolAwardStatus."""
    return award_status_for([school], when)[school.pk]
