"""A reviewer's queue of school submissions, in a fixed number of queries however long it is."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse

from wagtail.models import TaskState

from .models.tasks import SteeringGroupApprovalTask, moderated_models


@dataclass
class QueueItem:
    """One submission waiting for this reviewer."""

    submission: object
    task_state: TaskState
    step: str
    waiting_since: datetime
    submitted_by: str
    approvals: int
    quorum: int | None
    review_url: str


def _moderated_content_types():
    return {ContentType.objects.get_for_model(model): model for model in moderated_models()}


def waiting_task_states(user):
    """Task states on school submissions that `user` may decide now (Wagtail's `reviewable_by`, narrowed)."""
    return TaskState.objects.reviewable_by(user).filter(
        workflow_state__base_content_type__in=list(_moderated_content_types())
    )


def review_queue(user):
    """The submissions waiting for `user`, oldest first, with their school, step and votes so far."""
    content_types = _moderated_content_types()
    states = list(
        waiting_task_states(user)
        .select_related("task", "workflow_state__requested_by")
        .annotate(approvals=Count("votes", filter=Q(votes__decision="approve")))
        .order_by("started_at", "pk")
    )
    submissions = {}
    for content_type, model in content_types.items():
        ids = [s.workflow_state.object_id for s in states if s.workflow_state.base_content_type_id == content_type.pk]
        if ids:
            for submission in model.objects.filter(pk__in=ids).select_related("school"):
                submissions[(content_type.pk, str(submission.pk))] = submission
    quorums = dict(SteeringGroupApprovalTask.objects.values_list("pk", "quorum"))
    items = []
    for state in states:
        submission = submissions.get((state.workflow_state.base_content_type_id, state.workflow_state.object_id))
        if submission is None:
            continue
        requester = state.workflow_state.requested_by
        items.append(
            QueueItem(
                submission=submission,
                task_state=state,
                step=state.task.name,
                waiting_since=state.started_at,
                submitted_by=(requester.get_full_name() or requester.email) if requester else "",
                approvals=state.approvals,
                quorum=quorums.get(state.task_id),
                review_url=reverse(submission.snippet_viewset.get_url_name("inspect"), args=[submission.pk]),
            )
        )
    return items
