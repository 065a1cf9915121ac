"""Booking rules: who may book whom, places and the waiting list, cancellation and promotion.

Every change that depends on how many places are taken locks the session row first
(`select_for_update`), so parallel bookings and cancellations of one session run one after another
and a session is never overbooked.
"""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from schools.access import schools_led_by
from schools.models import Membership, School

from .models import Booking, TrainingSession
from .notifications import send_booking_email


class BookingError(Exception):
    """A booking or cancellation the rules refuse; the message is shown to the person."""


class SessionFull(BookingError):
    """No place is free: the person may choose to join the waiting list instead."""


def bookable_memberships(booker):
    """Memberships the booker may book places for: their own, and those of the schools they lead."""
    if not booker.is_authenticated or not booker.is_active:
        return Membership.objects.none()
    led = schools_led_by(booker).values("pk")
    return Membership.objects.filter(Q(school__in=led, user__is_active=True) | Q(user=booker))


def _school_for(person, booked_by, school=None):
    """The school the place is booked for: one the person belongs to and, for someone else, one the booker leads."""
    schools = School.objects.filter(memberships__user=person)
    if booked_by.pk != person.pk:
        schools = schools.filter(pk__in=schools_led_by(booked_by).values("pk"))
    if school is not None:
        schools = schools.filter(pk=school.pk)
    found = schools.order_by("name", "pk").first()
    if found is None:
        raise BookingError(f"{person} is not at a school you lead, so you cannot book for them.")
    return found


def _check_open(session, now):
    if session.cancelled:
        raise BookingError("This session has been cancelled.")
    if session.starts_at <= now:
        raise BookingError("This session has already started.")
    if session.booking_deadline < now:
        raise BookingError("Booking for this session has closed.")


def book(session, person, booked_by, *, waiting_list=False, school=None):
    """Give `person` a place at `session`, or a place on its waiting list if they chose to join it.

    Raises `SessionFull` when no place is free and `waiting_list` is false, and `BookingError` when the
    rules refuse the booking.
    """
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        _check_open(session, timezone.now())
        school = _school_for(person, booked_by, school)
        if session.bookings.filter(person=person).exclude(status=Booking.Status.CANCELLED).exists():
            raise BookingError(f"{person} already has a place on this session or is on its waiting list.")
        confirmed = session.bookings.filter(status=Booking.Status.CONFIRMED).count()
        if confirmed < session.capacity:
            booking = Booking.objects.create(
                session=session, person=person, school=school, booked_by=booked_by, status=Booking.Status.CONFIRMED
            )
            send_booking_email(booking, "confirmed")
            return booking
        if not waiting_list:
            raise SessionFull("This session is full. You can join the waiting list instead.")
        last = session.bookings.filter(status=Booking.Status.WAITING).aggregate(last=Max("position"))["last"]
        booking = Booking.objects.create(
            session=session,
            person=person,
            school=school,
            booked_by=booked_by,
            status=Booking.Status.WAITING,
            position=(last or 0) + 1,
        )
        send_booking_email(booking, "waiting")
        return booking


def can_cancel(user, booking):
    """The person, whoever booked it, the school's lead, and the service's booking administrators may cancel."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.pk in (booking.person_id, booking.booked_by_id)
        or user.has_perm("training.change_booking")
        or schools_led_by(user).filter(pk=booking.school_id).exists()
    )


def cancel(booking, by):
    """Cancel a place or a place on the waiting list; a freed place goes to the first person waiting."""
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=booking.session_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            raise BookingError("This booking was already cancelled.")
        if session.starts_at <= timezone.now():
            raise BookingError("This session has already started, so the booking cannot be cancelled.")
        was_confirmed = booking.status == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.position = None
        booking.cancelled_at = timezone.now()
        booking.cancelled_by = by
        booking.save(update_fields=["status", "position", "cancelled_at", "cancelled_by"])
        send_booking_email(booking, "cancelled" if was_confirmed else "left_waiting_list")
        if was_confirmed:
            fill_places(session)
        return booking


def cancel_session(session, by):
    """Call a session off: every place and waiting-list place is cancelled and its holder told."""
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if not session.cancelled:
            session.cancelled = True
            session.save(update_fields=["cancelled"])
        active = list(
            session.bookings.exclude(status=Booking.Status.CANCELLED).select_related("person").select_for_update()
        )
        now = timezone.now()
        for booking in active:
            booking.status = Booking.Status.CANCELLED
            booking.position = None
            booking.cancelled_at = now
            booking.cancelled_by = by
            booking.save(update_fields=["status", "position", "cancelled_at", "cancelled_by"])
            send_booking_email(booking, "session_cancelled")
        return active


def fill_places(session):
    """Promote people from the waiting list, first come first served, while places are free; call under the lock."""
    if session.cancelled or session.starts_at <= timezone.now():
        return []
    free = session.capacity - session.bookings.filter(status=Booking.Status.CONFIRMED).count()
    if free <= 0:
        return []
    waiting = list(
        session.bookings.filter(status=Booking.Status.WAITING).order_by("position", "pk").select_for_update()[:free]
    )
    now = timezone.now()
    for booking in waiting:
        booking.status = Booking.Status.CONFIRMED
        booking.position = None
        booking.promoted_at = now
        booking.save(update_fields=["status", "position", "promoted_at"])
        send_booking_email(booking, "promoted")
    return waiting


def refill(session):
    """Promote waiting people after the session's places were raised (the admin calls this)."""
    with transaction.atomic():
        return fill_places(TrainingSession.objects.select_for_update().get(pk=session.pk))
