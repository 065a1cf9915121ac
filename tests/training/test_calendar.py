"""Calendar files a calendar program accepts: the confirmation attachment, the cancellation and the personal feed."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from tests.training.factories import BookingFactory, TrainingSessionFactory
from training.booking import book, cancel
from training.calendar import booking_ics
from training.models import Booking, CalendarFeed

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def parse(data):
    return Calendar.from_ical(data)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_the_confirmation_carries_an_ics_file_calendar_programs_accept(session, staff_member, mailoutbox, commit):
    session.venue = "Training Room 2\nThe Civic Centre, Grays"
    session.save()
    with commit():
        booking = book(session, staff_member, staff_member)

    filename, content, mimetype = mailoutbox[0].attachments[0]
    assert filename == "training-session.ics"
    assert mimetype.startswith("text/calendar")
    calendar = parse(content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//School Wellbeing Service//Training bookings//EN"
    assert calendar["METHOD"] == "PUBLISH"
    (event,) = events(calendar)
    assert str(event["UID"]) == f"training-booking-{booking.pk}@testserver"
    assert str(event["SUMMARY"]) == "Youth Mental Health First Aid"
    assert str(event["LOCATION"]) == "Training Room 2 The Civic Centre, Grays"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == session.starts_at and end == session.ends_at
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/London"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert "DTSTAMP" in event
    assert str(event["STATUS"]) == "CONFIRMED"
    # Outlook needs the zone the TZID names defined in the file.
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert "Trainer: Priya Westbrook" in str(event["DESCRIPTION"])


def test_times_are_london_time_in_summer_and_winter(course, staff_member):
    for month, offset in ((7, timedelta(hours=1)), (1, timedelta(0))):
        starts_at = timezone.make_aware(timezone.datetime(2030, month, 15, 9, 30), LONDON)
        session = TrainingSessionFactory(course=course, starts_at=starts_at)
        booking = BookingFactory(session=session, person=staff_member, school=staff_member.memberships.get().school)
        (event,) = events(parse(booking_ics(booking)))
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute) == (9, 30)
        assert start.utcoffset() == offset
        assert event.to_ical().decode().count("DTSTART;TZID=Europe/London:20300") == 1


def test_an_online_session_gives_its_link_as_the_location(course, staff_member):
    session = TrainingSessionFactory(course=course, venue="", online_link="https://teams.example.org/meet/1")
    booking = BookingFactory(session=session, person=staff_member, school=staff_member.memberships.get().school)
    (event,) = events(parse(booking_ics(booking)))
    assert str(event["LOCATION"]) == "https://teams.example.org/meet/1"
    assert "Join online: https://teams.example.org/meet/1" in str(event["DESCRIPTION"])


def test_cancelling_sends_a_cancel_for_the_same_uid(session, staff_member, mailoutbox, commit):
    with commit():
        booking = book(session, staff_member, staff_member)
        cancel(booking, staff_member)
    confirmation, cancellation = (parse(message.attachments[0][1]) for message in mailoutbox)
    assert cancellation["METHOD"] == "CANCEL"
    (before,), (after,) = events(confirmation), events(cancellation)
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_the_feed_lists_the_persons_confirmed_bookings_only(client, course, session, staff_member, colleague, school):
    past = TrainingSessionFactory(course=course, starts_at=timezone.now() - timedelta(days=10))
    mine = BookingFactory(session=session, person=staff_member, school=school)
    attended = BookingFactory(session=past, person=staff_member, school=school, attended=True)
    waiting_session = TrainingSessionFactory(course=course)
    BookingFactory(session=waiting_session, person=staff_member, school=school, status="waiting", position=1)
    cancelled_session = TrainingSessionFactory(course=course, cancelled=True)
    BookingFactory(session=cancelled_session, person=staff_member, school=school)
    BookingFactory(session=session, person=colleague, school=school)
    feed = CalendarFeed.objects.create(user=staff_member)

    response = client.get(reverse("training_public:calendar_feed", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH" and "PRODID" in calendar
    uids = [str(event["UID"]) for event in events(calendar)]
    assert uids == [f"training-booking-{attended.pk}@testserver", f"training-booking-{mine.pk}@testserver"]


def test_the_feed_needs_the_right_token_and_an_active_person(client, staff_member):
    feed = CalendarFeed.objects.create(user=staff_member)
    assert len(feed.token) >= 40
    assert client.get(reverse("training_public:calendar_feed", args=["not-the-token"])).status_code == 404
    old = feed.token
    feed.reset()
    assert client.get(reverse("training_public:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("training_public:calendar_feed", args=[feed.token])).status_code == 200
    staff_member.is_active = False
    staff_member.save()
    assert client.get(reverse("training_public:calendar_feed", args=[feed.token])).status_code == 404


def test_an_empty_feed_is_still_a_valid_calendar(client, staff_member):
    feed = CalendarFeed.objects.create(user=staff_member)
    calendar = parse(client.get(reverse("training_public:calendar_feed", args=[feed.token])).content)
    assert events(calendar) == [] and calendar["VERSION"] == "2.0"


def test_the_feed_query_count_does_not_grow_with_bookings(
    client, course, staff_member, school, django_assert_num_queries
):
    feed = CalendarFeed.objects.create(user=staff_member)
    url = reverse("training_public:calendar_feed", args=[feed.token])

    def add(count):
        for _ in range(count):
            BookingFactory(session=TrainingSessionFactory(course=course), person=staff_member, school=school)

    add(2)
    client.get(url)
    with django_assert_num_queries(2):
        client.get(url)
    add(10)
    with django_assert_num_queries(2):
        response = client.get(url)
    assert len(events(parse(response.content))) == 12
    assert Booking.objects.filter(person=staff_member).count() == 12
