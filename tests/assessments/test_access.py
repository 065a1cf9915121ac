"""Who reaches which self-assessment page, and marking a feedback report as sent."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

import pytest

from assessments.models import Assessment, Round
from tests.assessments.factories import AssessmentFactory, submitted_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(school, framework):
    return submitted_assessment(school)


def every_url(school, assessment):
    """(method, url) for every page of the app for this school and assessment."""
    urn, pk = school.urn, assessment.pk
    return [
        ("get", reverse("portal:assessments:rounds", args=[urn])),
        ("get", reverse("portal:assessments:start", args=[urn])),
        ("get", reverse("portal:assessments:overview", args=[urn, pk])),
        ("get", reverse("portal:assessments:principle", args=[urn, pk, 1])),
        ("get", reverse("portal:assessments:check", args=[urn, pk])),
        ("get", reverse("portal:assessments:report", args=[urn, pk])),
        ("get", reverse("portal:assessments:report_pdf", args=[urn, pk])),
        ("post", reverse("portal:assessments:mark_sent", args=[urn, pk])),
    ]


def test_other_schools_lead_gets_404_everywhere(client, school, submitted, other_lead):
    client.force_login(other_lead)
    for method, url in every_url(school, submitted):
        assert getattr(client, method)(url).status_code == 404, url


def test_worker_of_another_cluster_gets_404_everywhere(client, school, submitted, other_worker):
    client.force_login(other_worker)
    for method, url in every_url(school, submitted):
        assert getattr(client, method)(url).status_code == 404, url


def test_anonymous_is_sent_to_sign_in(client, school, submitted):
    for method, url in every_url(school, submitted):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.url.startswith(resolve_url(settings.LOGIN_URL)), url


def test_assessment_of_another_school_is_404_under_this_schools_url(client, school, lead, framework, other_school):
    theirs = submitted_assessment(other_school)
    client.force_login(lead)
    assert client.get(reverse("portal:assessments:report", args=[school.urn, theirs.pk])).status_code == 404


def test_assigned_worker_and_all_school_roles_see_the_report(client, school, submitted, worker, manager):
    for user in (worker, manager):
        client.force_login(user)
        response = client.get(reverse("portal:assessments:report", args=[school.urn, submitted.pk]))
        assert response.status_code == 200
        assert "Mark as sent to the school" in response.content.decode()


def mark(client, assessment):
    return client.post(reverse("portal:assessments:mark_sent", args=[assessment.school.urn, assessment.pk]))


def test_worker_marks_report_sent_once_and_the_lead_is_emailed(
    client, school, lead, submitted, worker, manager, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = mark(client, submitted)
    assert response.status_code == 302
    submitted.refresh_from_db()
    first = submitted.report_sent_at
    assert first is not None and submitted.report_sent_by == worker
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [lead.email]
    assert reverse("portal:assessments:report", args=[school.urn, submitted.pk]) in mailoutbox[0].body

    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        mark(client, submitted)
    submitted.refresh_from_db()
    assert submitted.report_sent_at == first and submitted.report_sent_by == worker
    assert len(mailoutbox) == 1
    page = client.get(reverse("portal:assessments:report", args=[school.urn, submitted.pk])).content.decode()
    assert "Sent to the school on" in page
    assert "Mark as sent to the school" not in page


def test_team_manager_marks_report_sent(client, submitted, manager):
    client.force_login(manager)
    mark(client, submitted)
    submitted.refresh_from_db()
    assert submitted.report_sent_by == manager


@pytest.mark.parametrize("who", ["lead", "staff_member", "head"])
def test_school_users_cannot_mark_report_sent(client, submitted, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(reverse("portal:assessments:report", args=[submitted.school.urn, submitted.pk]))
    assert "Mark as sent to the school" not in page.content.decode()
    assert mark(client, submitted).status_code == 403
    submitted.refresh_from_db()
    assert submitted.report_sent_at is None


def test_report_of_round_in_progress_cannot_be_marked_sent(client, open_assessment, worker):
    client.force_login(worker)
    assert mark(client, open_assessment).status_code == 404


def render_summary(school, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load assessments_tags %}{% self_assessment_summary school %}")
    return template.render(Context({"school": school, "request": request}))


def test_school_summary_not_started(school, lead, framework):
    html = render_summary(school, lead)
    assert "Not started" in html
    assert reverse("portal:assessments:rounds", args=[school.urn]) in html


def test_school_summary_in_progress_and_submitted(school, lead, framework):
    submitted = submitted_assessment(school)
    html = render_summary(school, lead)
    assert "Submitted" in html
    assert reverse("portal:assessments:report", args=[school.urn, submitted.pk]) in html
    review = AssessmentFactory(school=school, round=Round.REVIEW, status=Assessment.Status.IN_PROGRESS)
    html = render_summary(school, lead)
    assert "In progress" in html
    assert reverse("portal:assessments:overview", args=[school.urn, review.pk]) in html
