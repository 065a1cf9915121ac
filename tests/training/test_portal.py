"""Booking in the portal: your training, booking yourself or your staff, the waiting list, cancelling, school view."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from schools.models import Membership
from tests.schools.factories import MembershipFactory
from tests.training.factories import BookingFactory, TrainingSessionFactory
from training.models import Booking, CalendarFeed
from users.roles import Role

pytestmark = pytest.mark.django_db

MY_BOOKINGS = reverse("portal:training:my_bookings")


def book_url(session):
    return reverse("portal:training:book", args=[session.pk])


def cancel_url(booking):
    return reverse("portal:training:cancel", args=[booking.pk])


def school_url(school):
    return reverse("portal:training:school_bookings", args=[school.urn])


def fill(session, school, count):
    return [BookingFactory(session=session, membership=MembershipFactory(school=school)) for _ in range(count)]


# Anonymous people


@pytest.mark.parametrize("name", ["my_bookings", "book", "cancel", "school_bookings"])
def test_every_portal_page_needs_signing_in(client, session, school, staff_member, name):
    booking = BookingFactory(session=session, person=staff_member, school=school)
    args = {"my_bookings": [], "book": [session.pk], "cancel": [booking.pk], "school_bookings": [school.urn]}[name]
    response = client.get(reverse(f"portal:training:{name}", args=args))
    assert response.status_code == 302 and response["Location"].startswith(reverse("users:login"))
    assert client.post(reverse(f"portal:training:{name}", args=args)).status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED


# Booking yourself


def test_a_staff_member_books_themself_and_goes_to_the_pre_training_questionnaire(
    client, session, staff_member, mailoutbox, commit
):
    client.force_login(staff_member)
    content = client.get(book_url(session)).content.decode()
    assert "Book a place" in content and 'name="people"' not in content
    assert "2 places left" in content
    with commit():
        response = client.post(book_url(session))
    booking = Booking.objects.get(person=staff_member)
    assert booking.status == Booking.Status.CONFIRMED
    assert response["Location"] == reverse("portal:questionnaires:pre_training", kwargs={"booking_id": booking.pk})
    assert len(mailoutbox) == 1


def test_a_full_session_offers_the_waiting_list_explicitly(client, session, school, staff_member):
    fill(session, school, 2)
    client.force_login(staff_member)
    content = client.get(book_url(session)).content.decode()
    assert "Full — join the waiting list" in content
    assert "Join the waiting list</button>" in content
    assert 'type="hidden" name="waiting_list" value="True"' in content
    response = client.post(book_url(session), {"waiting_list": "True"})
    assert response["Location"] == MY_BOOKINGS
    booking = Booking.objects.get(person=staff_member)
    assert (booking.status, booking.position) == (Booking.Status.WAITING, 1)
    mine = client.get(MY_BOOKINGS).content.decode()
    assert "Waiting list: number 1" in mine and "Leave waiting list" in mine


def test_the_last_place_going_while_you_look_offers_the_waiting_list(client, session, school, staff_member):
    client.force_login(staff_member)
    client.get(book_url(session))
    fill(session, school, 2)
    response = client.post(book_url(session))  # the form had no waiting-list choice: the place was free
    content = response.content.decode()
    assert response.status_code == 200
    assert "The session is now full. You can join the waiting list." in content
    assert "Join the waiting list</button>" in content
    assert not Booking.objects.filter(person=staff_member).exists()


def test_booking_closed_after_the_deadline(client, session, staff_member):
    from datetime import timedelta

    from django.utils import timezone

    session.booking_deadline = timezone.now() - timedelta(hours=1)
    session.save()
    client.force_login(staff_member)
    content = client.get(book_url(session)).content.decode()
    assert "Booking for this session closed" in content and "Book a place</button>" not in content
    client.post(book_url(session))
    assert not Booking.objects.exists()


def test_cancelled_past_and_unpublished_sessions_are_not_bookable(client, course, past_session, staff_member):
    cancelled = TrainingSessionFactory(course=course, cancelled=True)
    client.force_login(staff_member)
    assert client.get(book_url(cancelled)).status_code == 404
    assert client.get(book_url(past_session)).status_code == 404
    course.unpublish()
    assert client.get(book_url(TrainingSessionFactory(course=course))).status_code == 404


def test_someone_at_no_school_cannot_book(client, session, role_user):
    client.force_login(role_user(Role.WORKER))
    content = client.get(book_url(session)).content.decode()
    assert "Places are booked by school staff" in content
    client.post(book_url(session))
    assert not Booking.objects.exists()


# The lead books for staff


def test_the_lead_chooses_staff_of_their_school(client, session, school, lead, staff_member, colleague, other_school):
    stranger = MembershipFactory(school=other_school, user__first_name="Zebedee", user__last_name="Outsider")
    client.force_login(lead)
    content = client.get(book_url(session)).content.decode()
    assert content.count('name="people"') == 3  # the lead, and two staff
    # A fixed, unusual name: a random surname could appear elsewhere on the page by chance.
    assert "Outsider" not in content and f'value="{stranger.pk}"' not in content
    memberships = {m.user_id: m.pk for m in Membership.objects.filter(school=school)}
    response = client.post(book_url(session), {"people": [memberships[staff_member.pk], memberships[colleague.pk]]})
    assert response["Location"] == school_url(school)
    assert set(Booking.objects.values_list("person", "booked_by", "status")) == {
        (staff_member.pk, lead.pk, "confirmed"), (colleague.pk, lead.pk, "confirmed"),
    }


def test_the_lead_cannot_book_someone_from_another_school_by_forging_the_form(client, session, lead, other_school):
    stranger = MembershipFactory(school=other_school)
    client.force_login(lead)
    response = client.post(book_url(session), {"people": [stranger.pk]})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Booking.objects.exists()


def test_too_many_people_for_the_places_books_no_one_unless_the_rest_may_wait(
    client, session, school, lead, staff_member, colleague, mailoutbox, commit
):
    third = MembershipFactory(school=school).user
    chosen = [m.pk for m in Membership.objects.filter(user__in=[staff_member, colleague, third])]
    client.force_login(lead)
    with commit():
        response = client.post(book_url(session), {"people": chosen})
    assert response.status_code == 200
    assert "There are not enough places left for everyone you chose" in response.content.decode()
    assert not Booking.objects.exists() and mailoutbox == [], "a refusal for one undoes the others and their emails"

    with commit():
        client.post(book_url(session), {"people": chosen, "waiting_list": "on"})
    assert sorted(Booking.objects.values_list("status", flat=True)) == ["confirmed", "confirmed", "waiting"]
    assert len(mailoutbox) == 3


def test_people_already_booked_are_not_offered_again(client, session, school, lead, staff_member):
    BookingFactory(session=session, person=staff_member, school=school)
    client.force_login(lead)
    content = client.get(book_url(session)).content.decode()
    assert content.count('name="people"') == 1


# Your training and cancelling


def test_my_bookings_lists_places_to_come_and_past_attendance_and_the_feed(
    client, course, session, past_session, school, staff_member, colleague
):
    upcoming = BookingFactory(session=session, person=staff_member, school=school)
    BookingFactory(session=past_session, person=staff_member, school=school, attended=True)
    BookingFactory(session=session, person=colleague, school=school)
    client.force_login(staff_member)
    content = client.get(MY_BOOKINGS).content.decode()
    assert "Place confirmed" in content and "Attended" in content
    assert cancel_url(upcoming) in content
    assert reverse("portal:questionnaires:pre_training", kwargs={"booking_id": upcoming.pk}) in content
    assert colleague.last_name not in content
    feed = CalendarFeed.objects.get(user=staff_member)
    assert f"http://testserver/calendar/{feed.token}.ics" in content


def test_resetting_the_feed_address(client, staff_member):
    client.force_login(staff_member)
    client.get(MY_BOOKINGS)
    old = CalendarFeed.objects.get(user=staff_member).token
    client.post(reverse("portal:training:reset_feed"))
    assert CalendarFeed.objects.get(user=staff_member).token != old


def test_cancelling_your_place_after_confirming_promotes_the_first_waiting(
    client, session, school, staff_member, mailoutbox, commit
):
    mine = BookingFactory(session=session, person=staff_member, school=school)
    fill(session, school, 1)
    waiting = BookingFactory(
        session=session, membership=MembershipFactory(school=school), status=Booking.Status.WAITING, position=1
    )
    client.force_login(staff_member)
    content = client.get(cancel_url(mine)).content.decode()
    assert "Are you sure you want to cancel your place?" in content
    assert Booking.objects.get(pk=mine.pk).status == Booking.Status.CONFIRMED, "the GET changes nothing"
    with commit():
        response = client.post(cancel_url(mine))
    assert response["Location"] == MY_BOOKINGS
    assert Booking.objects.get(pk=mine.pk).status == Booking.Status.CANCELLED
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED
    assert {m.to[0] for m in mailoutbox} == {staff_member.email, waiting.person.email}


def test_only_the_person_their_lead_or_the_service_may_cancel(
    client, session, school, staff_member, colleague, lead, other_lead
):
    booking = BookingFactory(session=session, person=staff_member, school=school)
    for intruder in (colleague, other_lead):
        client.force_login(intruder)
        assert client.get(cancel_url(booking)).status_code == 404
        assert client.post(cancel_url(booking)).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    client.force_login(lead)
    assert client.post(cancel_url(booking))["Location"] == school_url(school)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED


# The school's bookings


def test_the_lead_sees_the_schools_bookings_and_mandatory_training(
    client, course, session, past_session, school, lead, staff_member, other_school
):
    BookingFactory(session=session, person=staff_member, school=school)
    BookingFactory(session=past_session, person=staff_member, school=school, attended=False)
    outsider = BookingFactory(
        session=session,
        membership=MembershipFactory(school=other_school, user__first_name="Zebedee", user__last_name="Outsider"),
    )
    client.force_login(lead)
    content = client.get(school_url(school)).content.decode()
    assert staff_member.get_full_name() in content
    assert outsider.person.get_full_name() not in content
    assert "Did not attend" in content
    assert "Mental Health Lead training" in content and "Not attended" in content


@pytest.mark.parametrize("who", ["other_lead", "staff_member", "other_worker", "head"])
def test_other_people_cannot_see_a_schools_bookings(client, school, who, request):
    if who == "head":
        user = MembershipFactory(school=school, role=Membership.Role.HEAD_TEACHER).user
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(school_url(school)).status_code == 404


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.PUBLIC_HEALTH])
def test_the_service_sees_a_schools_bookings(client, school, course, role_user, role):
    client.force_login(role_user(role))
    assert client.get(school_url(school)).status_code == 200


def test_the_assigned_worker_sees_the_schools_bookings(client, school, course, worker):
    client.force_login(worker)
    assert "Mental Health Lead training" in client.get(school_url(school)).content.decode()


# Query counts


def _same_queries(client, url, add, django_assert_num_queries):
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200
    add()
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    return response.content.decode()


def test_my_bookings_query_count_does_not_grow(client, course, school, staff_member, django_assert_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    def add(count=1):
        for index in range(count):
            starts = timezone.now() + timedelta(days=-30 + index * 3)
            session = TrainingSessionFactory(course=course, starts_at=starts, booking_deadline=starts)
            BookingFactory(session=session, person=staff_member, school=school, attended=index % 2 == 0)

    add(2)
    client.force_login(staff_member)
    content = _same_queries(client, MY_BOOKINGS, lambda: add(16), django_assert_num_queries)
    assert len(re.findall(r"Cancel place<span", content)) == 5  # sessions 3 to 15 days away


def test_school_bookings_query_count_does_not_grow(client, course, session, school, lead, django_assert_num_queries):
    fill(session, school, 1)
    client.force_login(lead)

    def add():
        for _ in range(6):
            fill(TrainingSessionFactory(course=course), school, 2)

    content = _same_queries(client, school_url(school), add, django_assert_num_queries)
    assert content.count("Place confirmed") == 13
