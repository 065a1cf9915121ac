"""What other apps call: recording answers, linking pairs and inviting people to answer.

Training (helper app `training`) calls `invite_after_training(booking)` when attendance is recorded,
and links to `portal:questionnaires:pre_training` once a booking is confirmed. The support log calls
`invite_for_period(period)` when a period of working alongside staff is saved; the daily command
`send_questionnaire_invitations` catches periods that have since ended.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from support.models import SupportRecord
from sws_site.notifications import notify

from .models import POST_OF, PRE_OF, Kind, QuestionnaireInvitation, QuestionnaireResponse

RATINGS = ("confidence", "knowledge", "thrive_understanding", "thrive_access")
INVITATION_WINDOW_DAYS = 60


class AlreadyAnswered(Exception):
    """The person has already answered this questionnaire for this booking or period."""


def subject_of(kind, booking=None, support_period=None):
    """The keyword arguments that name what an answer or invitation is about."""
    if kind in (Kind.PRE_TRAINING, Kind.POST_TRAINING):
        return {"booking": booking}
    return {"support_period": support_period}


def existing_response(respondent, kind, booking=None, support_period=None):
    """The person's answer of this kind for this booking or period, or None."""
    return QuestionnaireResponse.objects.filter(
        respondent=respondent, kind=kind, **subject_of(kind, booking, support_period)
    ).first()


def record_response(respondent, school, kind, ratings, booking=None, support_period=None):
    """Save one answer and link it to the other half of its pair; AlreadyAnswered if there is one already."""
    subject = subject_of(kind, booking, support_period)
    try:
        with transaction.atomic():
            response = QuestionnaireResponse.objects.create(
                respondent=respondent, school=school, kind=kind, **subject, **{name: ratings[name] for name in RATINGS}
            )
            link_pair(response)
    except IntegrityError as error:
        if existing_response(respondent, kind, booking, support_period) is None:
            raise
        raise AlreadyAnswered from error
    return response


def link_pair(response):
    """Link a post answer to its pre answer, whichever of the two arrived second."""
    subject = subject_of(response.kind, response.booking, response.support_period)
    if response.kind in PRE_OF:
        response.pre = QuestionnaireResponse.objects.filter(
            respondent=response.respondent_id, kind=PRE_OF[response.kind], **subject
        ).first()
        if response.pre is not None:
            response.save(update_fields=["pre"])
        return
    QuestionnaireResponse.objects.filter(
        respondent=response.respondent_id, kind=POST_OF[response.kind], pre__isnull=True, **subject
    ).update(pre=response)


def link_pairs():
    """Link every unlinked post answer to its pre answer: two UPDATE statements, for bulk loads and the demo."""
    linked = 0
    for post_kind, pre_kind in PRE_OF.items():
        field = "booking" if post_kind == Kind.POST_TRAINING else "support_period"
        pre = QuestionnaireResponse.objects.filter(
            respondent=OuterRef("respondent"), kind=pre_kind, **{field: OuterRef(field)}
        ).values("pk")[:1]
        linked += QuestionnaireResponse.objects.filter(kind=post_kind, pre__isnull=True).update(pre=Subquery(pre))
    return linked


def _invite(respondent, kind, template, context, booking=None, support_period=None):
    """Email one invitation unless it was sent before or the questionnaire is answered; True if sent."""
    if not respondent.is_active or existing_response(respondent, kind, booking, support_period) is not None:
        return False
    subject = subject_of(kind, booking, support_period)
    try:
        with transaction.atomic():
            _, created = QuestionnaireInvitation.objects.get_or_create(respondent=respondent, kind=kind, **subject)
    except IntegrityError:  # invited at the same moment by another process
        return False
    if created:
        notify(template, {"person": respondent, **context}, [respondent.email])
    return created


def invite_after_training(booking):
    """Email the booked person the link to the after-training questionnaire, once; True if sent now."""
    url = reverse("portal:questionnaires:post_training", kwargs={"booking_id": booking.pk})
    context = {"booking": booking, "session": booking.session, "url": url}
    return _invite(
        booking.person, Kind.POST_TRAINING, "questionnaires/email/post_training.txt", context, booking=booking
    )


def invite_before_support(period):
    """Email each member of staff in the period the before-support questionnaire, once; how many were sent."""
    return _invite_period_staff(period, Kind.BEFORE_SUPPORT, "before_support")


def invite_after_support(period):
    """Email each member of staff in the period the after-support questionnaire, once; how many were sent."""
    return _invite_period_staff(period, Kind.AFTER_SUPPORT, "after_support")


def _invite_period_staff(period, kind, name):
    url = reverse(f"portal:questionnaires:{name}", kwargs={"period_id": period.pk})
    context = {"period": period, "school": period.school, "worker": period.worker, "url": url}
    template = f"questionnaires/email/{name}.txt"
    return sum(
        _invite(person, kind, template, context, support_period=period) for person in period.staff.all()
    )


def invite_for_period(period, today=None):
    """Send what a period of working alongside is due: the before questionnaire until it ends, then the after one.

    Support long past (ended, or started, more than INVITATION_WINDOW_DAYS ago, as when a worker records it
    late) asks nobody: staff could not say how they felt before it.
    """
    if not period.is_period:
        return 0
    today = today or timezone.localdate()
    since = today - timedelta(days=INVITATION_WINDOW_DAYS)
    if period.ends_on is not None and period.ends_on <= today:
        return invite_after_support(period) if period.ends_on >= since else 0
    return invite_before_support(period) if period.date >= since else 0


def send_due_invitations(today=None):
    """Invite the staff of every recent period of working alongside to the questionnaire it is due; how many sent."""
    today = today or timezone.localdate()
    since = today - timedelta(days=INVITATION_WINDOW_DAYS)
    periods = (
        SupportRecord.objects.periods()
        .filter(Q(ends_on__gte=since) | Q(ends_on__isnull=True, date__gte=since))
        .select_related("school", "worker")
        .prefetch_related("staff")
    )
    return sum(invite_for_period(period, today) for period in periods)
