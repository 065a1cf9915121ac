"""Email everyone with a place a reminder two days before their session; run daily (cron or a scheduler)."""

from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from training.models import Booking
from training.notifications import send_booking_email

DAYS_BEFORE = 2


class Command(BaseCommand):
    help = (
        "Send a reminder to each confirmed booking whose session starts within the next two days and that "
        "has not had one. Each booking is reminded once; a day the command did not run is caught up."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD), for tests and catch-up.")

    def handle(self, *args, today=None, **options):
        try:
            today = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError("--today must be a date like 2026-09-14") from error
        sent = sum(self._remind(booking) for booking in self._due(today))
        self.stdout.write(f"Sent {sent} training reminder{'s' if sent != 1 else ''}.")

    def _due(self, today):
        """Confirmed bookings of sessions starting after today and on or before the reminder day."""
        after = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
        until = timezone.make_aware(datetime.combine(today + timedelta(days=DAYS_BEFORE + 1), time.min))
        return (
            Booking.objects.filter(
                status=Booking.Status.CONFIRMED,
                reminded_at__isnull=True,
                session__cancelled=False,
                session__starts_at__gte=after,
                session__starts_at__lt=until,
            )
            .select_related("person", "session__course")
            .order_by("session__starts_at", "pk")
        )

    def _remind(self, booking):
        """Claim the booking, then send: two runs at once never remind anyone twice."""
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if claimed:
                send_booking_email(booking, "reminder")
        return claimed
