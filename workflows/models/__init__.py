"""Moderated school submissions and the workflow tasks that approve them."""

from .action_plans import Action, ActionPlan
from .submissions import ModeratedSubmission
from .tasks import AssignedWorkerReviewTask, DecisionTaken, ModerationTask, SteeringGroupApprovalTask, Vote

__all__ = [
    "Action",
    "ActionPlan",
    "AssignedWorkerReviewTask",
    "DecisionTaken",
    "ModeratedSubmission",
    "ModerationTask",
    "SteeringGroupApprovalTask",
    "Vote",
]
