"""Matched pairs of answers and the rules the KPI dashboard counts with.

A matched pair is one person's pre answer and post answer for the same training booking (before
and after the session) or the same support period (before and after working alongside a
wellbeing worker). The post answer links its pre answer (`QuestionnaireResponse.pre`), so a
queryset of pairs is a queryset of post answers with one join, and every count below is one
aggregate query whatever the number of rows.

The named rules:

INCREASED CONFIDENCE AND KNOWLEDGE: in a matched pair, the post rating is higher than the pre
rating for confidence AND for knowledge. Equal, or higher on one only, is not an increase; a pre
answer without its post answer (or the other way round) is not a pair and counts for nothing.

UNDERSTANDS AND CAN ACCESS THRIVE: a post answer rates understanding of the THRIVE model and
knowing how to access THRIVE support both at least THRIVE_MIN_RATING (4 of 5). It needs no pair.

Counts of "staff reporting" count people, not answers: someone reporting an increase after two
courses in the same period is one member of staff. Filter the answers (by year, school, cluster
and so on) before passing them in.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q

from .models import POST_KINDS, Kind, QuestionnaireResponse

INCREASED_ON = ("confidence", "knowledge")
THRIVE_MIN_RATING = 4
THRIVE_ON = ("thrive_understanding", "thrive_access")


def reports_increase(pre, post):
    """The "increased confidence and knowledge" rule for one pair of answers (None for a missing answer)."""
    if pre is None or post is None:
        return False
    return all(getattr(post, name) > getattr(pre, name) for name in INCREASED_ON)


def understands_thrive(post):
    """The "understands and can access THRIVE" rule for one post answer."""
    return post is not None and all(getattr(post, name) >= THRIVE_MIN_RATING for name in THRIVE_ON)


def increased_condition():
    """The "increased" rule as a filter on post answers (through their linked pre answer)."""
    return Q(**{f"{name}__gt": F(f"pre__{name}") for name in INCREASED_ON})


def thrive_condition():
    """The "understands and can access THRIVE" rule as a filter on post answers."""
    return Q(**{f"{name}__gte": THRIVE_MIN_RATING for name in THRIVE_ON})


def _responses(responses):
    return QuestionnaireResponse.objects.all() if responses is None else responses


def post_answers(responses=None):
    """The post answers (after training or support) among `responses`."""
    return _responses(responses).filter(kind__in=POST_KINDS)


def matched_pairs(responses=None):
    """The matched pairs among `responses`, as their post answers; `pre` is the other half."""
    return post_answers(responses).filter(pre__isnull=False)


def increased_confidence_count(responses=None):
    """How many people report increased confidence and knowledge in a matched pair among `responses` (one query)."""
    return matched_pairs(responses).filter(increased_condition()).aggregate(
        n=Count("respondent", distinct=True)
    )["n"]


def understands_thrive_count(responses=None):
    """How many people answered a post questionnaire saying they understand and can access THRIVE (one query)."""
    return post_answers(responses).filter(thrive_condition()).aggregate(n=Count("respondent", distinct=True))["n"]


@dataclass(frozen=True)
class PairCounts:
    """The questionnaire KPIs for one set of answers."""

    pairs: int = 0
    increased_pairs: int = 0
    staff_increased: int = 0
    staff_increased_after_training: int = 0
    staff_increased_after_support: int = 0
    staff_understanding_thrive: int = 0


def pair_counts(responses=None):
    """Every questionnaire KPI for `responses` in one aggregate query."""
    paired = Q(pre__isnull=False)
    increased = paired & increased_condition()
    aggregates = {
        "pairs": Count("pk", filter=paired),
        "increased_pairs": Count("pk", filter=increased),
        "staff_increased": Count("respondent", distinct=True, filter=increased),
        "staff_increased_after_training": Count(
            "respondent", distinct=True, filter=increased & Q(kind=Kind.POST_TRAINING)
        ),
        "staff_increased_after_support": Count(
            "respondent", distinct=True, filter=increased & Q(kind=Kind.AFTER_SUPPORT)
        ),
        "staff_understanding_thrive": Count("respondent", distinct=True, filter=thrive_condition()),
    }
    return PairCounts(**post_answers(responses).aggregate(**aggregates))
