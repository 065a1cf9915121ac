"""Emailed invitations to answer after training and before and after a period of support: each sent once."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from questionnaires.models import Kind, QuestionnaireInvitation
from questionnaires.services import (
    invite_after_support,
    invite_after_training,
    invite_before_support,
    invite_for_period,
    send_due_invitations,
)
from tests.questionnaires.factories import PlaceFactory, answer
from tests.schools.factories import MembershipFactory
from tests.support.factories import PeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Run a call and return the emails it sent once its transaction committed."""

    def run(call, *args, **kwargs):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = call(*args, **kwargs)
        return result, mailoutbox[before:]

    return run


def test_after_training_invitation_is_sent_once(sent, staff_member, school):
    booking = PlaceFactory(person=staff_member, school=school)

    first, emails = sent(invite_after_training, booking)
    second, again = sent(invite_after_training, booking)

    assert first is True
    assert second is False
    assert again == []
    assert [email.to for email in emails] == [[staff_member.email]]
    assert reverse("portal:questionnaires:post_training", kwargs={"booking_id": booking.pk}) in emails[0].body
    assert booking.session.course.title in emails[0].body
    invitation = QuestionnaireInvitation.objects.get()
    assert (invitation.respondent, invitation.booking, invitation.kind) == (staff_member, booking, Kind.POST_TRAINING)
    assert invitation.invited_at is not None


def test_nobody_is_invited_to_a_questionnaire_they_have_answered(sent, staff_member, school):
    booking = PlaceFactory(person=staff_member, school=school)
    answer(staff_member, Kind.POST_TRAINING, school=school, booking=booking)

    result, emails = sent(invite_after_training, booking)

    assert result is False
    assert emails == []


def test_support_invitations_go_to_each_member_of_staff_once(sent, school):
    staff = [MembershipFactory(school=school).user for _ in range(2)]
    period = PeriodFactory(school=school, staff=staff)

    before, before_emails = sent(invite_before_support, period)
    after, after_emails = sent(invite_after_support, period)
    again, _ = sent(invite_after_support, period)

    assert (before, after, again) == (2, 2, 0)
    assert sorted(email.to[0] for email in before_emails) == sorted(user.email for user in staff)
    assert reverse("portal:questionnaires:before_support", kwargs={"period_id": period.pk}) in before_emails[0].body
    assert reverse("portal:questionnaires:after_support", kwargs={"period_id": period.pk}) in after_emails[0].body
    assert QuestionnaireInvitation.objects.count() == 4


def test_a_period_is_due_the_before_questionnaire_until_it_ends_then_the_after_one(sent, school, staff_member):
    today = timezone.localdate()
    period = PeriodFactory(school=school, staff=[staff_member], date=today, ends_on=today + timedelta(days=30))

    sent(invite_for_period, period)
    sent(invite_for_period, period, today=today + timedelta(days=30))

    kinds = set(QuestionnaireInvitation.objects.values_list("kind", flat=True))
    assert kinds == {Kind.BEFORE_SUPPORT, Kind.AFTER_SUPPORT}


def test_support_long_past_asks_nobody(sent, school, staff_member):
    today = timezone.localdate()
    period = PeriodFactory(
        school=school, staff=[staff_member], date=today - timedelta(days=200), ends_on=today - timedelta(days=100)
    )

    result, emails = sent(invite_for_period, period)

    assert result == 0
    assert emails == []


def test_the_daily_command_sends_what_is_due_once(sent, school, capsys):
    today = timezone.localdate()
    ended = PeriodFactory(school=school, staff=[MembershipFactory(school=school).user], ends_on=today)
    running = PeriodFactory(
        school=school, staff=[MembershipFactory(school=school).user], date=today, ends_on=today + timedelta(days=9)
    )
    PeriodFactory(school=school, staff=[MembershipFactory(school=school).user], date=today - timedelta(days=400),
                  ends_on=today - timedelta(days=300))

    _, emails = sent(call_command, "send_questionnaire_invitations")
    _, again = sent(send_due_invitations)

    assert len(emails) == 2
    assert again == []
    invited = dict(QuestionnaireInvitation.objects.values_list("support_period", "kind"))
    assert invited == {ended.pk: Kind.AFTER_SUPPORT, running.pk: Kind.BEFORE_SUPPORT}
    assert "Sent 2 questionnaire invitations." in capsys.readouterr().out
