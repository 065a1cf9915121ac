"""Every path of an award stage through "Award stage approval": approve, more evidence on named criteria, resubmit,
withdraw; approval makes the award and emails the school."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Workflow, WorkflowState

import pytest

from awards.models import Award, AwardSubmission, CriterionEvidence, EvidenceRequest, Stage
from workflows.moderation import SubmissionError, decide, submit, withdraw

from .factories import approved, at_steering_step, evidence_all, start, submitted

pytestmark = pytest.mark.django_db


def reload(submission):
    return AwardSubmission.objects.get(pk=submission.pk)


def stage_url(school, view="stage", **kwargs):
    return reverse(f"portal:awards:{view}", kwargs={"urn": school.urn, "stage": "bronze", **kwargs})


def test_the_workflow_reuses_the_action_plans_two_tasks():
    workflow = Workflow.objects.get(name="Award stage approval")
    plan_workflow = Workflow.objects.get(name="Action plan approval")
    tasks = [t.specific for t in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [t.name for t in tasks] == ["Assigned worker review", "Steering group approval"]
    plan_tasks = plan_workflow.tasks.order_by("workflow_tasks__sort_order").values_list("pk", flat=True)
    assert [t.pk for t in tasks] == list(plan_tasks)


def test_approval_at_both_steps_makes_a_three_year_award_and_emails_the_certificate(
    school, lead, worker, steering, django_capture_on_commit_callbacks
):
    submission = at_steering_step(school, lead, worker)
    assert not Award.objects.exists()
    decide(submission, steering[0], "approve")
    assert not Award.objects.exists(), "one vote of a quorum of two is not enough"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(reload(submission), steering[1], "approve")

    submission = reload(submission)
    assert submission.live and not submission.in_review
    award = Award.objects.get()
    assert (award.school, award.stage, award.submission) == (school, Stage.BRONZE, submission)
    assert award.awarded_at.date() == timezone.now().date()
    assert award.expires_at - award.awarded_at == timedelta(days=3 * 365)
    certificate = [m for m in mail.outbox if "has the Bronze mental health award" in m.subject]
    assert len(certificate) == 1
    assert lead.email in certificate[0].to
    assert reverse("portal:awards:certificate", args=[school.urn, award.pk]) in certificate[0].body
    stored = CriterionEvidence.objects.filter(submission=submission)
    assert stored.count() == len(submission.criteria()), "the approved evidence is in the row's tables"
    assert reverse("certificates:verify", args=[award.code]) in certificate[0].body


def test_more_evidence_on_named_criteria_reopens_only_those(client, school, lead, worker):
    submission = submitted(school, lead)
    criteria = submission.criteria()
    named, other = criteria[0], criteria[1]
    decide(submission, worker, "reject", comment="Add the training certificate.", criteria=[named.pk])

    submission = reload(submission)
    assert submission.changes_requested
    assert list(EvidenceRequest.objects.values_list("criterion", flat=True)) == [named.pk]
    client.force_login(lead)
    page = client.get(stage_url(school)).content.decode()
    assert "Add the training certificate." in page
    assert "Only these can be changed until you submit again" in page
    assert named.title in page

    open_page = client.get(stage_url(school, "criterion", criterion_id=named.pk)).content.decode()
    assert 'enctype="multipart/form-data"' in open_page
    closed = client.get(stage_url(school, "criterion", criterion_id=other.pk))
    assert 'enctype="multipart/form-data"' not in closed.content.decode()
    refused = client.post(stage_url(school, "criterion", criterion_id=other.pk), {"narrative": "Changed"})
    assert refused.status_code == 403

    saved = client.post(
        stage_url(school, "criterion", criterion_id=named.pk),
        {"narrative": "The lead's certificate is attached now.", "links": "https://example.org/certificate"},
    )
    assert saved.status_code == 302
    draft = reload(submission).latest_revision.as_object()
    assert draft.evidence_by_criterion()[named.pk].narrative == "The lead's certificate is attached now."
    assert draft.evidence_by_criterion()[other.pk].narrative != "Changed"


def test_the_school_resubmits_to_the_step_that_asked(client, school, lead, worker, steering):
    submission = at_steering_step(school, lead, worker)
    first = submission.criteria()[0]
    decide(submission, steering[0], "reject", comment="Show pupil voice.", criteria=[first.pk])
    client.force_login(lead)
    response = client.post(stage_url(school, "submit"))
    assert response.status_code == 302
    submission = reload(submission)
    assert submission.in_review
    assert submission.current_workflow_task_state.task.name == "Steering group approval"
    assert not submission.open_evidence_requests().exists()
    # Nothing is editable while it is back with the reviewers.
    assert client.post(stage_url(school, "criterion", criterion_id=first.pk), {"narrative": "x"}).status_code == 403


def test_a_request_for_changes_must_name_criteria_on_the_review_page(client, school, lead, worker):
    submission = submitted(school, lead)
    client.force_login(worker)
    url = reverse(AwardSubmission.snippet_viewset.get_url_name("inspect"), args=[submission.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Which criteria need more evidence?" in page.content.decode()
    refused = client.post(url, {"decision": "reject", "comment": "More please."})
    assert refused.status_code == 200
    assert "Select the criteria that need more evidence." in refused.content.decode()
    assert reload(submission).in_review

    named = submission.criteria()[1]
    client.post(url, {"decision": "reject", "comment": "More please.", "criteria": [str(named.pk)]})
    assert reload(submission).changes_requested
    assert list(EvidenceRequest.objects.values_list("criterion", flat=True)) == [named.pk]


def test_the_review_page_shows_each_criterions_narrative_links_and_files(client, school, lead, worker):
    from .factories import evidence_file

    report = evidence_file(school, lead, name="Staff training log.pdf")
    submission = evidence_all(start(school, lead), lead, files=[report], narrative="Twelve staff trained in May.")
    submit(submission, lead)
    client.force_login(worker)
    url = reverse(AwardSubmission.snippet_viewset.get_url_name("inspect"), args=[submission.pk])
    page = client.get(url).content.decode()
    assert "Twelve staff trained in May." in page
    assert "https://example.org/wellbeing-policy" in page
    assert "Staff_training_log.pdf" in page
    assert reverse("portal:awards:download", args=[school.urn, report.pk]) in page


def test_approval_keeps_the_attached_files_on_the_approved_evidence(school, lead, worker, steering):
    from .factories import evidence_file

    report = evidence_file(school, lead)
    submission = evidence_all(start(school, lead), lead, files=[report])
    submit(submission, lead)
    decide(reload(submission), worker, "approve")
    for member in steering[:2]:
        decide(reload(submission), member, "approve")
    rows = CriterionEvidence.objects.filter(submission=submission).prefetch_related("files")
    assert rows and all([f.pk for f in row.files.all()] == [report.pk] for row in rows)


def test_withdrawing_cancels_the_review_and_reopens_every_criterion(client, school, lead, worker):
    submission = submitted(school, lead)
    withdraw(submission, lead)
    submission = reload(submission)
    assert not submission.in_review
    assert WorkflowState.objects.get(object_id=str(submission.pk)).status == WorkflowState.STATUS_CANCELLED
    with pytest.raises(SubmissionError):
        decide(submission, worker, "approve")
    client.force_login(lead)
    for criterion in submission.criteria():
        page = client.get(stage_url(school, "criterion", criterion_id=criterion.pk)).content.decode()
        assert 'enctype="multipart/form-data"' in page


def test_submitting_needs_evidence_for_every_criterion_and_names_the_missing_ones(school, lead):
    submission = start(school, lead)
    criteria = submission.criteria()
    submission = evidence_all(submission, lead, criteria=criteria[:1])
    problems = submission.latest_revision.as_object().submission_problems()
    assert len(problems) == len(criteria) - 1
    for criterion in criteria[1:]:
        assert any(criterion.title in problem for problem in problems)
    with pytest.raises(SubmissionError, match=criteria[1].title):
        submit(submission, lead)


def test_a_narrative_alone_is_not_evidence(school, lead):
    submission = evidence_all(start(school, lead), lead, links="")
    problems = submission.latest_revision.as_object().submission_problems()
    assert len(problems) == len(submission.criteria())
    assert "at least one file or link" in problems[0]


def test_renewal_drafts_a_new_version_and_its_approval_makes_a_new_award(client, school, lead, worker, steering):
    submission = approved(school, lead, worker, steering)
    first = Award.objects.get()
    client.force_login(lead)
    refused = client.post(stage_url(school, "renew"))
    assert refused.status_code == 302 and not reload(submission).has_draft, "not while the award is in date"

    Award.objects.filter(pk=first.pk).update(expires_at=first.awarded_at + timedelta(days=10))  # expired
    client.post(stage_url(school, "renew"))
    submission = reload(submission)
    assert submission.has_draft
    client.post(stage_url(school, "submit"))
    submission = reload(submission)
    assert submission.in_review
    decide(submission, worker, "approve")
    for member in steering[:2]:
        decide(reload(submission), member, "approve")
    assert Award.objects.filter(school=school, stage=Stage.BRONZE).count() == 2
    assert reload(submission).awards.count() == 2
