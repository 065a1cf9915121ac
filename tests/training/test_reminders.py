"""Reminders two days before a session: sent once, to people with a place, on the right day."""

from datetime import datetime, time, timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from tests.schools.factories import MembershipFactory
from tests.training.factories import BookingFactory, TrainingSessionFactory
from training.models import Booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_14th(course):
    """A session at 09:30 on 14 September 2026 (a Monday) with two places taken and one person waiting."""
    starts_at = timezone.make_aware(datetime.combine(datetime(2026, 9, 14), time(9, 30)))
    return TrainingSessionFactory(course=course, starts_at=starts_at, booking_deadline=starts_at - timedelta(days=3))


def remind(today, commit):
    with commit():
        call_command("send_training_reminders", "--today", today, stdout=StringIO())


def test_reminders_go_two_days_before_and_only_once(on_the_14th, school, mailoutbox, commit):
    confirmed = [BookingFactory(session=on_the_14th, membership=MembershipFactory(school=school)) for _ in range(2)]
    BookingFactory(
        session=on_the_14th, membership=MembershipFactory(school=school), status=Booking.Status.WAITING, position=1
    )
    BookingFactory(session=on_the_14th, membership=MembershipFactory(school=school), status=Booking.Status.CANCELLED)

    remind("2026-09-11", commit)
    assert mailoutbox == []

    remind("2026-09-12", commit)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(b.person.email for b in confirmed)
    assert all(m.subject == "Reminder: Youth Mental Health First Aid on Monday 14 September" for m in mailoutbox)
    assert all(m.attachments for m in mailoutbox)
    assert all(Booking.objects.get(pk=b.pk).reminded_at is not None for b in confirmed)

    remind("2026-09-12", commit)
    remind("2026-09-13", commit)
    assert len(mailoutbox) == 2


def test_a_missed_day_is_caught_up_the_next(on_the_14th, staff_member, school, mailoutbox, commit):
    BookingFactory(session=on_the_14th, person=staff_member, school=school)
    remind("2026-09-13", commit)
    assert [m.to for m in mailoutbox] == [[staff_member.email]]


def test_no_reminder_for_a_cancelled_session_or_on_the_day(on_the_14th, staff_member, school, mailoutbox, commit):
    BookingFactory(session=on_the_14th, person=staff_member, school=school)
    remind("2026-09-14", commit)
    assert mailoutbox == []
    on_the_14th.cancelled = True
    on_the_14th.save()
    remind("2026-09-12", commit)
    assert mailoutbox == []


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today"):
        call_command("send_training_reminders", "--today", "14/09/2026")
