"""iCalendar (RFC 5545) files for bookings: the email attachment and each person's private feed.

Times carry their Europe/London zone with a VTIMEZONE, as Outlook needs; each booking keeps one UID
for its life, so a calendar program updates or removes the event it already has.
"""

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from icalendar import Calendar, Event

from .models import Booking

PRODID = "-//School Wellbeing Service//Training bookings//EN"


def booking_uid(booking):
    """A booking's event UID: stable and unique to this service."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"training-booking-{booking.pk}@{host}"


def booking_event(booking, cancelled=False):
    """The calendar event for one booking's session."""
    session = booking.session
    course = session.course
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(session.starts_at))
    event.add("dtend", timezone.localtime(session.ends_at))
    event.add("summary", course.title)
    event.add("location", session.location)
    event.add("description", _description(session))
    if course.full_url:
        event.add("url", course.full_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # A cancellation must outrank the event it removes.
    event.add("sequence", 1 if cancelled else 0)
    event.add("transp", "OPAQUE")
    return event


def _description(session):
    lines = [f"Trainer: {session.trainer}"]
    if session.venue.strip():
        lines.append(f"Venue: {' '.join(session.venue.split())}")
    if session.online_link:
        lines.append(f"Join online: {session.online_link}")
    lines.append(f"Booked through the {settings.SWS_SERVICE_NAME}.")
    return "\n".join(lines)


def _calendar(events, method=None, name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    years = []
    for event in events:
        calendar.add_component(event)
        years.append(event.decoded("dtstart").year)
    if years:
        calendar.add_missing_timezones(first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 1, 12, 31))
    return calendar


def booking_ics(booking, cancelled=False):
    """The .ics file emailed with a confirmation (METHOD:PUBLISH) or a cancellation (METHOD:CANCEL)."""
    method = "CANCEL" if cancelled else "PUBLISH"
    return _calendar([booking_event(booking, cancelled)], method=method).to_ical().decode()


def feed_ics(user):
    """The person's feed: every confirmed booking of a session that is not cancelled, past ones included."""
    bookings = (
        Booking.objects.filter(person=user, status=Booking.Status.CONFIRMED, session__cancelled=False)
        .select_related("session__course")
        .order_by("session__starts_at", "pk")
    )
    name = f"{settings.SWS_SERVICE_NAME} training"
    return _calendar([booking_event(booking) for booking in bookings], method="PUBLISH", name=name).to_ical()
