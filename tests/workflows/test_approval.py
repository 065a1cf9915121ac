"""Every path through "Action plan approval": the assigned worker, then a steering-group quorum."""

from django.core import mail
from django.core.exceptions import PermissionDenied

from wagtail.models import TaskState, Workflow, WorkflowState

import pytest

from tests.schools.factories import ClusterAssignmentFactory, MembershipFactory
from workflows.models import ActionPlan, AssignedWorkerReviewTask, SteeringGroupApprovalTask, Vote
from workflows.moderation import SubmissionError, decide, submit, withdraw
from workflows.timeline import timeline

from .factories import change_draft, draft_plan

pytestmark = pytest.mark.django_db


def reload(plan):
    return ActionPlan.objects.get(pk=plan.pk)


def queue(user):
    """The task states in a user's dashboard review queue."""
    return set(TaskState.objects.reviewable_by(user).values_list("pk", flat=True))


def submitted(school, lead):
    plan = draft_plan(school, lead, actions=2)
    submit(plan, lead)
    return reload(plan)


def test_the_workflow_is_created_by_a_migration_and_assigned_to_action_plans():
    workflow = ActionPlan.get_default_workflow()
    assert workflow.name == "Action plan approval"
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [AssignedWorkerReviewTask, SteeringGroupApprovalTask]
    assert tasks[1].quorum == 2
    assert list(tasks[1].groups.values_list("name", flat=True)) == ["Steering group member"]


def test_worker_then_quorum_of_steering_members_approve(school, lead, worker, steering):
    plan = submitted(school, lead)
    assert plan.in_review and plan.current_workflow_task.specific.__class__ is AssignedWorkerReviewTask

    decide(plan, worker, "approve")
    plan = reload(plan)
    assert isinstance(plan.current_workflow_task, SteeringGroupApprovalTask)
    assert not plan.live

    decide(plan, steering[0], "approve", comment="Clear and measurable.")
    plan = reload(plan)
    assert plan.in_review and not plan.live, "one approval is short of the quorum of 2"
    assert Vote.objects.filter(voter=steering[0], decision=Vote.Decision.APPROVE).count() == 1

    decide(plan, steering[1], "approve")
    plan = reload(plan)
    assert plan.live
    assert not plan.in_review
    assert plan.current_workflow_state is None
    approved = plan.live_revision.as_object()
    assert [a.objective for a in plan.actions.all()] == [a.objective for a in approved.actions.all()]
    assert plan.actions.count() == 2
    assert WorkflowState.objects.get(status=WorkflowState.STATUS_APPROVED)


def test_finishing_does_not_need_a_publish_permission(school, lead, worker, steering):
    plan = submitted(school, lead)
    decide(plan, worker, "approve")
    for member in steering[:2]:
        assert not member.has_perm("workflows.publish_actionplan")
        decide(reload(plan), member, "approve")
    assert reload(plan).live


def test_worker_requests_changes_then_school_resubmits_to_the_worker(school, lead, worker, steering):
    plan = submitted(school, lead)
    decide(plan, worker, "reject", comment="Add a success measure you can count.")
    plan = reload(plan)
    assert plan.changes_requested and not plan.in_review
    assert plan.current_workflow_state.current_task_state.comment == "Add a success measure you can count."

    plan = change_draft(plan, lead, summary="Revised after review")
    submit(plan, lead)
    plan = reload(plan)
    assert plan.in_review
    assert isinstance(plan.current_workflow_task, AssignedWorkerReviewTask)
    assert plan.current_workflow_task_state.revision == plan.latest_revision


def test_one_steering_request_for_changes_sends_it_back(school, lead, worker, steering):
    plan = submitted(school, lead)
    decide(plan, worker, "approve")
    decide(reload(plan), steering[0], "approve")
    decide(reload(plan), steering[1], "reject", comment="Involve parents in action 2.")
    plan = reload(plan)
    assert plan.changes_requested
    assert not plan.live

    submit(plan, lead)
    plan = reload(plan)
    assert isinstance(plan.current_workflow_task, SteeringGroupApprovalTask), "resumes at the step that asked"
    # A new round of voting: the earlier approval does not count towards it.
    decide(plan, steering[2], "approve")
    assert not reload(plan).live
    decide(reload(plan), steering[0], "approve")
    assert reload(plan).live


def test_request_for_changes_needs_a_comment(school, lead, worker):
    plan = submitted(school, lead)
    with pytest.raises(PermissionDenied):
        decide(plan, worker, "reject", comment="  ")
    assert reload(plan).in_review


def test_a_member_cannot_vote_twice(school, lead, worker, steering):
    plan = submitted(school, lead)
    decide(plan, worker, "approve")
    decide(reload(plan), steering[0], "approve")
    plan = reload(plan)
    assert plan.current_workflow_task.get_actions(plan, steering[0]) == []
    with pytest.raises(PermissionDenied):
        decide(plan, steering[0], "approve")
    assert Vote.objects.count() == 1


def test_a_steering_member_who_belongs_to_the_school_is_recused(school, lead, worker, steering):
    MembershipFactory(school=school, user=steering[0])
    plan = submitted(school, lead)
    decide(plan, worker, "approve")
    plan = reload(plan)
    assert plan.current_workflow_task.get_actions(plan, steering[0]) == []
    assert plan.current_workflow_task_state.pk not in queue(steering[0])
    assert plan.current_workflow_task_state.pk in queue(steering[1])
    with pytest.raises(PermissionDenied):
        decide(plan, steering[0], "approve")
    assert not Vote.objects.exists()


def test_worker_of_another_cluster_cannot_act_and_does_not_see_it_queued(school, lead, worker, other_worker):
    plan = submitted(school, lead)
    task_state = plan.current_workflow_task_state
    assert task_state.pk in queue(worker)
    assert task_state.pk not in queue(other_worker)
    assert plan.current_workflow_task.get_actions(plan, other_worker) == []
    with pytest.raises(PermissionDenied):
        decide(plan, other_worker, "approve")
    assert reload(plan).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_steering_member_cannot_act_on_the_worker_step(school, lead, worker, steering):
    plan = submitted(school, lead)
    assert plan.current_workflow_task.get_actions(plan, steering[0]) == []
    assert plan.current_workflow_task_state.pk not in queue(steering[0])
    with pytest.raises(PermissionDenied):
        decide(plan, steering[0], "approve")


def test_the_team_manager_and_superuser_are_not_reviewers_by_default(school, lead, manager, django_user_model):
    plan = submitted(school, lead)
    superuser = django_user_model.objects.create_superuser(email="root@example.org", password="x")  # noqa: S106
    for user in (manager, superuser):
        assert plan.current_workflow_task.get_actions(plan, user) == []


def test_a_team_manager_assigned_to_the_cluster_reviews_like_a_worker(school, lead, manager):
    ClusterAssignmentFactory(cluster=school.cluster, worker=manager)
    plan = submitted(school, lead)
    decide(plan, manager, "approve")
    assert isinstance(reload(plan).current_workflow_task, SteeringGroupApprovalTask)


def test_acting_on_a_task_state_of_another_school_is_refused(school, lead, worker, other_school, other_lead):
    """The admin's action URL names the task state: the reviewer is checked against its school."""
    mine = submitted(school, lead)
    theirs = submitted(other_school, other_lead)
    task_state = theirs.current_workflow_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, worker, "approve")
    assert mine.in_review
    assert reload(theirs).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_withdrawing_cancels_the_review(school, lead, worker):
    plan = submitted(school, lead)
    withdraw(plan, lead)
    plan = reload(plan)
    assert not plan.in_review and plan.current_workflow_state is None
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    assert queue(worker) == set()
    submit(plan, lead)
    assert reload(plan).in_review


def test_cannot_submit_twice_or_without_changes_or_actions(school, lead, worker, steering):
    plan = submitted(school, lead)
    with pytest.raises(SubmissionError, match="already with the reviewers"):
        submit(plan, lead)
    empty = draft_plan(MembershipFactory(role="mental_health_lead").school, lead, actions=0)
    MembershipFactory(school=empty.school, user=lead, role="head_teacher")
    with pytest.raises(SubmissionError, match="at least one action"):
        submit(empty, lead)

    decide(plan, worker, "approve")
    for member in steering[:2]:
        decide(reload(plan), member, "approve")
    with pytest.raises(SubmissionError, match="no changes"):
        submit(reload(plan), lead)


def test_only_the_lead_or_head_teacher_submits(school, lead, head, staff_member, worker):
    plan = draft_plan(school, lead)
    for user in (staff_member, worker):
        with pytest.raises(PermissionDenied):
            submit(plan, user)
    submit(plan, head)
    assert reload(plan).in_review


def test_approved_plan_stays_in_force_while_the_next_version_is_drafted(school, lead, worker, steering):
    plan = submitted(school, lead)
    decide(plan, worker, "approve")
    for member in steering[:2]:
        decide(reload(plan), member, "approve")
    plan = reload(plan)
    approved_revision = plan.live_revision

    plan = change_draft(plan, lead, summary="Second year: embed what worked")
    assert plan.live and plan.has_draft
    assert plan.summary == "Every pupil knows a trusted adult.", "the row is still the approved plan"
    assert plan.get_draft().summary == "Second year: embed what worked"

    submit(plan, lead)
    decide(reload(plan), worker, "approve")
    decide(reload(plan), steering[0], "reject", comment="Keep the staff survey action.")
    plan = reload(plan)
    assert plan.live_revision == approved_revision
    assert plan.summary == "Every pupil knows a trusted adult."


def test_notifications_at_each_step(school, lead, worker, steering, django_capture_on_commit_callbacks):
    def sending(action, *args, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action(*args, **kwargs)
        return list(mail.outbox)

    plan = draft_plan(school, lead)
    name = f"{school.name}'s action plan"
    sent = sending(submit, plan, lead)
    assert {(message.subject, tuple(message.to)) for message in sent} == {
        (f"We have received {name}", (lead.email,)),
        (f"{name} is waiting for your review", (worker.email,)),
    }, "Wagtail's own workflow emails are not sent for school submissions"

    sent = sending(decide, reload(plan), worker, "approve")
    assert [m.subject for m in sent] == [f"{name} is waiting for your review"]
    assert sorted(sent[0].to) == sorted(member.email for member in steering)

    sent = sending(decide, reload(plan), steering[0], "reject", comment="Say who runs the parent workshops.")
    assert [m.subject for m in sent] == [f"Changes requested to {name}"]
    assert "Say who runs the parent workshops." in sent[0].body
    assert sent[0].to == [lead.email]

    sending(submit, reload(plan), lead)
    sending(decide, reload(plan), steering[1], "approve")
    sent = sending(decide, reload(plan), steering[2], "approve")
    assert [m.subject for m in sent] == [f"{name} is approved"]
    assert sent[0].to == [lead.email]


def test_timeline_records_who_did_what(school, lead, worker, steering):
    plan = submitted(school, lead)
    decide(plan, worker, "approve", comment="Good use of the library.")
    decide(reload(plan), steering[0], "approve")
    decide(reload(plan), steering[1], "approve")
    entries = timeline(reload(plan), newest_first=False)
    labels = [entry.label for entry in entries]
    assert labels[:3] == ["Started", "Submitted for approval", "Step approved"]
    assert labels.count("Steering group vote") == 2
    assert "Approved: this version is now in force" in labels
    worker_entry = entries[2]
    assert worker_entry.comment == "Good use of the library."
    assert worker_entry.who == worker.get_full_name()
    assert worker_entry.step == "Assigned worker review"


def test_quorum_is_editable_on_the_task(school, lead, worker, steering):
    task = SteeringGroupApprovalTask.objects.get()
    task.quorum = 3
    task.save()
    plan = submitted(school, lead)
    decide(plan, worker, "approve")
    for member in steering[:2]:
        decide(reload(plan), member, "approve")
    assert not reload(plan).live
    decide(reload(plan), steering[2], "approve")
    assert reload(plan).live


def test_deactivating_the_workflow_cancels_reviews_in_progress(school, lead, worker):
    plan = submitted(school, lead)
    Workflow.objects.get(name="Action plan approval").deactivate(user=None)
    assert not reload(plan).in_review
    with pytest.raises(SubmissionError, match="switched off"):
        submit(reload(plan), lead)
