"""A submission's timeline from Wagtail's log entries: who did what, when, with their comment."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.log_actions import registry as log_registry

from .models import Vote

# What the school and staff see for each logged action; anything else (locks, for example) is left out.
LABELS = {
    "wagtail.create": "Started",
    "wagtail.edit": "Draft changed",
    "wagtail.workflow.start": "Submitted for approval",
    "wagtail.workflow.resume": "Resubmitted after changes",
    "wagtail.workflow.approve": "Step approved",
    "wagtail.workflow.reject": "Changes requested",
    "wagtail.workflow.cancel": "Withdrawn from review",
    "wagtail.publish": "Approved: this version is now in force",
    "workflows.vote": "Steering group vote",
}


@dataclass
class TimelineEntry:
    """One line of the timeline."""

    label: str
    when: datetime
    who: str
    step: str
    comment: str
    detail: str
    revision_id: int | None


def _detail(action, data):
    """A short explanation that the label alone does not give."""
    if action == "workflows.vote":
        decision = dict(Vote.Decision.choices).get(data.get("decision"), "")
        return f"{decision}. Approvals so far: {data.get('approvals', 0)} of the {data.get('quorum', 0)} needed"
    if action == "wagtail.workflow.start" and data.get("workflow", {}).get("next"):
        return f"Now with: {data['workflow']['next']['title']}"
    if action == "wagtail.workflow.approve":
        following = data.get("workflow", {}).get("next")
        return f"Next: {following['title']}" if following else ""
    return ""


def timeline(submission, newest_first=True, limit=None):
    """Every submission, decision, vote and comment on `submission` (or the first `limit`), with who and when."""
    ordering = ("-timestamp", "-pk") if newest_first else ("timestamp", "pk")
    entries = (
        log_registry.get_logs_for_instance(submission)
        .filter(action__in=LABELS)
        .select_related("user")
        .order_by(*ordering)
    )
    return [_entry(entry) for entry in entries[:limit]]


def _entry(entry):
    data = entry.data or {}
    workflow = data.get("workflow", {})
    return TimelineEntry(
        label=LABELS[entry.action],
        when=entry.timestamp,
        who=(entry.user.get_full_name() or entry.user.email) if entry.user else "The service",
        step=(workflow.get("task") or data.get("task") or {}).get("title", ""),
        comment=data.get("comment", "") or "",
        detail=_detail(entry.action, data),
        revision_id=entry.revision_id,
    )
