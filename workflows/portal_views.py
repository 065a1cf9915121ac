"""Portal views for the Mental Health Action Plan: write, submit, follow, compare.

Anyone who may see the school (`schools.access`) reads its plan; only its lead or head teacher
changes and submits it. A school the user may not see is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from wagtail.models import Revision

from assessments.services import latest_submitted_assessment, recommendations_for, weak_principles
from schools.access import visible_school_or_404

from .compare import compare_plans
from .models import Action, ActionPlan
from .models.action_plans import actions_of
from .moderation import SubmissionError, can_submit_for, submit, withdraw
from .portal_forms import ActionForm, PlanSummaryForm
from .timeline import timeline


def _plan(school):
    """The school's plan, or 404 if it has not started one."""
    return get_object_or_404(ActionPlan.objects.select_related("latest_revision"), school=school)


def _editable_plan(request, urn):
    """The plan, if this user may change it now; otherwise say why."""
    school = visible_school_or_404(request.user, urn, "cluster")
    if not can_submit_for(request.user, school):
        raise PermissionDenied("Only the school's Mental Health Lead or head teacher can change its action plan.")
    plan = _plan(school)
    if plan.in_review:
        messages.error(
            request, "Your plan is being reviewed, so it cannot be changed. Withdraw it first to make changes."
        )
        return school, None
    return school, plan


def _breadcrumbs(school, *trail):
    return [
        ("Your schools", reverse("portal:dashboard")),
        (school.name, reverse("portal:school", args=[school.urn])),
        *trail,
    ]


def _plan_crumb(school):
    return ("Action plan", reverse("portal:action_plans:plan", args=[school.urn]))


def suggestions(school):
    """Weak principles of the latest self-assessment, each with matching interventions from the library."""
    assessment = latest_submitted_assessment(school)
    if assessment is None:
        return None, []
    principles = weak_principles(assessment)
    found = recommendations_for(principles, school=school)
    return assessment, [(principle, found.get(principle, {})) for principle in principles]


@login_required
def plan_view(request, urn):
    """The plan's state, the approved version, the draft, and what to do next."""
    school = visible_school_or_404(request.user, urn, "cluster")
    plan = ActionPlan.objects.filter(school=school).select_related("latest_revision").first()
    may_edit = can_submit_for(request.user, school)
    assessment, suggested = suggestions(school)
    context = {
        "school": school,
        "plan": plan,
        "may_edit": may_edit,
        "can_change": may_edit and plan is not None and not plan.in_review,
        "assessment": assessment,
        "suggestions": suggested,
        "breadcrumbs": _breadcrumbs(school, ("Action plan", "")),
    }
    if plan is not None:
        draft = plan.get_draft() if plan.has_draft else None
        state = plan.current_workflow_state
        context.update(
            approved=plan.approved_version,
            approved_actions=actions_of(plan) if plan.live else [],
            draft=draft,
            draft_actions=actions_of(draft) if draft is not None else [],
            state=state,
            task_state=plan.current_workflow_task_state,
            rejection=_latest_rejection(state),
            recent=timeline(plan, limit=5),
        )
    return render(request, "workflows/plan.html", context)


def _latest_rejection(state):
    """The request for changes the school is answering, if it is answering one."""
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


@login_required
@require_POST
def start_plan(request, urn):
    """Create the school's plan with an empty first draft."""
    school = visible_school_or_404(request.user, urn, "cluster")
    if not can_submit_for(request.user, school):
        raise PermissionDenied("Only the school's Mental Health Lead or head teacher can start its action plan.")
    with transaction.atomic():
        plan, created = ActionPlan.objects.get_or_create(
            school=school, defaults={"live": False, "has_unpublished_changes": True}
        )
        if created:
            plan.save_revision(user=request.user, log_action="wagtail.create")
    messages.success(request, "Your action plan has been started. Add the actions you will take.")
    return redirect("portal:action_plans:plan", urn=school.urn)


@login_required
def edit_summary(request, urn):
    """Change what the plan sets out to achieve."""
    school, plan = _editable_plan(request, urn)
    if plan is None:
        return redirect("portal:action_plans:plan", urn=urn)
    draft = plan.get_draft()
    form = PlanSummaryForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        plan.save_draft(request.user, form.save(commit=False))
        messages.success(request, "The summary has been saved in your draft.")
        return redirect("portal:action_plans:plan", urn=urn)
    return render(
        request,
        "workflows/summary_form.html",
        {"school": school, "form": form, "breadcrumbs": _breadcrumbs(school, _plan_crumb(school), ("Summary", ""))},
    )


def _find_action(draft, key):
    for action in draft.actions.all():
        if str(action.key) == str(key):
            return action
    raise Http404("No such action in this plan.")


def _initial_for_new_action(request):
    """Prefill the principle and intervention when the school follows a suggestion."""
    initial = {"status": Action.Status.NOT_STARTED}
    for name in ("principle", "intervention"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    return initial


@login_required
def action_form(request, urn, key=None):
    """Add an action to the draft, or change one."""
    school, plan = _editable_plan(request, urn)
    if plan is None:
        return redirect("portal:action_plans:plan", urn=urn)
    draft = plan.get_draft()
    actions = list(draft.actions.all())
    action = _find_action(draft, key) if key else Action(plan=draft)
    form = ActionForm(
        request.POST or None, instance=action, initial=None if key else _initial_for_new_action(request)
    )
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        if key is None:
            changed.sort_order = len(actions)
            actions.append(changed)
        else:
            actions = [changed if a.key == changed.key else a for a in actions]
        draft.actions = actions
        plan.save_draft(request.user, draft)
        messages.success(request, "The action has been saved in your draft.")
        return redirect("portal:action_plans:plan", urn=urn)
    title = "Change an action" if key else "Add an action"
    return render(
        request,
        "workflows/action_form.html",
        {
            "school": school,
            "form": form,
            "title": title,
            "breadcrumbs": _breadcrumbs(school, _plan_crumb(school), (title, "")),
        },
    )


@login_required
def remove_action(request, urn, key):
    """Take an action out of the draft, after confirming."""
    school, plan = _editable_plan(request, urn)
    if plan is None:
        return redirect("portal:action_plans:plan", urn=urn)
    draft = plan.get_draft()
    action = _find_action(draft, key)
    if request.method == "POST":
        draft.actions = [a for a in draft.actions.all() if a.key != action.key]
        plan.save_draft(request.user, draft)
        messages.success(request, "The action has been removed from your draft.")
        return redirect("portal:action_plans:plan", urn=urn)
    return render(
        request,
        "workflows/remove_action.html",
        {
            "school": school,
            "action": action,
            "breadcrumbs": _breadcrumbs(school, _plan_crumb(school), ("Remove an action", "")),
        },
    )


@login_required
def submit_plan(request, urn):
    """Check the draft and send it for approval (or back to the step that asked for changes)."""
    school, plan = _editable_plan(request, urn)
    if plan is None:
        return redirect("portal:action_plans:plan", urn=urn)
    draft = plan.get_draft()
    problems = draft.submission_problems() if plan.has_draft or plan.changes_requested else [
        "There are no changes since the approved version to submit."
    ]
    if request.method == "POST":
        try:
            submit(plan, request.user)
        except SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your action plan has been submitted. Your wellbeing worker reviews it first.")
            return redirect("portal:action_plans:plan", urn=urn)
    return render(
        request,
        "workflows/submit.html",
        {
            "school": school,
            "plan": plan,
            "draft": draft,
            "actions": actions_of(draft),
            "problems": problems,
            "comparison": compare_plans(plan if plan.live else None, draft),
            "breadcrumbs": _breadcrumbs(school, _plan_crumb(school), ("Submit", "")),
        },
    )


@login_required
def withdraw_plan(request, urn):
    """Take the plan back from review, after confirming."""
    school = visible_school_or_404(request.user, urn, "cluster")
    if not can_submit_for(request.user, school):
        raise PermissionDenied("Only the school's Mental Health Lead or head teacher can withdraw its action plan.")
    plan = _plan(school)
    if request.method == "POST":
        try:
            withdraw(plan, request.user)
        except SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your plan has been withdrawn from review. Change it and submit it again.")
        return redirect("portal:action_plans:plan", urn=urn)
    return render(
        request,
        "workflows/withdraw.html",
        {"school": school, "plan": plan, "breadcrumbs": _breadcrumbs(school, _plan_crumb(school), ("Withdraw", ""))},
    )


@login_required
def plan_history(request, urn):
    """The plan's timeline: every submission, decision, vote and comment, with who and when."""
    school = visible_school_or_404(request.user, urn, "cluster")
    plan = _plan(school)
    return render(
        request,
        "workflows/history.html",
        {
            "school": school,
            "plan": plan,
            "entries": timeline(plan),
            "versions": _versions(plan),
            "breadcrumbs": _breadcrumbs(school, _plan_crumb(school), ("History", "")),
        },
    )


def _versions(plan):
    """Every saved version of the plan, newest first."""
    return list(
        Revision.objects.for_instance(plan).select_related("user").defer("content").order_by("-created_at", "-pk")
    )


@login_required
def compare(request, urn):
    """What changed between two versions (by default, the approved version and the draft)."""
    school = visible_school_or_404(request.user, urn, "cluster")
    plan = _plan(school)
    versions = _versions(plan)
    by_id = {str(version.pk): version for version in versions}
    default_after = versions[0] if versions else None
    default_before = plan.live_revision if plan.live else None
    after = by_id.get(request.GET.get("to", ""), default_after)
    before = by_id.get(request.GET.get("from", ""), default_before)
    if after is None:
        raise Http404("This plan has no versions yet.")
    comparison = compare_plans(before.as_object() if before else None, after.as_object())
    return render(
        request,
        "workflows/compare.html",
        {
            "school": school,
            "plan": plan,
            "versions": versions,
            "before": before,
            "after": after,
            "comparison": comparison,
            "breadcrumbs": _breadcrumbs(school, _plan_crumb(school), ("What changed", "")),
        },
    )
