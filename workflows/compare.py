"""What changed between two versions of an action plan, action by action."""

from dataclasses import dataclass, field

from .models import Action
from .models.action_plans import actions_of

COMPARED_FIELDS = [
    "principle",
    "objective",
    "intervention",
    "owner",
    "start_date",
    "due_date",
    "success_measure",
    "status",
    "progress_notes",
]


@dataclass
class FieldChange:
    """One field's value before and after."""

    label: str
    before: str
    after: str


@dataclass
class ActionChange:
    """An action added, removed or changed between two versions."""

    kind: str  # "added", "removed" or "changed"
    action: Action
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class PlanComparison:
    """The differences between two versions of a plan."""

    summary: FieldChange | None
    actions: list[ActionChange]

    @property
    def has_changes(self):
        """Whether anything differs."""
        return bool(self.summary or self.actions)


def _display(action, name):
    """A field's value as the school would read it."""
    value = getattr(action, f"get_{name}_display", None)
    if value:
        return value()
    value = getattr(action, name)
    if value is None or value == "":
        return "None"
    if hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y")
    return str(value)


def _field_changes(before, after):
    changes = []
    for name in COMPARED_FIELDS:
        old, new = _display(before, name), _display(after, name)
        if old != new:
            changes.append(FieldChange(str(Action._meta.get_field(name).verbose_name).capitalize(), old, new))
    return changes


def compare_plans(before, after):
    """Compare two plan versions (objects, e.g. from `revision.as_object()`); `before` may be None."""
    old_actions = {action.key: action for action in actions_of(before)} if before else {}
    new_actions = {action.key: action for action in actions_of(after)}
    changes = [ActionChange("added", action) for key, action in new_actions.items() if key not in old_actions]
    for key, action in new_actions.items():
        if key in old_actions:
            fields = _field_changes(old_actions[key], action)
            if fields:
                changes.append(ActionChange("changed", action, fields))
    changes += [ActionChange("removed", action) for key, action in old_actions.items() if key not in new_actions]
    old_summary = before.summary if before else ""
    summary = None
    if old_summary != after.summary:
        summary = FieldChange("Summary", old_summary or "None", after.summary or "None")
    return PlanComparison(summary=summary, actions=changes)
