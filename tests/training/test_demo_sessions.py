"""Demo sessions and bookings: upcoming and past, full sessions, attendance, and a lead still to attend."""

from django.utils import timezone

import pytest

from home.demo_content import build_site
from schools.demo import build_registry
from training.attendance import lead_attendance
from training.booking import SessionFull, book
from training.demo import build_demo, build_sessions
from training.models import Booking, TrainingSession
from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    build_registry()
    build_demo(build_site()["home"])
    return build_sessions()


def test_demo_sessions_cover_past_and_upcoming_full_and_waiting(demo):
    now = timezone.now()
    assert len(demo) == 11
    assert TrainingSession.objects.filter(starts_at__lt=now).count() == 4
    past = Booking.objects.filter(session__starts_at__lt=now)
    assert past.filter(attended=True).exists() and past.filter(attended=False).exists()
    assert not past.filter(attended__isnull=True).exists()
    full = list(TrainingSession.objects.upcoming().with_counts().filter(confirmed_count__gte=1))
    full = [s for s in full if s.places_left == 0]
    assert sorted(s.waiting_count for s in full) == [0, 2]
    assert build_sessions() == [] and TrainingSession.objects.count() == 11, "idempotent"


def test_the_demo_lead_has_not_attended_and_can_join_a_full_sessions_waiting_list(demo):
    lead = User.objects.get(email="lead@example.org")
    school = lead.memberships.get().school
    _, rows = lead_attendance(school)
    assert rows and not any(row.attended for row in rows)
    ymhfa_full = next(
        s for s in TrainingSession.objects.upcoming().with_counts()
        if s.course.slug == "youth-mental-health-first-aid" and s.places_left == 0
    )
    assert ymhfa_full.waiting_count == 0
    with pytest.raises(SessionFull):
        book(ymhfa_full, lead, lead)
    assert book(ymhfa_full, lead, lead, waiting_list=True).position == 1
