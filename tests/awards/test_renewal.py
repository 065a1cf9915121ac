"""send_award_reminders: 90 and 30 days before expiry, on the first run on or after the day, never twice."""

import datetime
import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest

from awards.management.commands.send_award_reminders import Command
from awards.models import Stage
from schools.models import Membership
from tests.awards.award_factories import award_expiring_in, revoked_award
from tests.schools.factories import LeadFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 1, 1)
NOON = timezone.make_aware(datetime.datetime(2027, 1, 1, 12, 0))


def run(*args, today=TODAY):
    out = io.StringIO()
    call_command("send_award_reminders", f"--today={today.isoformat()}", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def send(mailoutbox, django_capture_on_commit_callbacks):
    """Run the command for a day; return the emails it sent."""

    def go(today=TODAY, *args):
        sent = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            run(*args, today=today)
        return mailoutbox[sent:]

    return go


def expiring(days, **kwargs):
    """An award, with a lead and a head teacher, expiring `days` days after TODAY (at noon)."""
    award = award_expiring_in(days, when=NOON, **kwargs)
    LeadFactory(school=award.school)
    MembershipFactory(school=award.school, role=Membership.Role.HEAD_TEACHER)
    MembershipFactory(school=award.school)  # staff are not emailed
    return award


def recipients(school):
    return sorted(
        Membership.objects.filter(
            school=school, role__in=[Membership.Role.MENTAL_HEALTH_LEAD, Membership.Role.HEAD_TEACHER]
        ).values_list("user__email", flat=True)
    )


@pytest.mark.parametrize(("days", "reminder"), [(91, None), (90, 90), (89, 90), (31, 90), (30, 30), (29, 30), (1, 30)])
def test_reminders_on_the_right_days(send, days, reminder):
    award = expiring(days)
    emails = send()
    award.refresh_from_db()
    if reminder is None:
        assert emails == []
        assert award.reminded_90_days_at is None
        return
    assert len(emails) == 1
    assert sorted(emails[0].to) == recipients(award.school)
    assert f"expires in {reminder} days" in emails[0].body
    assert award.school.name in emails[0].subject
    assert getattr(award, f"reminded_{reminder}_days_at") is not None


def test_each_reminder_is_sent_once(send):
    award = expiring(90)
    assert len(send()) == 1
    assert send() == []
    assert send(TODAY + datetime.timedelta(days=1)) == []
    thirty = send(TODAY + datetime.timedelta(days=60))
    assert len(thirty) == 1
    assert "expires in 30 days" in thirty[0].body
    assert send(TODAY + datetime.timedelta(days=61)) == []
    award.refresh_from_db()
    assert award.reminded_90_days_at < award.reminded_30_days_at


def test_a_school_that_missed_the_90_day_email_gets_only_the_30_day_one(send):
    award = expiring(25)
    assert len(send()) == 1
    award.refresh_from_db()
    assert award.reminded_90_days_at is not None
    assert award.reminded_30_days_at is not None


def test_already_reminded_awards_are_skipped(send):
    expiring(80, reminded_90_days_at=NOON - datetime.timedelta(days=10))
    expiring(20, reminded_30_days_at=NOON - datetime.timedelta(days=10))
    assert send() == []


def test_revoked_expired_and_renewed_awards_are_skipped(send):
    revoked = revoked_award(expires_at=NOON + datetime.timedelta(days=60))
    LeadFactory(school=revoked.school)
    expiring(0)
    expiring(-5)
    renewed = expiring(60)
    award_expiring_in(3 * 365, when=NOON, school=renewed.school, stage=Stage.BRONZE)
    assert send() == []


def test_dry_run_sends_nothing_and_records_nothing(send, mailoutbox):
    award = expiring(90)
    out = run("--dry-run")
    assert f"Would email {award.school.name}" in out
    assert "Would send 1 award reminder (1 at 90 days, 0 at 30 days)." in out
    award.refresh_from_db()
    assert award.reminded_90_days_at is None
    assert mailoutbox == []


def test_the_summary_counts_each_reminder(send):
    expiring(90)
    expiring(60)
    expiring(30)
    out = run()
    assert "Sent 3 award reminders (2 at 90 days, 1 at 30 days)." in out


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_award_reminders", "--today=next tuesday")


def test_the_help_gives_the_cron_line():
    assert "send_award_reminders" in Command.help
    assert "cron" in Command.help
