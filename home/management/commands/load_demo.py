"""Fill a development database with a living demo service. Safe to run again; refuses in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.demo import build_demo as build_assessments
from awards.demo import build_demo as build_awards
from directory.demo import build_demo as build_directory
from home.demo_content import build_site
from questionnaires.demo import build_demo as build_questionnaires
from reports.risks_demo import build_demo as build_risks
from resources.demo import build_demo as build_libraries
from schools.demo import DEMO_PASSWORD, build_registry
from support.demo import build_demo as build_support
from surveys.demo import build_demo as build_surveys
from training.demo import build_demo as build_training
from training.demo import build_sessions as build_training_sessions
from workflows.demo import build_demo as build_action_plans


class Command(BaseCommand):
    help = (
        "Load demo data: the home and standard pages, the sample GIAS extract with clusters and "
        "localities, an account for every role (password printed at the end), the PSHE resource and "
        "intervention libraries, best practice, the training catalogue, and the THRIVE and Alternative "
        "Provision directories, self-assessments and action plans at every stage. Refuses to run when "
        "DEBUG is off, because the demo accounts share a published password."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("load_demo only runs with DEBUG on: its accounts share a published password.")
        site = build_site()
        # The registry comes before the content: case studies name clusters, services name localities.
        accounts = build_registry(stdout=self.stdout)
        build_libraries(site["home"])
        build_training(site["home"])
        build_training_sessions()  # sessions past and to come, bookings, waiting lists and attendance
        build_directory(site["home"])
        # Assessments need the libraries (their reports recommend pages); plans need assessments.
        build_assessments()
        build_action_plans()
        build_awards()  # one school in every award state; prefers schools whose action plan is approved
        build_support()  # the support log, and periods of working alongside staff
        build_questionnaires()  # answers before and after those periods and the demo's training sessions
        build_surveys()  # two years of Brighter Futures results for the demo borough, some suppressed
        build_risks()  # the steering group's risk register
        ready = f"\nDemo data is ready. Every demo account's password is: {DEMO_PASSWORD}"
        self.stdout.write(self.style.SUCCESS(ready))
        width = max(len(email) for email, _, _ in accounts)
        for email, role, school in accounts:
            self.stdout.write(f"  {email.ljust(width)}  {role}{f' at {school}' if school else ''}")
        self.stdout.write("Sign in to the portal at /account/sign-in/ and to the admin at /admin/.")
