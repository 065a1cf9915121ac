"""What can happen to a self-assessment, and the interface other apps (the action plan) use.

Public interface: `latest_submitted_assessment`, `principle_scores`, `weak_principles`,
`recommendations_for` (and `PrincipleScore`). The rest is the assessment's life: start a round,
save answers, submit, mark the feedback report as sent.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from sws_site.notifications import notify

from .models import Assessment, FrameworkVersion, Response, Round
from .recommendations import recommendations_for
from .scoring import PrincipleScore, principle_scores, weak_principles

__all__ = [
    "AssessmentError",
    "PrincipleScore",
    "latest_submitted_assessment",
    "mark_report_sent",
    "principle_scores",
    "recommendations_for",
    "save_answers",
    "start_round",
    "startable_rounds",
    "submit",
    "weak_principles",
]


class AssessmentError(Exception):
    """An action the rules do not allow; the message is shown to the person."""


def latest_submitted_assessment(school):
    """The school's most recently submitted assessment, or None."""
    return (
        Assessment.objects.filter(school=school, status=Assessment.Status.SUBMITTED)
        .select_related("framework")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def open_assessment(school):
    """The school's assessment in progress, or None."""
    return Assessment.objects.filter(school=school, status=Assessment.Status.IN_PROGRESS).first()


def startable_rounds(school):
    """The rounds the school may start now: the baseline first, then the rounds it has not done yet."""
    done = set(Assessment.objects.filter(school=school).values_list("round", flat=True))
    if Round.BASELINE not in done:
        return [Round.BASELINE]
    if Assessment.objects.filter(school=school, status=Assessment.Status.IN_PROGRESS).exists():
        return []
    return [choice for choice in Round if choice not in done]


def start_round(school, round, user):
    """Start the school's assessment for `round` on the current framework version."""
    if round not in startable_rounds(school):
        if open_assessment(school):
            raise AssessmentError("Finish and submit the self-assessment in progress before starting another.")
        raise AssessmentError(f"The school cannot start the {Round(round).label.lower()} round now.")
    framework = FrameworkVersion.objects.current()
    if framework is None:
        raise AssessmentError("The self-assessment framework has not been published yet.")
    try:
        with transaction.atomic():
            return Assessment.objects.create(school=school, round=round, framework=framework, started_by=user)
    except IntegrityError as error:
        raise AssessmentError("Someone at the school has just started a self-assessment.") from error


@transaction.atomic
def save_answers(assessment, answers, user):
    """Save {statement: (rating or None, note)} for an assessment in progress; unchanged answers are left alone."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_submitted:
        raise AssessmentError("This self-assessment has been submitted and can no longer be changed.")
    existing = {r.statement_id: r for r in assessment.responses.filter(statement__in=list(answers))}
    for statement, (rating, note) in answers.items():
        response = existing.get(statement.pk)
        if response is None:
            if rating is None and not note:
                continue
            response = Response(assessment=assessment, statement=statement)
        elif response.rating == rating and response.note == note:
            continue
        response.rating, response.note, response.answered_by = rating, note, user
        response.save()


def missing_statements(assessment):
    """Statements of the assessment's framework version that have no rating yet."""
    answered = assessment.responses.filter(rating__isnull=False).values("statement_id")
    return assessment.framework.statements.exclude(pk__in=answered)


@transaction.atomic
def submit(assessment, user):
    """Submit a complete assessment; it becomes read-only and the school's workers are told."""
    assessment = Assessment.objects.select_for_update().select_related("school").get(pk=assessment.pk)
    if assessment.is_submitted:
        raise AssessmentError("This self-assessment has already been submitted.")
    if missing_statements(assessment).exists():
        raise AssessmentError("Rate every statement before you submit the self-assessment.")
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user
    assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
    school = assessment.school
    workers = school.cluster.assignments.values_list("worker__email", flat=True) if school.cluster_id else []
    notify(
        "assessments/email/submitted.txt",
        {"assessment": assessment, "school": school, "user": user, "url": _report_path(assessment)},
        list(workers),
    )
    return assessment


def mark_report_sent(assessment, user):
    """Record that the feedback report was sent, and email the school's lead; True only the first time."""
    with transaction.atomic():
        updated = Assessment.objects.filter(
            pk=assessment.pk, status=Assessment.Status.SUBMITTED, report_sent_at__isnull=True
        ).update(report_sent_at=timezone.now(), report_sent_by=user)
        if not updated:
            return False
        assessment.refresh_from_db(fields=["report_sent_at", "report_sent_by"])
        school = assessment.school
        recipient = _lead_email(school) or (assessment.submitted_by.email if assessment.submitted_by else "")
        notify(
            "assessments/email/report_sent.txt",
            {"assessment": assessment, "school": school, "sender": user, "url": _report_path(assessment)},
            [recipient],
        )
    return True


def _lead_email(school):
    """The email address of the school's designated Mental Health Lead, or ''."""
    lead = school.memberships.filter(role="mental_health_lead").select_related("user").first()
    return lead.user.email if lead else ""


def _report_path(assessment):
    return reverse("portal:assessments:report", kwargs={"urn": assessment.school.urn, "pk": assessment.pk})
