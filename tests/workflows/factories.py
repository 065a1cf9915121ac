"""Action plans in a given state, built through the same calls the portal makes."""

import datetime

import factory

from taxonomy.models import Principle
from workflows.models import Action, ActionPlan
from workflows.moderation import decide, submit


class ActionFactory(factory.Factory):
    """An unsaved action; plans keep actions in their revisions, not straight in the table."""

    class Meta:
        model = Action

    principle = factory.LazyFunction(lambda: Principle.objects.order_by("number").first())
    objective = factory.Sequence(lambda n: f"Run a weekly check-in group for Year 6 pupils ({n})")
    owner = "Mental Health Lead"
    start_date = datetime.date(2026, 9, 7)
    due_date = datetime.date(2027, 7, 16)
    success_measure = "Pupils' wellbeing scores rise between the autumn and summer surveys"
    status = Action.Status.NOT_STARTED


def draft_plan(school, user, actions=1, summary="Every pupil knows a trusted adult."):
    """A never-approved plan whose draft has `actions` actions."""
    plan = ActionPlan.objects.create(school=school, live=False, has_unpublished_changes=True)
    plan.summary = summary
    plan.actions = [ActionFactory(sort_order=i) for i in range(actions)]
    plan.save_revision(user=user, log_action="wagtail.create")
    return ActionPlan.objects.get(pk=plan.pk)


def change_draft(plan, user, **changes):
    """Save a new draft with `changes` to the plan's fields, as the portal does."""
    draft = plan.get_draft()
    for name, value in changes.items():
        setattr(draft, name, value)
    plan.save_draft(user, draft)
    return ActionPlan.objects.get(pk=plan.pk)


def submitted_plan(school, user, actions=2):
    """A never-approved plan with its draft sent to the assigned worker."""
    plan = draft_plan(school, user, actions=actions)
    submit(plan, user)
    return ActionPlan.objects.get(pk=plan.pk)


def at_steering_step(school, user, worker, actions=2):
    """A submitted plan that the assigned worker has approved: waiting for the steering group."""
    plan = submitted_plan(school, user, actions=actions)
    decide(plan, worker, "approve")
    return ActionPlan.objects.get(pk=plan.pk)


def approved_plan(school, user, worker, steering, actions=2):
    """A plan approved by the worker and a quorum (the first two) of `steering`."""
    plan = at_steering_step(school, user, worker, actions=actions)
    for member in steering[:2]:
        decide(ActionPlan.objects.get(pk=plan.pk), member, "approve")
    return ActionPlan.objects.get(pk=plan.pk)
