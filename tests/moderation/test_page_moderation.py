"""Every page goes through the Team Manager's approval: exercised through the real Wagtail admin views."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from home.demo_content import build_site
from home.models import StandardPage
from users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return build_site()["home"]


@pytest.fixture
def editor(role_user):
    return role_user(Role.EDITOR)


def page_form(title, slug, **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "What schools need to know about transition to secondary school.",
            "body": streamfield([("paragraph", rich_text("<p>Plan the move with the secondary school.</p>"))]),
            "comments": inline_formset([]),
        }
    )
    data.update(actions)
    return data


def create_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))


def submit_new_page(client, user, parent, slug="transition"):
    client.force_login(user)
    response = client.post(create_url(parent), page_form("Transition guidance", slug, **{"action-submit": "Submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return StandardPage.objects.get(slug=slug)


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def test_the_site_tree_is_moderated_by_the_team_manager_approval_task():
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    assert workflow is not None and workflow.active
    tasks = [task.specific for task in workflow.tasks.all()]
    assert [task.name for task in tasks] == ["Team Manager approval"]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [Role.TEAM_MANAGER]
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_every_page_inherits_the_workflow(home):
    about = StandardPage.objects.get(slug="about")
    assert home.get_workflow() == about.get_workflow() == Workflow.objects.get(workflow_pages__page__depth=1)


def test_editor_submits_a_new_page_which_waits_for_the_team_manager(client, home, editor, manager):
    page = submit_new_page(client, editor, home)
    assert not page.live
    assert page.has_unpublished_changes
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    task_state = state.current_task_state
    assert task_state.task.name == "Team Manager approval"
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    # It is in the Team Manager's queue and not in the editor's.
    task = task_state.task.specific
    assert task.get_actions(page, manager) == [
        ("reject", "Request changes", True),
        ("approve", "Approve", False),
        ("approve", "Approve with comment", True),
    ]
    assert task.get_actions(page, editor) == []
    assert page in [ts.revision.content_object for ts in task.get_task_states_user_can_moderate(manager)]
    assert not task.get_task_states_user_can_moderate(editor).exists()
    client.force_login(manager)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Transition guidance" in dashboard and "Awaiting your review" in dashboard
    # The public cannot see it.
    client.logout()
    assert client.get("/transition/").status_code == 404


def test_editor_cannot_publish(client, home, editor):
    client.force_login(editor)
    edit_view = client.get(create_url(home)).content.decode()
    assert 'name="action-submit"' in edit_view
    assert 'name="action-publish"' not in edit_view
    response = client.post(create_url(home), page_form("Sneaky", "sneaky", **{"action-publish": "Publish"}))
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="sneaky")
    assert not page.live
    assert page.get_latest_revision() is not None
    # Nor can they approve their own submission.
    submitted = submit_new_page(client, editor, home)
    task_state = submitted.current_workflow_task_state
    response = client.post(workflow_action_url(submitted, "approve", task_state), {"comment": ""})
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error message.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    submitted.refresh_from_db()
    assert not submitted.live


def test_team_manager_approves_and_the_page_is_published(client, home, editor, manager):
    page = submit_new_page(client, editor, home)
    task_state = page.current_workflow_task_state
    client.force_login(manager)
    response = client.post(workflow_action_url(page, "approve", task_state), {"comment": "Looks good."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision == task_state.revision
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.get_comment() == "Looks good."
    assert task_state.workflow_state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert client.get("/transition/").status_code == 200


def test_request_for_changes_sends_the_page_back_with_the_comment(client, home, editor, manager):
    page = submit_new_page(client, editor, home)
    task_state = page.current_workflow_task_state
    client.force_login(manager)
    comment = "Please add who to contact at the secondary school."
    response = client.post(workflow_action_url(page, "reject", task_state), {"comment": comment})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == comment
    workflow_state = task_state.workflow_state
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # The editor sees the request and the comment on their edit screen and can resubmit.
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "Changes requested" in edit
    assert comment in edit


def test_the_workflow_is_named_after_its_approver():
    workflow = Page.get_first_root_node().get_workflow()
    assert workflow.name == "Team Manager approval"
