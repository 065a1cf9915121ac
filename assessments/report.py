"""The feedback report: a school's scores beside its previous round and the borough and phase averages.

Averages are over the schools that submitted the same round (baseline with baseline, review with
review), so a school compares itself with schools at the same point of the pilot. Each school
counts once: the average is the mean of the schools' principle scores, not of all their ratings.
A group of fewer than MIN_GROUP_SIZE schools is never shown, so no school's scores can be worked out.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg

from taxonomy.models import Principle

from .models import Assessment, Response
from .recommendations import recommendations_for
from .scoring import format_score, is_weak

MIN_GROUP_SIZE = 5
SUPPRESSED = "Not shown: fewer than 5 schools"


@dataclass(frozen=True)
class GroupAverage:
    """A group's average score for one principle, or why it is not shown."""

    schools: int
    score: float | None

    @property
    def shown(self):
        return self.schools >= MIN_GROUP_SIZE and self.score is not None

    @property
    def display(self):
        return format_score(self.score) if self.shown else SUPPRESSED


@dataclass
class ReportRow:
    """One principle of the report."""

    principle: Principle
    score: float
    previous: float | None
    borough: GroupAverage
    phase: GroupAverage
    recommendations: dict = field(default_factory=dict)

    @property
    def weak(self):
        return is_weak(self.score)

    @property
    def display(self):
        return format_score(self.score)

    @property
    def change(self):
        """The change since the previous round, rounded as shown, or None."""
        return None if self.previous is None else round(round(self.score, 1) - round(self.previous, 1), 1)

    @property
    def change_display(self):
        """The change in words: 'Up 0.5', 'Down 0.3', 'No change', or that there is no earlier round."""
        if self.change is None:
            return "No earlier round"
        if self.change == 0:
            return "No change"
        return f"{'Up' if self.change > 0 else 'Down'} {abs(self.change):.1f}"


@dataclass
class FeedbackReport:
    assessment: Assessment
    previous: Assessment | None
    rows: list[ReportRow]

    @property
    def weak_rows(self):
        return sorted((row for row in self.rows if row.weak), key=lambda row: (row.score, row.principle.number))


def previous_assessment(assessment):
    """The school's submitted assessment before this one, or None."""
    return (
        Assessment.objects.filter(
            school_id=assessment.school_id,
            status=Assessment.Status.SUBMITTED,
            submitted_at__lt=assessment.submitted_at,
        )
        .order_by("-submitted_at")
        .first()
    )


def _scores_by_assessment(assessment_filter):
    """{(assessment id, principle id): mean rating, ...} and {assessment id: phase}, from one aggregate query."""
    rows = (
        Response.objects.filter(rating__isnull=False, **assessment_filter)
        .values("assessment_id", "assessment__school__phase", "statement__principle_id")
        .annotate(score=Avg("rating"))
        .order_by()
    )
    scores, phases = {}, {}
    for row in rows:
        scores[row["assessment_id"], row["statement__principle_id"]] = float(row["score"])
        phases[row["assessment_id"]] = row["assessment__school__phase"]
    return scores, phases


def group_averages(round, phase):
    """{principle id: (borough GroupAverage, phase GroupAverage)} over the submitted assessments of `round`."""
    scores, phases = _scores_by_assessment(
        {"assessment__round": round, "assessment__status": Assessment.Status.SUBMITTED}
    )
    borough, in_phase = defaultdict(list), defaultdict(list)
    for (assessment_id, principle_id), score in scores.items():
        borough[principle_id].append(score)
        if phases[assessment_id] == phase:
            in_phase[principle_id].append(score)
    return {
        principle_id: (_average(borough[principle_id]), _average(in_phase[principle_id])) for principle_id in borough
    }


def _average(scores):
    return GroupAverage(len(scores), sum(scores) / len(scores) if scores else None)


def build_report(assessment):
    """Everything the feedback report shows for a submitted assessment, in a fixed number of queries."""
    previous = previous_assessment(assessment)
    ids = [assessment.pk] + ([previous.pk] if previous else [])
    scores, _ = _scores_by_assessment({"assessment_id__in": ids})
    averages = group_averages(assessment.round, assessment.school.phase)
    principles = Principle.objects.filter(pk__in={pid for aid, pid in scores if aid == assessment.pk})
    empty = GroupAverage(0, None)
    rows = [
        ReportRow(
            principle=principle,
            score=scores[assessment.pk, principle.pk],
            previous=scores.get((previous.pk, principle.pk)) if previous else None,
            borough=averages.get(principle.pk, (empty, empty))[0],
            phase=averages.get(principle.pk, (empty, empty))[1],
        )
        for principle in principles.order_by("number")
    ]
    report = FeedbackReport(assessment, previous, rows)
    recommended = recommendations_for([row.principle for row in report.weak_rows], school=assessment.school)
    for row in report.weak_rows:
        row.recommendations = recommended[row.principle]
    return report
