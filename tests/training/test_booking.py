"""Booking rules: who may book whom, the deadline, places, the waiting list, cancellation and promotion."""

from datetime import timedelta

from django.db import IntegrityError
from django.utils import timezone

import pytest

from schools.models import Membership
from tests.schools.factories import MembershipFactory
from tests.training.factories import BookingFactory, TrainingSessionFactory
from tests.users.factories import UserFactory
from training.booking import BookingError, SessionFull, book, bookable_memberships, can_cancel, cancel, refill
from training.models import Booking
from users.roles import Role

pytestmark = pytest.mark.django_db


def subjects(mailoutbox):
    return [message.subject for message in mailoutbox]


# Who may book whom


def test_staff_member_books_a_place_for_themself_and_is_emailed(session, staff_member, school, mailoutbox, commit):
    with commit():
        booking = book(session, staff_member, staff_member)
    assert booking.status == Booking.Status.CONFIRMED
    assert (booking.school, booking.booked_by, booking.position) == (school, staff_member, None)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [staff_member.email]
    assert mailoutbox[0].subject.startswith("Your place is booked: Youth Mental Health First Aid")
    assert f"/portal/questionnaires/training/{booking.pk}/before/" in mailoutbox[0].body
    assert mailoutbox[0].attachments[0][0] == "training-session.ics"


def test_lead_books_for_a_member_of_their_school(session, lead, staff_member, school, mailoutbox, commit):
    with commit():
        booking = book(session, staff_member, lead)
    assert (booking.person, booking.school, booking.booked_by) == (staff_member, school, lead)
    assert mailoutbox[0].to == [staff_member.email]
    assert "has booked you a place" in mailoutbox[0].body


def test_lead_cannot_book_for_someone_at_another_school(session, lead, other_school):
    stranger = MembershipFactory(school=other_school).user
    with pytest.raises(BookingError, match="not at a school you lead"):
        book(session, stranger, lead)
    assert not Booking.objects.exists()


def test_staff_member_cannot_book_for_a_colleague(session, staff_member, colleague):
    with pytest.raises(BookingError, match="not at a school you lead"):
        book(session, colleague, staff_member)


def test_someone_at_no_school_cannot_book(session, role_user):
    worker = role_user(Role.WORKER)
    with pytest.raises(BookingError):
        book(session, worker, worker)


def test_head_teacher_at_a_school_is_not_its_lead(session, school, staff_member):
    head = MembershipFactory(school=school, role=Membership.Role.HEAD_TEACHER).user
    with pytest.raises(BookingError):
        book(session, staff_member, head)


def test_bookable_memberships_are_your_own_and_your_led_schools_staff(lead, staff_member, school, other_school):
    MembershipFactory(school=other_school)
    left = MembershipFactory(school=school, user=UserFactory(is_active=False))
    people = set(bookable_memberships(lead).values_list("user", flat=True))
    assert people == {lead.pk, staff_member.pk}
    assert left.user_id not in people
    assert set(bookable_memberships(staff_member).values_list("user", flat=True)) == {staff_member.pk}


# Deadline, cancelled and past sessions


def test_no_booking_after_the_deadline(session, staff_member):
    session.booking_deadline = timezone.now() - timedelta(minutes=1)
    session.save()
    with pytest.raises(BookingError, match="closed"):
        book(session, staff_member, staff_member)


def test_booking_up_to_the_deadline(session, staff_member):
    session.booking_deadline = timezone.now() + timedelta(minutes=1)
    session.save()
    assert book(session, staff_member, staff_member).status == Booking.Status.CONFIRMED


def test_no_booking_on_a_cancelled_session(session, staff_member):
    session.cancelled = True
    session.save()
    with pytest.raises(BookingError, match="cancelled"):
        book(session, staff_member, staff_member)


def test_no_booking_on_a_past_session(past_session, staff_member):
    with pytest.raises(BookingError, match="already started"):
        book(past_session, staff_member, staff_member)


def test_one_active_booking_per_person(session, staff_member):
    book(session, staff_member, staff_member)
    with pytest.raises(BookingError, match="already has a place"):
        book(session, staff_member, staff_member)
    with pytest.raises(IntegrityError):
        Booking.objects.create(
            session=session, person=staff_member, school=staff_member.memberships.get().school,
            status=Booking.Status.WAITING, position=1,
        )


def test_booking_again_after_cancelling(session, staff_member):
    cancel(book(session, staff_member, staff_member), staff_member)
    assert book(session, staff_member, staff_member).status == Booking.Status.CONFIRMED
    assert Booking.objects.filter(person=staff_member).count() == 2


# Capacity and the waiting list


def test_a_full_session_offers_the_waiting_list_and_books_nothing_until_chosen(session, school, mailoutbox, commit):
    first, second, third = (MembershipFactory(school=school).user for _ in range(3))
    book(session, first, first)
    book(session, second, second)
    with pytest.raises(SessionFull):
        book(session, third, third)
    assert not Booking.objects.filter(person=third).exists()
    with commit():
        booking = book(session, third, third, waiting_list=True)
    assert (booking.status, booking.position) == (Booking.Status.WAITING, 1)
    assert mailoutbox[-1].subject.startswith("You are on the waiting list")
    assert "number 1" in mailoutbox[-1].body
    assert not mailoutbox[-1].attachments
    assert session.bookings.filter(status=Booking.Status.CONFIRMED).count() == 2


def test_choosing_the_waiting_list_when_a_place_is_free_gives_the_place(session, staff_member):
    assert book(session, staff_member, staff_member, waiting_list=True).status == Booking.Status.CONFIRMED


def test_waiting_list_positions_follow_the_order_people_joined(session, school):
    people = [MembershipFactory(school=school).user for _ in range(5)]
    bookings = [book(session, person, person, waiting_list=True) for person in people]
    assert [b.status for b in bookings[:2]] == [Booking.Status.CONFIRMED] * 2
    assert [b.position for b in bookings[2:]] == [1, 2, 3]


def test_cancelling_a_place_promotes_the_first_person_waiting_and_emails_them(session, school, mailoutbox, commit):
    people = [MembershipFactory(school=school).user for _ in range(4)]
    bookings = [book(session, person, person, waiting_list=True) for person in people]
    mailoutbox.clear()
    administrator = UserFactory(roles=[Role.ADMINISTRATOR])

    with commit():
        cancel(bookings[0], administrator)

    statuses = {b.pk: (b.status, b.position) for b in Booking.objects.all()}
    assert statuses[bookings[0].pk] == (Booking.Status.CANCELLED, None)
    assert statuses[bookings[2].pk] == (Booking.Status.CONFIRMED, None)
    assert statuses[bookings[3].pk] == (Booking.Status.WAITING, 2)
    promoted = Booking.objects.get(pk=bookings[2].pk)
    assert promoted.promoted_at is not None
    cancelled = Booking.objects.get(pk=bookings[0].pk)
    assert cancelled.cancelled_by == administrator and cancelled.cancelled_at is not None
    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mailoutbox) == sorted(
        [(people[0].email, "Booking cancelled"), (people[2].email, "A place is now yours")]
    )
    promotion = next(m for m in mailoutbox if m.to == [people[2].email])
    assert "the first person on the waiting list" in promotion.body
    assert promotion.attachments, "the promoted person gets the calendar file"


def test_leaving_the_waiting_list_promotes_no_one(session, school, mailoutbox, commit):
    people = [MembershipFactory(school=school).user for _ in range(4)]
    bookings = [book(session, person, person, waiting_list=True) for person in people]
    mailoutbox.clear()
    with commit():
        cancel(bookings[2], people[2])
    assert Booking.objects.get(pk=bookings[3].pk).status == Booking.Status.WAITING
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Off the waiting list"]
    assert not mailoutbox[0].attachments


def test_promotion_skips_cancelled_waiting_places_and_keeps_order(session, school):
    people = [MembershipFactory(school=school).user for _ in range(5)]
    bookings = [book(session, person, person, waiting_list=True) for person in people]
    cancel(bookings[2], people[2])  # first in line leaves
    cancel(bookings[1], people[1])
    assert Booking.objects.get(pk=bookings[3].pk).status == Booking.Status.CONFIRMED
    assert Booking.objects.get(pk=bookings[4].pk).status == Booking.Status.WAITING


def test_cancelling_twice_is_refused(session, staff_member):
    booking = book(session, staff_member, staff_member)
    cancel(booking, staff_member)
    with pytest.raises(BookingError, match="already cancelled"):
        cancel(booking, staff_member)


def test_no_cancelling_once_the_session_has_started(past_session, staff_member, school):
    booking = BookingFactory(session=past_session, person=staff_member, school=school)
    with pytest.raises(BookingError, match="already started"):
        cancel(booking, staff_member)


def test_raising_the_capacity_promotes_as_many_as_fit(session, school):
    people = [MembershipFactory(school=school).user for _ in range(5)]
    for person in people:
        book(session, person, person, waiting_list=True)
    session.capacity = 4
    session.save()
    promoted = refill(session)
    assert [b.person for b in promoted] == people[2:4]
    assert Booking.objects.get(person=people[4]).status == Booking.Status.WAITING


def test_who_may_cancel(session, lead, staff_member, colleague, other_lead, role_user):
    booking = book(session, staff_member, staff_member)
    assert can_cancel(staff_member, booking)
    assert can_cancel(lead, booking)
    assert can_cancel(role_user(Role.ADMINISTRATOR), booking)
    assert can_cancel(role_user(Role.TEAM_MANAGER), booking)
    assert not can_cancel(colleague, booking)
    assert not can_cancel(other_lead, booking)
    assert not can_cancel(role_user(Role.PUBLIC_HEALTH), booking)


def test_session_rules(course):
    from django.core.exceptions import ValidationError

    session = TrainingSessionFactory.build(course=course, venue="", online_link="")
    session.ends_at = session.starts_at - timedelta(hours=1)
    session.booking_deadline = session.starts_at + timedelta(hours=1)
    with pytest.raises(ValidationError) as raised:
        session.full_clean()
    assert set(raised.value.message_dict) == {"ends_at", "booking_deadline", "venue"}
