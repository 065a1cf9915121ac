"""Action plans in the Wagtail admin: scoped listings, read-only editor, the review queue and its actions."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import TaskState

import pytest

from tests.schools.factories import ClusterAssignmentFactory, LeadFactory, SchoolFactory
from users.roles import Role
from workflows.models import ActionPlan, AssignedWorkerReviewTask, SteeringGroupApprovalTask, Vote
from workflows.moderation import decide

from .factories import at_steering_step, change_draft, draft_plan, submitted_plan

pytestmark = pytest.mark.django_db

AWAITING = 'id="school-submissions-to-review-section"'
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def reload(plan):
    return ActionPlan.objects.get(pk=plan.pk)


def admin_url(view, *args):
    return reverse(ActionPlan.snippet_viewset.get_url_name(view), args=args)


def approve_url(plan, task_state, action="approve"):
    return admin_url("workflow_action", plan.pk, action, task_state.pk)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def awaiting(content):
    """The "School submissions awaiting your review" panel of the dashboard, or "" when it is not shown."""
    if AWAITING not in content:
        return ""
    return content.split(AWAITING, 1)[1].split("</table>", 1)[0]


@pytest.fixture
def plans(school, lead, other_school, other_lead):
    """A plan in review at each of two schools in different clusters."""
    return submitted_plan(school, lead), submitted_plan(other_school, other_lead)


@pytest.fixture
def public_health(role_user):
    return role_user(Role.PUBLIC_HEALTH)


# The listing


def test_worker_lists_only_their_clusters_plans(client, plans, worker):
    """A worker sees the plans of their cluster's schools and no others."""
    mine, theirs = plans
    client.force_login(worker)
    response = client.get(admin_url("list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert mine.school.name in content
    assert theirs.school.name not in content
    assert admin_url("inspect", mine.pk) in content, "without a change permission the row opens the inspect view"
    assert client.get(admin_url("inspect", mine.pk)).status_code == 200


@pytest.mark.parametrize("viewer", ["steering_member", "manager", "public_health"])
def test_leadership_lists_every_plan(client, request, plans, steering, viewer):
    """The steering group, Team Manager and Public Health see every school's plan."""
    user = steering[0] if viewer == "steering_member" else request.getfixturevalue(viewer)
    client.force_login(user)
    response = client.get(admin_url("list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert all(plan.school.name in content for plan in plans)


@pytest.mark.parametrize("member", ["lead", "staff_member"])
def test_school_users_cannot_use_the_admin(client, request, plans, member):
    """School roles never reach the admin, not even for their own plan."""
    client.force_login(request.getfixturevalue(member))
    response = client.get(admin_url("list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert plans[0].school.name not in response.content.decode()


# The review page: the editor sends everyone there, and nobody saves in the admin


def test_assigned_worker_is_sent_from_the_editor_to_the_review_page(client, plans, worker):
    """The worker reads the plan, its timeline and their decision forms on the review (inspect) page."""
    mine, _ = plans
    client.force_login(worker)
    response = client.get(admin_url("edit", mine.pk))
    assert response.status_code == 302
    assert response.url == admin_url("inspect", mine.pk)
    content = client.get(response.url).content.decode()
    assert "Your decision" in content
    assert 'value="approve"' in content and 'value="reject"' in content
    assert mine.get_draft().actions.first().objective in content
    assert "Submitted for approval" in content


def test_worker_decides_on_the_review_page(client, plans, worker):
    """Approving on the review page moves the plan to the steering group, with the comment on the timeline."""
    mine, _ = plans
    client.force_login(worker)
    response = client.post(admin_url("inspect", mine.pk), {"decision": "approve", "comment": "Well evidenced."})
    assert response.status_code == 302
    assert isinstance(reload(mine).current_workflow_task.specific, SteeringGroupApprovalTask)
    page = client.get(response.url).content.decode()
    assert "has been approved" in page
    assert "Well evidenced." in page
    assert "Your decision" not in page


def test_request_for_changes_on_the_review_page_needs_a_comment(client, plans, worker):
    """Without a comment the form says what is missing and nothing changes; with one, the plan goes back."""
    mine, _ = plans
    client.force_login(worker)
    response = client.post(admin_url("inspect", mine.pk), {"decision": "reject", "comment": " "})
    assert response.status_code == 200
    assert "Say what needs to change." in response.content.decode()
    assert reload(mine).in_review
    client.post(admin_url("inspect", mine.pk), {"decision": "reject", "comment": "Add dates to action 2."})
    assert reload(mine).changes_requested


def test_review_page_refuses_a_decision_from_someone_who_may_not_decide(client, plans, steering):
    """A steering member posting at the worker's step changes nothing."""
    mine, _ = plans
    client.force_login(steering[0])
    response = client.post(admin_url("inspect", mine.pk), {"decision": "approve"}, follow=True)
    assert "not waiting for your decision" in response.content.decode()
    assert isinstance(reload(mine).current_workflow_task.specific, AssignedWorkerReviewTask)


def test_review_page_offers_no_decision_to_those_who_may_not_decide(client, plans, steering, manager):
    """A steering member at the worker's step, or the Team Manager, reads the plan but cannot decide."""
    mine, _ = plans
    for user in (steering[0], manager):
        client.force_login(user)
        content = client.get(admin_url("inspect", mine.pk)).content.decode()
        assert mine.school.name in content
        assert "Your decision" not in content


def test_a_request_for_changes_without_a_comment_does_nothing(client, plans, worker):
    """The school must be told what to change."""
    mine, _ = plans
    task_state = mine.current_workflow_task_state
    client.force_login(worker)
    client.post(approve_url(mine, task_state, "reject"), {"comment": ""})
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_worker_of_another_cluster_gets_a_404_from_the_editor(client, plans, other_worker):
    """The school is not theirs to see, whatever the task allows."""
    mine, _ = plans
    client.force_login(other_worker)
    assert client.get(admin_url("edit", mine.pk)).status_code == 404
    assert client.post(admin_url("edit", mine.pk), {"summary": "Overwritten"}).status_code == 404
    assert reload(mine).latest_revision_id == mine.latest_revision_id


def test_saving_in_the_editor_changes_nothing(client, plans, worker):
    """A POST to the editor is turned away with a message pointing at the review queue."""
    mine, _ = plans
    client.force_login(worker)
    response = client.post(
        admin_url("edit", mine.pk),
        {"summary": "Overwritten in the admin", "actions-TOTAL_FORMS": "0", "actions-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302
    assert response.url == admin_url("edit", mine.pk)
    followed = client.get(response.url, follow=True).content.decode()
    assert "Schools change their submissions in the portal." in followed
    plan = reload(mine)
    assert plan.latest_revision_id == mine.latest_revision_id
    assert plan.get_draft().summary == mine.get_draft().summary
    assert plan.revisions.count() == 1
    assert plan.in_review


# The dashboard's review queue


def test_review_queue_at_the_worker_step(client, plans, worker, other_worker, steering):
    """Only the assigned worker has the plan waiting for them."""
    mine, theirs = plans
    assert mine.school.name in awaiting(dashboard(client, worker))
    assert theirs.school.name not in awaiting(dashboard(client, worker))
    assert mine.school.name not in awaiting(dashboard(client, other_worker))
    assert mine.school.name not in awaiting(dashboard(client, steering[0]))


def test_review_queue_at_the_steering_step(client, school, lead, worker, steering):
    """Steering members who have not voted see the plan; the one who voted, and the worker, do not."""
    plan = at_steering_step(school, lead, worker)
    decide(plan, steering[0], "approve")
    assert school.name not in awaiting(dashboard(client, steering[0]))
    assert school.name in awaiting(dashboard(client, steering[1]))
    assert school.name in awaiting(dashboard(client, steering[2]))
    assert school.name not in awaiting(dashboard(client, worker))


# Acting from the review queue


def test_assigned_worker_approves_from_the_dashboard(client, plans, worker):
    """The workflow action URL advances the plan to the steering group."""
    mine, _ = plans
    task_state = mine.current_workflow_task_state
    client.force_login(worker)
    response = client.post(approve_url(mine, task_state), {"comment": "Clear and achievable."})
    assert response.status_code == 302
    plan = reload(mine)
    assert isinstance(plan.current_workflow_task.specific, SteeringGroupApprovalTask)
    finished = TaskState.objects.get(pk=task_state.pk)
    assert finished.status == TaskState.STATUS_APPROVED
    assert finished.finished_by == worker
    assert finished.comment == "Clear and achievable."


def test_assigned_worker_requests_changes_from_the_dashboard(client, plans, worker):
    """Requesting changes with a comment sends the plan back to the school."""
    mine, _ = plans
    client.force_login(worker)
    client.post(approve_url(mine, mine.current_workflow_task_state, "reject"), {"comment": "Add dates."})
    assert reload(mine).changes_requested


def test_worker_of_another_cluster_cannot_act(client, plans, other_worker):
    """The same POST by a worker who may not see the school is refused and changes nothing."""
    mine, _ = plans
    task_state = mine.current_workflow_task_state
    client.force_login(other_worker)
    response = client.post(approve_url(mine, task_state), {"comment": ""})
    assert response.status_code in (403, 404)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert isinstance(reload(mine).current_workflow_task.specific, AssignedWorkerReviewTask)


def test_a_task_state_of_another_school_is_refused(client, plans, worker):
    """The URL names the worker's own school's plan but another school's task state: refused, nothing moves."""
    mine, theirs = plans
    client.force_login(worker)
    url = approve_url(mine, theirs.current_workflow_task_state)
    assert client.post(url, {"comment": ""}, **XHR).status_code == 403, "as the dashboard's modal posts"
    response = client.post(url, {"comment": ""}, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission" in response.content.decode()
    for plan in plans:
        task_state = TaskState.objects.get(pk=plan.current_workflow_task_state.pk)
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        assert isinstance(reload(plan).current_workflow_task.specific, AssignedWorkerReviewTask)


def test_steering_members_vote_from_the_dashboard(client, school, lead, worker, steering):
    """Each approval is a vote; the second completes the step and the plan comes into force."""
    plan = at_steering_step(school, lead, worker)
    task_state = plan.current_workflow_task_state
    for member in steering[:2]:
        client.force_login(member)
        client.post(approve_url(plan, task_state), {"comment": ""})
    assert Vote.objects.filter(task_state=task_state).count() == 2
    assert reload(plan).live
    client.force_login(steering[2])
    response = client.post(approve_url(plan, task_state), {"comment": ""})
    assert response.status_code == 302, "no longer in moderation: redirected with a message"
    assert Vote.objects.filter(task_state=task_state).count() == 2


# History and compare


@pytest.fixture
def two_revisions(school, lead):
    plan = draft_plan(school, lead)
    return change_draft(plan, lead, summary="A second version")


def test_steering_member_reads_history_and_compares_revisions(client, two_revisions, steering):
    """The view permission is enough for the history and the comparison of two versions."""
    first, second = two_revisions.revisions.order_by("pk")
    client.force_login(steering[0])
    assert client.get(admin_url("history", two_revisions.pk)).status_code == 200
    response = client.get(admin_url("revisions_compare", two_revisions.pk, first.pk, second.pk))
    assert response.status_code == 200
    assert "A second version" in response.content.decode()


def test_worker_of_another_cluster_gets_a_404_from_history_and_compare(client, two_revisions, other_worker):
    """History, comparison and inspection do not reveal another cluster's plan."""
    first, second = two_revisions.revisions.order_by("pk")
    client.force_login(other_worker)
    for url in (
        admin_url("history", two_revisions.pk),
        admin_url("revisions_compare", two_revisions.pk, first.pk, second.pk),
        admin_url("inspect", two_revisions.pk),
        admin_url("workflow_history", two_revisions.pk),
    ):
        assert client.get(url).status_code == 404, url


def test_worker_of_another_cluster_gets_a_404_from_the_cancellation_modal(client, plans, other_worker):
    """The modal names the plan's current review step, so it must not answer for a school they may not see."""
    mine, _ = plans
    client.force_login(other_worker)
    response = client.get(admin_url("confirm_workflow_cancellation", mine.pk))
    assert "Assigned worker review" not in response.content.decode()
    assert response.status_code == 404


# Query counts


def _plans_in_new_schools(count, build):
    """`count` plans, each at a new school with its own lead and worker, built by `build(school, lead, worker)`."""
    made = []
    for _ in range(count):
        school = SchoolFactory()
        lead = LeadFactory(school=school).user
        worker = ClusterAssignmentFactory(cluster=school.cluster).worker
        made.append(build(school, lead, worker))
    return made


def _queries(client, url):
    client.get(url)  # warm per-process caches (content types, site, menus)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_listing_queries_do_not_grow_with_plans(client, manager, django_assert_num_queries):
    """3 plans or 15, the same queries."""
    _plans_in_new_schools(3, lambda school, lead, worker: draft_plan(school, lead))
    client.force_login(manager)
    expected, _ = _queries(client, admin_url("list"))
    _plans_in_new_schools(12, lambda school, lead, worker: draft_plan(school, lead))
    with django_assert_num_queries(expected):
        response = client.get(admin_url("list"))
    assert response.content.decode().count("Fictional Primary School") >= 15


def test_review_queue_queries_do_not_grow_with_waiting_plans(client, steering, django_assert_num_queries):
    """A steering member's dashboard with 2 plans waiting or 10, the same queries."""
    _plans_in_new_schools(2, at_steering_step)
    client.force_login(steering[0])
    expected, response = _queries(client, reverse("wagtailadmin_home"))
    assert awaiting(response.content.decode()).count("Fictional Primary School") == 2
    _plans_in_new_schools(8, at_steering_step)
    with django_assert_num_queries(expected):
        response = client.get(reverse("wagtailadmin_home"))
    assert awaiting(response.content.decode()).count("Fictional Primary School") == 10


def test_review_page_queries_do_not_grow_with_actions(client, steering, django_assert_num_queries):
    """The worker's review page for a plan of 2 actions or 20, the same queries."""
    urls = []
    for size in (2, 20):
        school = SchoolFactory()
        lead = LeadFactory(school=school).user
        worker = ClusterAssignmentFactory(cluster=school.cluster).worker
        plan = submitted_plan(school, lead, actions=size)
        urls.append((worker, admin_url("inspect", plan.pk)))
    client.force_login(urls[0][0])
    expected, _ = _queries(client, urls[0][1])
    client.force_login(urls[1][0])
    client.get(urls[1][1])
    with django_assert_num_queries(expected):
        response = client.get(urls[1][1])
    assert len(response.context["actions"]) == 20
    assert "Your decision" in response.content.decode()
