"""Scores: how a school's ratings become a score per principle, and which principles are weak.

- A principle's score is the mean rating of its statements, on the rating scale 1 (not in place)
  to 4 (embedded). It is shown to one decimal place as "2.5 out of 4", with the nearest rating's
  label beside it, never as a percentage (a percentage of a 1-to-4 scale misleads: 1 is not 0%).
- A principle is weak when its score is below WEAK_BELOW, 2.5: on average its statements are
  nearer "Working towards" than "Achieved". Weak principles get recommendations in the feedback
  report and suggest actions in the action plan.
- Every score comes from one aggregate query, whatever the number of statements.
"""

from dataclasses import dataclass

from django.db.models import Avg

from taxonomy.models import Principle

from .models import Rating

SCALE_MAX = max(Rating.values)
WEAK_BELOW = 2.5


@dataclass(frozen=True)
class PrincipleScore:
    """One principle's score in one assessment."""

    principle: Principle
    score: float
    weak: bool

    @property
    def display(self):
        """The score as people read it: '2.5 out of 4'."""
        return format_score(self.score)

    @property
    def nearest_rating(self):
        """The label of the rating nearest the score, such as 'Working towards'."""
        return Rating(min(max(round(self.score), 1), SCALE_MAX)).label


def format_score(score):
    """A score as '2.5 out of 4' (one decimal place)."""
    return f"{score:.1f} out of {SCALE_MAX}"


def is_weak(score):
    """Whether a principle with this score is weak (below 'Achieved' on average)."""
    return score < WEAK_BELOW


def principle_scores(assessment):
    """Each rated principle's mean rating in `assessment`, ordered by principle number."""
    principles = (
        Principle.objects.filter(
            statements__responses__assessment=assessment, statements__responses__rating__isnull=False
        )
        .annotate(score=Avg("statements__responses__rating"))
        .order_by("number")
    )
    return [PrincipleScore(p, float(p.score), is_weak(float(p.score))) for p in principles]


def weak_principles(assessment):
    """The assessment's weak principles, weakest first (ties by principle number)."""
    weak = [row for row in principle_scores(assessment) if row.weak]
    return [row.principle for row in sorted(weak, key=lambda row: (row.score, row.principle.number))]
