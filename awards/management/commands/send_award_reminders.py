"""Email schools 90 and 30 days before their award expires."""

import datetime
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from awards.certificates import verification_path
from awards.models import Award
from schools.models import Membership
from sws_site.notifications import notify

REMINDER_DAYS = (30, 90)  # the nearer one first: a school that missed the 90-day email gets only the 30-day one
FIELDS = {90: "reminded_90_days_at", 30: "reminded_30_days_at"}


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today must be a date like 2027-01-31, not {value!r}") from error


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def due_reminder(award, today):
    """90 or 30 when that reminder is due on `today` and not yet sent; None otherwise."""
    days_left = (timezone.localdate(award.expires_at) - today).days
    if days_left <= 0:
        return None
    for days in REMINDER_DAYS:
        if days_left <= days:
            return days if getattr(award, FIELDS[days]) is None else None
    return None


def candidates(today):
    """Awards in force, expiring within 90 days, with a reminder unsent, and not already renewed."""
    renewed = Award.objects.filter(
        school=OuterRef("school"),
        stage__gte=OuterRef("stage"),
        revoked_at__isnull=True,
        expires_at__gt=OuterRef("expires_at"),
    )
    return (
        Award.objects.filter(
            revoked_at__isnull=True,
            expires_at__gte=_start_of(today + datetime.timedelta(days=1)),
            expires_at__lt=_start_of(today + datetime.timedelta(days=max(REMINDER_DAYS) + 1)),
            reminded_30_days_at__isnull=True,
        )
        .exclude(Exists(renewed))
        .select_related("school")
        .order_by("expires_at", "pk")
    )


def recipients_by_school(school_ids):
    """school id -> the emails of its lead and head teacher (one query)."""
    recipients = defaultdict(list)
    memberships = Membership.objects.filter(
        school_id__in=school_ids, role__in=Membership.LEADERSHIP_ROLES, user__is_active=True
    )
    for school_id, email in memberships.values_list("school_id", "user__email").order_by("role", "user__email"):
        recipients[school_id].append(email)
    return recipients


class Command(BaseCommand):
    help = (
        "Email each school's Mental Health Lead and head teacher 90 days and again 30 days before its award "
        "expires: on the first run on or after that day, and never twice. Revoked, expired and already renewed "
        "awards are skipped. Run it once a day from the scheduler, for example with cron: "
        "'30 7 * * * cd <project> && python manage.py send_award_reminders'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the reminders due without sending them.")
        parser.add_argument("--today", type=_date, help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, today=None, **options):
        today = today or timezone.localdate()
        due = [(award, days) for award in candidates(today) if (days := due_reminder(award, today))]
        recipients = recipients_by_school({award.school_id for award, _ in due})
        counts = dict.fromkeys(REMINDER_DAYS, 0)
        for award, days in due:
            to = recipients.get(award.school_id, [])
            verb = "Would email" if dry_run else "Emailing"
            self.stdout.write(
                f"{verb} {award.school.name} ({', '.join(to) or 'no lead or head teacher'}): "
                f"{award.get_stage_display()} award expires {award.expires_at:%d %B %Y}, {days}-day reminder"
            )
            if dry_run or self._send(award, days, to):
                counts[days] += 1
        self._summary(counts, dry_run)

    @transaction.atomic
    def _send(self, award, days, recipients):
        """Mark the reminder sent and email it, unless a run at the same moment got there first."""
        award = Award.objects.select_for_update().select_related("school").get(pk=award.pk)
        if getattr(award, FIELDS[days]) is not None:
            return False
        now = timezone.now()
        fields = [FIELDS[days]]
        setattr(award, FIELDS[days], now)
        if days == 30 and award.reminded_90_days_at is None:
            award.reminded_90_days_at = now  # the 90-day email is out of date now: never send it late
            fields.append(FIELDS[90])
        award._change_reason = f"{days}-day expiry reminder sent"
        award.save(update_fields=fields)
        context = {
            "award": award,
            "school": award.school,
            "days": days,
            "school_path": reverse("portal:school", args=[award.school.urn]),
            "verify_path": verification_path(award),
        }
        notify("awards/email/reminder.txt", context, recipients)
        return True

    def _summary(self, counts, dry_run):
        total = sum(counts.values())
        verb = "Would send" if dry_run else "Sent"
        detail = ", ".join(f"{counts[days]} at {days} days" for days in sorted(counts, reverse=True))
        self.stdout.write(self.style.SUCCESS(f"{verb} {total} award reminder{'s' if total != 1 else ''} ({detail})."))
