"""Demo questionnaire answers: before and after periods of working alongside staff, and training sessions.

Run after the support log's and the training catalogue's demo data. Staff answer before a period
or a session; most answer again afterwards, and about two in three of those report higher
confidence and knowledge. The demo school's staff member (staff@example.org) has answered before
their period of support but not after, so the after-support questionnaire waits for them. Ratings
come from a generator seeded by the person and the booking or period; answers are found by their
unique key, so running it again adds nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from support.models import SupportRecord
from training.models import Booking

from .models import Kind, QuestionnaireInvitation, QuestionnaireResponse
from .services import RATINGS, link_pairs

DEMO_STAFF = "staff@example.org"
ANSWER_AFTER = 0.8  # the share of people who answer again afterwards


def _pre_ratings(rng):
    return {name: rng.choice((1, 2, 2, 3, 3, 3, 4)) for name in RATINGS}


def _post_ratings(pre, rng):
    """Most people rate themselves higher afterwards; some the same; a few lower on one question."""
    improved = rng.random() < 0.7
    return {
        name: max(1, min(5, value + (rng.choice((1, 1, 2)) if improved else rng.choice((-1, 0, 0, 1)))))
        for name, value in pre.items()
    }


def _at(day, hour=16):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _answer(person, school, kind, ratings, submitted_at, **subject):
    QuestionnaireResponse.objects.get_or_create(
        respondent=person, kind=kind, **subject, defaults={"school": school, "submitted_at": submitted_at, **ratings}
    )


def _pair(person, school, kinds, subject, before_at, after_at, rng, now):
    """A before answer, and an after answer (with its invitation) if it is due and this person gives one."""
    pre = _pre_ratings(rng)
    _answer(person, school, kinds[0], pre, min(before_at, now), **subject)
    if after_at is None or after_at > now or person.email == DEMO_STAFF or rng.random() >= ANSWER_AFTER:
        return
    QuestionnaireInvitation.objects.get_or_create(
        respondent=person, kind=kinds[1], **subject, defaults={"invited_at": after_at - timedelta(days=1)}
    )
    _answer(person, school, kinds[1], _post_ratings(pre, rng), after_at, **subject)


def build_support_answers(now):
    """Answers around every period of working alongside staff that has started."""
    periods = SupportRecord.objects.periods().filter(date__lte=now.date()).select_related("school")
    for period in periods.prefetch_related("staff"):
        for person in period.staff.all():
            rng = random.Random(f"period-{period.pk}-{person.pk}")  # noqa: S311 (demo data, not security)
            after_at = _at(period.ends_on + timedelta(days=2)) if period.ends_on else None
            subject = {"support_period": period}
            kinds = (Kind.BEFORE_SUPPORT, Kind.AFTER_SUPPORT)
            _pair(person, period.school, kinds, subject, _at(period.date - timedelta(days=2)), after_at, rng, now)


def build_training_answers(now):
    """Answers from people booked on sessions: before (most), and after the sessions they attended."""
    bookings = Booking.objects.filter(status=Booking.Status.CONFIRMED).select_related("session", "person", "school")
    for booking in bookings:
        rng = random.Random(f"booking-{booking.pk}")  # noqa: S311 (demo data, not security)
        if rng.random() < 0.15:  # some people never answer
            continue
        after_at = booking.session.ends_at + timedelta(hours=20) if booking.attended else None
        before_at = booking.session.starts_at - timedelta(days=rng.randint(3, 20))
        kinds = (Kind.PRE_TRAINING, Kind.POST_TRAINING)
        _pair(booking.person, booking.school, kinds, {"booking": booking}, before_at, after_at, rng, now)


@transaction.atomic
def build_demo(now=None):
    """Create the demo answers and link their pairs; returns how many answers there are."""
    now = now or timezone.now()
    build_support_answers(now)
    build_training_answers(now)
    link_pairs()
    return QuestionnaireResponse.objects.count()
