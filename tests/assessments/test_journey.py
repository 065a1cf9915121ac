"""The task list: start a round, answer principle by principle, check answers, submit."""

from django.db import IntegrityError
from django.urls import reverse

import pytest

from assessments.models import Assessment, Rating, Response, Round
from assessments.services import AssessmentError, start_round
from tests.assessments.factories import AssessmentFactory, answer_all, submitted_assessment
from tests.schools.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def url(name, assessment=None, *extra, school=None):
    school = school or assessment.school
    args = [school.urn] + ([assessment.pk] if assessment else []) + list(extra)
    return reverse(f"portal:assessments:{name}", args=args)


def principle_data(assessment, number, rating=Rating.ACHIEVED, note="", button="continue", skip=0):
    """POST data rating every statement of principle `number` (except the last `skip`)."""
    statements = list(assessment.framework.statements.filter(principle__number=number).order_by("sort_order"))
    data = {button: "1"}
    for statement in statements[: len(statements) - skip]:
        data[f"rating_{statement.pk}"] = str(rating)
        data[f"note_{statement.pk}"] = note
    return data


def test_lead_starts_the_baseline(client, school, lead, framework):
    client.force_login(lead)
    page = client.get(url("rounds", school=school)).content.decode()
    assert "Start the baseline self-assessment" in page
    form = client.get(url("start", school=school)).content.decode()
    assert "Baseline" in form and "Review" not in form
    response = client.post(url("start", school=school), {"round": Round.BASELINE})
    assessment = Assessment.objects.get(school=school)
    assert response.url == url("overview", assessment)
    assert assessment.framework == framework
    assert assessment.started_by == lead
    assert assessment.status == Assessment.Status.IN_PROGRESS


def test_head_teacher_may_start_but_staff_may_not(client, school, head, staff_member, framework):
    client.force_login(staff_member)
    page = client.get(url("rounds", school=school)).content.decode()
    assert "Only the school's designated Mental Health Lead or the head teacher can start a round" in page
    assert client.post(url("start", school=school), {"round": Round.BASELINE}).status_code == 403
    client.force_login(head)
    client.post(url("start", school=school), {"round": Round.BASELINE})
    assert Assessment.objects.filter(school=school, started_by=head).exists()


def test_baseline_comes_first_and_one_round_is_open_at_a_time(school, lead, framework):
    with pytest.raises(AssessmentError):
        start_round(school, Round.REVIEW, lead)
    start_round(school, Round.BASELINE, lead)
    with pytest.raises(AssessmentError, match="in progress"):
        start_round(school, Round.REVIEW, lead)


def test_database_allows_one_open_assessment_per_school(school, framework):
    AssessmentFactory(school=school, round=Round.BASELINE)
    with pytest.raises(IntegrityError):
        AssessmentFactory(school=school, round=Round.REVIEW)


def test_database_allows_each_round_once_per_school(school, framework):
    submitted_assessment(school, round=Round.BASELINE)
    with pytest.raises(IntegrityError):
        submitted_assessment(school, round=Round.BASELINE)


def test_after_the_baseline_the_other_rounds_can_start(client, school, lead, framework):
    submitted_assessment(school)
    client.force_login(lead)
    form = client.get(url("start", school=school)).content.decode()
    assert "Review" in form and "End of pilot" in form
    client.post(url("start", school=school), {"round": Round.REVIEW})
    assert Assessment.objects.get(school=school, round=Round.REVIEW).status == Assessment.Status.IN_PROGRESS


def test_task_list_shows_each_principles_status(client, open_assessment, lead):
    statement = open_assessment.framework.statements.filter(principle__number=2).first()
    Response.objects.create(assessment=open_assessment, statement=statement, rating=Rating.ACHIEVED)
    answer_all_of(open_assessment, 3)
    client.force_login(lead)
    page = client.get(url("overview", open_assessment)).content.decode()
    assert page.count('<li class="govuk-task-list__item') == 9
    assert "You have completed 1 of 8 principles" in page
    statuses = [part.split("</div>")[0] for part in page.split('class="govuk-task-list__status"')[1:]]
    assert "Not started" in statuses[0]
    assert "In progress" in statuses[1]
    assert "Completed" in statuses[2]
    assert "Cannot submit yet" in statuses[8]


def answer_all_of(assessment, number, rating=Rating.ACHIEVED):
    for statement in assessment.framework.statements.filter(principle__number=number):
        Response.objects.update_or_create(assessment=assessment, statement=statement, defaults={"rating": rating})


def test_save_and_come_back_later_keeps_partial_answers(client, open_assessment, staff_member):
    client.force_login(staff_member)
    data = principle_data(open_assessment, 1, note="Minutes of March governors' meeting", button="later", skip=1)
    response = client.post(url("principle", open_assessment, 1), data)
    assert response.url == url("overview", open_assessment)
    responses = Response.objects.filter(assessment=open_assessment)
    assert responses.count() == open_assessment.framework.statements.filter(principle__number=1).count() - 1
    assert {r.answered_by for r in responses} == {staff_member}
    assert responses.first().note == "Minutes of March governors' meeting"
    page = client.get(url("principle", open_assessment, 1)).content.decode()
    assert "Minutes of March governors&#x27; meeting" in page or "Minutes of March governors' meeting" in page
    assert "In progress" in client.get(url("overview", open_assessment)).content.decode()


def test_save_and_continue_needs_every_statement_rated(client, open_assessment, lead):
    client.force_login(lead)
    response = client.post(url("principle", open_assessment, 1), principle_data(open_assessment, 1, skip=1))
    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "Select how far statement 1." in content
    assert "<title>Error: " in content


def test_save_and_continue_goes_to_the_next_unfinished_principle_then_check_answers(client, open_assessment, lead):
    client.force_login(lead)
    response = client.post(url("principle", open_assessment, 1), principle_data(open_assessment, 1))
    assert response.url == url("principle", open_assessment, 2)
    for number in range(2, 8):
        client.post(url("principle", open_assessment, number), principle_data(open_assessment, number))
    response = client.post(url("principle", open_assessment, 8), principle_data(open_assessment, 8))
    assert response.url == url("check", open_assessment)


def test_answers_history_records_who_changed_what(client, open_assessment, lead, staff_member):
    client.force_login(staff_member)
    client.post(url("principle", open_assessment, 1), principle_data(open_assessment, 1, rating=Rating.WORKING_TOWARDS))
    client.force_login(lead)
    client.post(url("principle", open_assessment, 1), principle_data(open_assessment, 1, rating=Rating.EMBEDDED))
    response = Response.objects.filter(assessment=open_assessment).first()
    ratings = list(response.history.order_by("history_date").values_list("rating", "history_user"))
    assert ratings == [(Rating.WORKING_TOWARDS, staff_member.pk), (Rating.EMBEDDED, lead.pk)]


def test_check_answers_lists_every_statement_with_change_links(client, open_assessment, lead):
    answer_all(open_assessment, default=Rating.EMBEDDED)
    client.force_login(lead)
    page = client.get(url("check", open_assessment)).content.decode()
    assert page.count("govuk-summary-list__row") == open_assessment.framework.statements.count()
    assert page.count("Embedded") == open_assessment.framework.statements.count()
    assert url("principle", open_assessment, 5) in page
    assert "Submit the self-assessment" in page


def test_lead_submits_and_it_becomes_read_only(
    client, open_assessment, lead, worker, mailoutbox, django_capture_on_commit_callbacks
):
    answer_all(open_assessment)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("check", open_assessment))
    assert response.url == url("report", open_assessment)
    open_assessment.refresh_from_db()
    assert open_assessment.is_submitted and open_assessment.submitted_by == lead
    assert mailoutbox[-1].to == [worker.email]
    assert "has submitted its baseline self-assessment" in mailoutbox[-1].subject
    assert url("report", open_assessment) in mailoutbox[-1].body

    assert client.get(url("principle", open_assessment, 1)).url == url("check", open_assessment) + "#principle-1"
    before = list(Response.objects.values_list("rating", flat=True))
    client.post(url("principle", open_assessment, 1), principle_data(open_assessment, 1, rating=Rating.NOT_IN_PLACE))
    assert list(Response.objects.values_list("rating", flat=True)) == before
    page = client.get(url("check", open_assessment)).content.decode()
    assert "Change" not in page and "Submit the self-assessment" not in page
    assert client.post(url("check", open_assessment)).status_code == 403


def test_incomplete_assessment_cannot_be_submitted(client, open_assessment, lead):
    answer_all_of(open_assessment, 1)
    client.force_login(lead)
    page = client.get(url("check", open_assessment)).content.decode()
    assert "Every statement needs a rating" in page
    client.post(url("check", open_assessment))
    open_assessment.refresh_from_db()
    assert not open_assessment.is_submitted


def test_staff_contribute_but_only_lead_or_head_submit(client, open_assessment, staff_member):
    answer_all(open_assessment)
    client.force_login(staff_member)
    page = client.get(url("check", open_assessment)).content.decode()
    assert "Only the school's designated Mental Health Lead or the head teacher can submit" in page
    assert client.post(url("check", open_assessment)).status_code == 403
    open_assessment.refresh_from_db()
    assert not open_assessment.is_submitted


def test_head_teacher_submits(client, open_assessment, head):
    answer_all(open_assessment)
    client.force_login(head)
    client.post(url("check", open_assessment))
    open_assessment.refresh_from_db()
    assert open_assessment.submitted_by == head


def test_worker_sees_but_does_not_answer(client, open_assessment, worker):
    client.force_login(worker)
    overview = client.get(url("overview", open_assessment)).content.decode()
    assert "Only people at the school can add answers" in overview
    response = client.get(url("principle", open_assessment, 1))
    assert response.url == url("check", open_assessment) + "#principle-1"
    client.post(url("principle", open_assessment, 1), principle_data(open_assessment, 1))
    assert not Response.objects.exists()
    assert client.post(url("start", school=open_assessment.school)).status_code == 403


def test_rounds_page_lists_past_and_current_rounds(client, school, lead, framework):
    submitted_assessment(school)
    AssessmentFactory(school=school, round=Round.REVIEW)
    client.force_login(lead)
    page = client.get(url("rounds", school=school)).content.decode()
    assert "Baseline" in page and "Review" in page
    assert "Feedback report" in page and "Continue" in page


def test_unknown_principle_is_404(client, open_assessment, lead):
    client.force_login(lead)
    assert client.get(url("principle", open_assessment, 9)).status_code == 404


@pytest.mark.parametrize("answered", [1, 8])
def test_overview_query_count_is_constant(client, school, lead, framework, answered, django_assert_num_queries):
    assessment = AssessmentFactory(school=school)
    for number in range(1, answered + 1):
        answer_all_of(assessment, number)
    SchoolFactory.create_batch(answered)
    client.force_login(lead)
    client.get(url("overview", assessment))  # the first request creates the site's settings
    with django_assert_num_queries(QUERIES_OVERVIEW):
        response = client.get(url("overview", assessment))
    assert response.status_code == 200


# Session, user and its permissions (2), school, assessment, membership role, responses, statements, site, settings.
QUERIES_OVERVIEW = 11
