"""Booking emails: rendered now, sent after the transaction commits, with an .ics file where there is a place.

`sws_site.notifications.notify` sends plain text only, so these have their own small task.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from django_tasks import task

# Each kind is a template under training/email/ and the calendar file it carries, if any.
KINDS = {
    "confirmed": "PUBLISH",
    "promoted": "PUBLISH",
    "reminder": "PUBLISH",
    "cancelled": "CANCEL",
    "session_cancelled": "CANCEL",
    "waiting": None,
    "left_waiting_list": None,
}


@task()
def send_calendar_email_task(subject, body, recipients, ics, method):
    """Send one email with an optional iCalendar attachment; runs in the task worker in production."""
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    if ics:
        message.attach("training-session.ics", ics, f"text/calendar; method={method}")
    message.send()


def send_booking_email(booking, kind):
    """Tell the booked person about their booking (`kind` is one of KINDS) once the transaction commits."""
    from .calendar import booking_ics

    method = KINDS[kind]
    recipients = [booking.person.email] if booking.person.email else []
    if not recipients:
        return
    context = {
        "service_name": settings.SWS_SERVICE_NAME,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        "booking": booking,
        "session": booking.session,
        "course": booking.session.course,
        "my_bookings": reverse("portal:training:my_bookings"),
    }
    if kind in ("confirmed", "promoted"):
        context["questionnaire"] = reverse("portal:questionnaires:pre_training", kwargs={"booking_id": booking.pk})
    subject, _, body = render_to_string(f"training/email/{kind}.txt", context).strip().partition("\n")
    ics = booking_ics(booking, cancelled=method == "CANCEL") if method else ""
    transaction.on_commit(
        lambda: send_calendar_email_task.enqueue(subject.strip(), body.strip() + "\n", recipients, ics, method)
    )

