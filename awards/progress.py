"""Where a school stands on each award stage, for the portal: status, progress and what it may do next."""

from dataclasses import dataclass, field

from django.utils import timezone

from .models import Award, AwardSubmission, CriteriaVersion, Criterion, Stage, progression_message

# Status -> (label, GOV.UK tag colour)
STATUSES = {
    "not_started": ("Not started", "grey"),
    "cannot_start": ("Cannot start yet", "grey"),
    "drafting": ("Drafting", "light-blue"),
    "in_review": ("In review", "blue"),
    "more_evidence": ("More evidence requested", "orange"),
    Award.Status.VALID: ("Awarded", "green"),
    Award.Status.EXPIRING_SOON: ("Expiring soon", "yellow"),
    Award.Status.EXPIRED: ("Expired", "red"),
    Award.Status.REVOKED: ("Revoked", "red"),
}
IN_FORCE = (Award.Status.VALID, Award.Status.EXPIRING_SOON)
RENEWABLE = (Award.Status.EXPIRING_SOON, Award.Status.EXPIRED, Award.Status.REVOKED)


def remember_state(submission):
    """Look the submission's active workflow state up once; Wagtail's properties then reuse it."""
    if submission is not None and not hasattr(submission, "_current_workflow_states"):
        state = submission.current_workflow_state
        submission._current_workflow_states = [state] if state else []
    return submission


def latest_version(submission):
    """The newest version (the draft, or the approved one), with its evidence's criteria and files loaded."""
    return submission.latest_revision.as_object()


@dataclass
class StageProgress:
    """One stage of the award for one school."""

    stage: Stage
    submission: AwardSubmission | None = None
    version: AwardSubmission | None = None
    award: Award | None = None
    criteria: list = field(default_factory=list)
    blocked: str | None = None

    @property
    def award_status(self):
        return self.award.status_on(timezone.now()) if self.award else None

    @property
    def status(self):
        """The state to show first: review and drafts before the award they may renew."""
        submission = self.submission
        if submission is not None and submission.in_review:
            return "in_review"
        if submission is not None and submission.changes_requested:
            return "more_evidence"
        if self.award is not None:
            return self.award_status
        if submission is not None:
            return "drafting"
        return "cannot_start" if self.blocked else "not_started"

    @property
    def label(self):
        return STATUSES[self.status][0]

    @property
    def colour(self):
        return STATUSES[self.status][1]

    @property
    def renewing(self):
        """Whether the school is drafting a new version of an awarded stage."""
        return bool(self.award and self.submission and self.submission.live and self.submission.has_draft)

    @property
    def evidenced(self):
        """How many criteria have complete evidence in the newest version."""
        if self.version is None:
            return 0
        evidence = self.version.evidence_by_criterion()
        return sum(1 for c in self.criteria if c.pk in evidence and evidence[c.pk].is_complete)

    @property
    def renewal_due(self):
        """Whether the school may draft a new version: its award is expiring, expired or revoked."""
        submission = self.submission
        return bool(
            submission
            and submission.live
            and not submission.has_draft
            and submission.current_workflow_state is None
            and self.award_status in RENEWABLE
        )


def latest_awards(school):
    """The most recent award of each stage (one query)."""
    latest = {}
    for award in Award.objects.filter(school=school).order_by("awarded_at", "pk"):
        latest[award.stage] = award
    return latest


def criteria_by_version_and_stage(version_ids):
    """(version id, stage) -> criteria in order, for several versions (one query)."""
    grouped = {}
    for criterion in Criterion.objects.filter(version_id__in=version_ids).order_by("stage", "sort_order", "pk"):
        grouped.setdefault((criterion.version_id, criterion.stage), []).append(criterion)
    return grouped


def stage_progress(school, stages=tuple(Stage)):
    """A StageProgress for each of `stages`, in a number of queries that does not grow with the evidence."""
    submissions = {
        s.stage: remember_state(s)
        for s in AwardSubmission.objects.filter(school=school, stage__in=list(stages)).select_related(
            "latest_revision", "criteria_version"
        )
    }
    awards = latest_awards(school)
    current = CriteriaVersion.objects.current()
    version_ids = {s.criteria_version_id for s in submissions.values()} | ({current.pk} if current else set())
    criteria = criteria_by_version_and_stage(version_ids)
    held = {stage for stage, award in awards.items() if award.status_on(timezone.now()) in IN_FORCE}
    found = []
    for stage in stages:
        stage = Stage(stage)
        submission = submissions.get(stage)
        version_id = submission.criteria_version_id if submission else (current.pk if current else None)
        previous = stage.previous
        blocked = None
        if submission is None and previous is not None and previous not in held:
            blocked = progression_message(stage)
        found.append(
            StageProgress(
                stage=stage,
                submission=submission,
                version=latest_version(submission) if submission else None,
                award=awards.get(stage),
                criteria=criteria.get((version_id, stage), []),
                blocked=blocked,
            )
        )
    return found
