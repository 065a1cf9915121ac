"""Daily: ask staff working alongside a wellbeing worker to answer the questionnaire before and after the period."""

from django.core.management.base import BaseCommand

from questionnaires.services import send_due_invitations


class Command(BaseCommand):
    help = (
        "Email the before-support questionnaire to staff in periods of working alongside a wellbeing worker that "
        "have started or are about to, and the after-support one once a period has ended. Each person is asked "
        "once; safe to run again."
    )

    def handle(self, *args, **options):
        sent = send_due_invitations()
        self.stdout.write(f"Sent {sent} questionnaire invitation{'s' if sent != 1 else ''}.")
