"""Demo self-assessments: submitted baselines for most demo schools with a lead, some reviews, some reports sent.

The demo school (Wharfside Primary School, lead@example.org) and a handful of others are left with
none, so that someone can walk the whole journey. Ratings come from a random generator seeded by
the school's URN and the round, so every run builds the same data.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from schools.demo import assigned_worker
from schools.models import Membership, School

from .models import Assessment, FrameworkVersion, Response, Round

DEMO_LA_CODE = "883"
DEMO_ACCOUNTS = ("lead@example.org", "head@example.org", "staff@example.org")
SKIP_EVERY = 7  # every 7th school with a lead has not assessed itself yet
REVIEW_EVERY = 3  # every 3rd assessed school has done its review too
SENT_EVERY = 2  # every 2nd submitted report has been marked as sent


def _ratings_for(school, round):
    """Plausible ratings by principle number: a school-wide level, each principle a little above or below it."""
    rng = random.Random(f"{school.urn}-{Round.BASELINE}")  # noqa: S311 (demo data, not security)
    level = rng.uniform(1.6, 3.3)
    offsets = {number: rng.uniform(-0.9, 0.9) for number in range(1, 9)}
    if round != Round.BASELINE:
        progress = random.Random(f"{school.urn}-{round}").uniform(0.2, 0.9)  # noqa: S311
        level += progress * (2 if round == Round.END_OF_PILOT else 1)
    return {number: level + offset for number, offset in offsets.items()}


def _rating(target, rng):
    """A whole rating near `target`, on the 1 to 4 scale."""
    return min(4, max(1, round(target + rng.uniform(-0.6, 0.6))))


@transaction.atomic
def submit_demo_assessment(school, round, user, ratings=None, submitted_at=None):
    """A submitted assessment of `round` for `school` by `user`; the existing one if there is one.

    `ratings` maps principle numbers to a rating (1 to 4) for all that principle's statements; without it,
    ratings are drawn (deterministically) around a level typical of the school.
    """
    existing = Assessment.objects.filter(school=school, round=round).first()
    if existing:
        return existing
    framework = FrameworkVersion.objects.current()
    submitted_at = submitted_at or timezone.now()
    assessment = Assessment.objects.create(
        school=school,
        round=round,
        framework=framework,
        status=Assessment.Status.SUBMITTED,
        started_at=submitted_at - timedelta(days=9),
        started_by=user,
        submitted_at=submitted_at,
        submitted_by=user,
    )
    given = ratings or {}
    targets = _ratings_for(school, round)
    rng = random.Random(f"{school.urn}-{round}-statements")  # noqa: S311
    statements = framework.statements.select_related("principle").order_by("principle__number", "sort_order")
    Response.objects.bulk_create(
        Response(
            assessment=assessment,
            statement=statement,
            rating=given.get(statement.principle.number) or _rating(targets[statement.principle.number], rng),
            answered_by=user,
        )
        for statement in statements
    )
    return assessment


def _mark_sent(assessment, worker, when):
    if worker and assessment.report_sent_at is None:
        assessment.report_sent_at, assessment.report_sent_by = when, worker
        assessment.save(update_fields=["report_sent_at", "report_sent_by"])


def _schools_with_leads():
    """Open demo schools with a designated lead, except the demo accounts' school, by URN: (school, lead)."""
    leads = (
        Membership.objects.filter(
            role=Membership.Role.MENTAL_HEALTH_LEAD,
            school__la_code=DEMO_LA_CODE,
            school__status__in=School.OPEN_STATUSES,
        )
        .exclude(school__memberships__user__email__in=DEMO_ACCOUNTS)
        .select_related("user", "school")
        .order_by("school__urn")
    )
    return [(lead.school, lead.user) for lead in leads]


@transaction.atomic
def build_demo():
    """Give most demo schools with a lead a submitted baseline, some a review, and mark some reports sent."""
    if FrameworkVersion.objects.current() is None:
        return []
    now = timezone.now()
    baseline_at, review_at = now - timedelta(days=150), now - timedelta(days=30)
    built = []
    for index, (school, lead) in enumerate(_schools_with_leads()):
        if index % SKIP_EVERY == SKIP_EVERY - 1:
            continue
        worker = assigned_worker(school)
        when = baseline_at + timedelta(days=index)
        baseline = submit_demo_assessment(school, Round.BASELINE, lead, submitted_at=when)
        if index % SENT_EVERY == 0:
            _mark_sent(baseline, worker, when + timedelta(days=12))
        built.append(baseline)
        if index % REVIEW_EVERY == 0:
            when = review_at + timedelta(days=index % 20)
            review = submit_demo_assessment(school, Round.REVIEW, lead, submitted_at=when)
            if index % (REVIEW_EVERY * 2) == 0:
                _mark_sent(review, worker, when + timedelta(days=5))
            built.append(review)
    _published_before_the_pilot(baseline_at - timedelta(days=60))
    return built


def _published_before_the_pilot(when):
    """The demo's schools answered version 1, so it was published before their first answers."""
    FrameworkVersion.objects.filter(number=1, published_at__gt=when).update(published_at=when)
