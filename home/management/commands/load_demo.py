"""Fill a development database with a living demo service. Safe to run again; refuses in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo_content import build_site
from schools.demo import DEMO_PASSWORD, build_registry


class Command(BaseCommand):
    help = (
        "Load demo data: the home and standard pages, the sample GIAS extract with clusters and "
        "localities, and an account for every role (password printed at the end). Refuses to run "
        "when DEBUG is off, because the demo accounts share a published password."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("load_demo only runs with DEBUG on: its accounts share a published password.")
        build_site()
        accounts = build_registry(stdout=self.stdout)
        ready = f"\nDemo data is ready. Every demo account's password is: {DEMO_PASSWORD}"
        self.stdout.write(self.style.SUCCESS(ready))
        width = max(len(email) for email, _, _ in accounts)
        for email, role, school in accounts:
            self.stdout.write(f"  {email.ljust(width)}  {role}{f' at {school}' if school else ''}")
        self.stdout.write("Sign in to the portal at /account/sign-in/ and to the admin at /admin/.")
