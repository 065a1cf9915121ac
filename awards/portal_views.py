"""Portal pages for the mental health award: the stages, evidence for each criterion, the evidence library.

Anyone who may see the school (`schools.access`) reads its award pages and downloads its evidence;
only its lead or head teacher changes, submits and withdraws. A school the user may not see is a 404.
"""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from wagtail.models import Revision

from schools.access import visible_school_or_404
from workflows.moderation import SubmissionError, can_submit_for, submit, withdraw
from workflows.timeline import timeline

from . import evidence as evidence_files
from .forms import CriterionEvidenceForm, UploadForm
from .models import AwardSubmission, CriteriaVersion, CriterionEvidence, EvidenceFile, Stage, progression_problem
from .progress import latest_version, remember_state, stage_progress

ONLY_LEADS = "Only the school's Mental Health Lead or head teacher can change its award evidence."



def _stage(slug):
    stage = Stage.from_slug(slug)
    if stage is None:
        raise Http404("No such stage.")
    return stage


def _submission(school, stage):
    """The school's submission for the stage, or 404 if it has not started it."""
    submission = get_object_or_404(
        AwardSubmission.objects.select_related("latest_revision", "criteria_version", "school"),
        school=school,
        stage=stage,
    )
    return remember_state(submission)


def _leads_only(request, school):
    if not can_submit_for(request.user, school):
        raise PermissionDenied(ONLY_LEADS)


def _breadcrumbs(school, *trail):
    return [
        ("Your schools", reverse("portal:dashboard")),
        (school.name, reverse("portal:school", args=[school.urn])),
        ("Mental health award", reverse("portal:awards:overview", args=[school.urn])),
        *trail,
    ]


def _stage_crumb(school, stage):
    return (stage.label, reverse("portal:awards:stage", args=[school.urn, stage.slug]))


def editable_criteria(submission):
    """Ids of the criteria the school may change now: none in review, only the reopened ones after a request."""
    if submission.in_review:
        return set()
    criteria = {c.pk for c in submission.criteria_version.criteria_for(submission.stage)}
    if submission.live and not submission.has_draft and not submission.changes_requested:
        return set()
    if submission.changes_requested:
        reopened = {request.criterion_id for request in submission.open_evidence_requests()}
        return reopened or criteria
    return criteria


def _rejection(submission):
    """The request for more evidence the school is answering, if it is answering one."""
    state = submission.current_workflow_state
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


@login_required
def overview(request, urn):
    """Each stage: its status, progress, and what the school may do next."""
    school = visible_school_or_404(request.user, urn, "cluster")
    return render(
        request,
        "awards/portal/overview.html",
        {
            "school": school,
            "stages": stage_progress(school),
            "may_edit": can_submit_for(request.user, school),
            "criteria_version": CriteriaVersion.objects.current(),
            "breadcrumbs": _breadcrumbs(school)[:-1] + [("Mental health award", "")],
        },
    )


@login_required
def stage_view(request, urn, stage):
    """One stage as a task list of its criteria."""
    school = visible_school_or_404(request.user, urn, "cluster")
    stage = _stage(stage)
    progress = stage_progress(school, stages=[stage])[0]
    submission = progress.submission
    may_edit = can_submit_for(request.user, school)
    context = {
        "school": school,
        "progress": progress,
        "stage": stage,
        "submission": submission,
        "may_edit": may_edit,
        "breadcrumbs": _breadcrumbs(school, (stage.label, "")),
    }
    if submission is not None:
        requests = list(submission.open_evidence_requests())
        editable = editable_criteria(submission) if may_edit else set()
        evidence = progress.version.evidence_by_criterion()
        context.update(
            rows=[(c, evidence.get(c.pk), c.pk in editable) for c in progress.criteria],
            reopened={r.criterion_id for r in requests},
            requests=requests,
            rejection=_rejection(submission),
            task_state=submission.current_workflow_task_state,
            can_submit=may_edit and not submission.in_review and (submission.has_draft or submission.changes_requested),
            recent=timeline(submission, limit=5),
        )
    return render(request, "awards/portal/stage.html", context)


@login_required
@require_POST
def start(request, urn, stage):
    """Start the stage on the current criteria, if the school holds the stage before it."""
    school = visible_school_or_404(request.user, urn, "cluster")
    stage = _stage(stage)
    _leads_only(request, school)
    problem = progression_problem(school, stage)
    version = CriteriaVersion.objects.current()
    if problem or version is None:
        messages.error(request, problem or "The award's criteria are not published yet. Try again later.")
        return redirect("portal:awards:overview", urn=school.urn)
    with transaction.atomic():
        submission, created = AwardSubmission.objects.get_or_create(
            school=school,
            stage=stage,
            defaults={"criteria_version": version, "live": False, "has_unpublished_changes": True},
        )
        if created:
            submission.save_revision(user=request.user, log_action="wagtail.create")
    messages.success(request, f"You have started {stage.label}. Add evidence for each criterion.")
    return redirect("portal:awards:stage", urn=school.urn, stage=stage.slug)


@login_required
@require_POST
def renew(request, urn, stage):
    """Draft a new version of an awarded stage whose award is expiring, expired or revoked."""
    school = visible_school_or_404(request.user, urn, "cluster")
    stage = _stage(stage)
    _leads_only(request, school)
    progress = stage_progress(school, stages=[stage])[0]
    if not progress.renewal_due:
        messages.error(request, "You can renew a stage only when its award is expiring soon, expired or revoked.")
        return redirect("portal:awards:stage", urn=school.urn, stage=stage.slug)
    with transaction.atomic():
        submission = AwardSubmission.objects.select_for_update().get(pk=progress.submission.pk)
        if not submission.has_draft:
            submission.save_draft(request.user, latest_version(submission))
    messages.success(request, "Your renewal has been started from your approved evidence. Update it and submit it.")
    return redirect("portal:awards:stage", urn=school.urn, stage=stage.slug)


def _criterion(submission, criterion_id):
    for criterion in submission.criteria():
        if criterion.pk == criterion_id:
            return criterion
    raise Http404("No such criterion for this stage.")


@login_required
def criterion_view(request, urn, stage, criterion_id):
    """The evidence for one criterion: read it, or (lead and head, when it is open) change it."""
    school = visible_school_or_404(request.user, urn, "cluster")
    stage = _stage(stage)
    submission = _submission(school, stage)
    criterion = _criterion(submission, criterion_id)
    version = latest_version(submission)
    item = version.evidence_by_criterion().get(criterion.pk)
    editable = can_submit_for(request.user, school) and criterion.pk in editable_criteria(submission)
    context = {
        "school": school,
        "stage": stage,
        "submission": submission,
        "criterion": criterion,
        "item": item,
        "editable": editable,
        "breadcrumbs": _breadcrumbs(school, _stage_crumb(school, stage), (criterion.title, "")),
    }
    if not editable:
        if request.method == "POST":
            raise PermissionDenied("This criterion cannot be changed now.")
        return render(request, "awards/portal/criterion.html", context)
    library = EvidenceFile.objects.filter(school=school)
    initial = {"narrative": item.narrative, "links": item.links, "files": list(item.files.all())} if item else {}
    form = CriterionEvidenceForm(request.POST or None, request.FILES or None, initial=initial, library=library)
    if request.method == "POST" and form.is_valid():
        saved = _save_evidence(request, submission, criterion, form)
        if saved:
            messages.success(request, f"Your evidence for “{criterion.title}” has been saved.")
            return redirect("portal:awards:stage", urn=school.urn, stage=stage.slug)
        return redirect(request.path)
    context["form"] = form
    return render(request, "awards/portal/criterion.html", context)


def _save_evidence(request, submission, criterion, form):
    """Keep any new file in the library, then save the criterion's evidence in a new draft."""
    with transaction.atomic():
        submission = remember_state(AwardSubmission.objects.select_for_update().get(pk=submission.pk))
        if criterion.pk not in editable_criteria(submission):
            messages.error(request, "This criterion cannot be changed now: the evidence is with the reviewers.")
            return False
        files = list(form.cleaned_data.get("files") or [])
        upload = form.cleaned_data.get("upload")
        if upload:
            files.append(evidence_files.store(submission.school, upload, request.user, checked=upload.checked))
        draft = latest_version(submission)
        items = {item.criterion_id: item for item in draft.evidence.all()}
        item = items.get(criterion.pk) or CriterionEvidence(criterion=criterion, sort_order=criterion.sort_order)
        item.narrative = form.cleaned_data["narrative"]
        item.links = form.cleaned_data["links"]
        item.files = files
        items[criterion.pk] = item
        draft.evidence = sorted(items.values(), key=lambda i: (i.criterion.sort_order, i.criterion_id))
        submission.save_draft(request.user, draft)
    return True


@login_required
def submit_view(request, urn, stage):
    """Check every criterion's evidence and send the stage for approval (or back to the step that asked)."""
    school = visible_school_or_404(request.user, urn, "cluster")
    stage = _stage(stage)
    _leads_only(request, school)
    submission = _submission(school, stage)
    if submission.in_review:
        messages.error(request, "Your evidence is with the reviewers already.")
        return redirect("portal:awards:stage", urn=school.urn, stage=stage.slug)
    version = latest_version(submission)
    criteria = submission.criteria()
    if submission.has_draft or submission.changes_requested:
        problems = version.submission_problems(criteria)
    else:
        problems = ["There are no changes since the approved version to submit."]
    if request.method == "POST" and not problems:
        try:
            submit(submission, request.user)
        except SubmissionError as error:
            problems = [str(error)]
        else:
            messages.success(
                request, f"Your {stage.label} evidence has been submitted. Your wellbeing worker reviews it first."
            )
            return redirect("portal:awards:stage", urn=school.urn, stage=stage.slug)
    evidence = version.evidence_by_criterion()
    return render(
        request,
        "awards/portal/submit.html",
        {
            "school": school,
            "stage": stage,
            "submission": submission,
            "rows": [(c, evidence.get(c.pk)) for c in criteria],
            "problems": problems,
            "breadcrumbs": _breadcrumbs(school, _stage_crumb(school, stage), ("Check and submit", "")),
        },
    )


@login_required
def withdraw_view(request, urn, stage):
    """Take the stage's evidence back from review, after confirming."""
    school = visible_school_or_404(request.user, urn, "cluster")
    stage = _stage(stage)
    _leads_only(request, school)
    submission = _submission(school, stage)
    if request.method == "POST":
        try:
            withdraw(submission, request.user)
        except SubmissionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your evidence has been withdrawn from review. Change it and submit it again.")
        return redirect("portal:awards:stage", urn=school.urn, stage=stage.slug)
    return render(
        request,
        "awards/portal/withdraw.html",
        {
            "school": school,
            "stage": stage,
            "submission": submission,
            "breadcrumbs": _breadcrumbs(school, _stage_crumb(school, stage), ("Withdraw", "")),
        },
    )


@login_required
def history(request, urn, stage):
    """The stage's timeline: every submission, decision, vote and comment, with who and when."""
    school = visible_school_or_404(request.user, urn, "cluster")
    stage = _stage(stage)
    submission = _submission(school, stage)
    versions = Revision.objects.for_instance(submission).select_related("user").defer("content")
    return render(
        request,
        "awards/portal/history.html",
        {
            "school": school,
            "stage": stage,
            "submission": submission,
            "entries": timeline(submission),
            "versions": list(versions.order_by("-created_at", "-pk")),
            "awards": list(submission.awards.order_by("-awarded_at")),
            "breadcrumbs": _breadcrumbs(school, _stage_crumb(school, stage), ("History", "")),
        },
    )


@login_required
def library(request, urn):
    """The school's evidence files, and (lead and head) uploading another."""
    school = visible_school_or_404(request.user, urn, "cluster")
    may_edit = can_submit_for(request.user, school)
    form = UploadForm(request.POST or None, request.FILES or None) if may_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(ONLY_LEADS)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                stored = evidence_files.store(school, upload, request.user, checked=upload.checked)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, f"“{stored.original_name}” has been added to your evidence library.")
                return redirect("portal:awards:library", urn=school.urn)
    files = EvidenceFile.objects.filter(school=school).select_related("uploaded_by")
    return render(
        request,
        "awards/portal/library.html",
        {
            "school": school,
            "files": list(files),
            "form": form,
            "may_edit": may_edit,
            "breadcrumbs": _breadcrumbs(school, ("Evidence library", "")),
        },
    )


@login_required
def download(request, urn, pk):
    """One evidence file, to whoever may see the school: as an attachment, never shown in the browser."""
    school = visible_school_or_404(request.user, urn, "cluster")
    evidence = get_object_or_404(EvidenceFile, school=school, pk=pk)
    return evidence_response(evidence)


def evidence_response(evidence):
    """A download of the file with its checked type, its clean name, and no caching or type sniffing."""
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    fallback = evidence.original_name.encode("ascii", "ignore").decode().replace('"', "") or "evidence"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(evidence.original_name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Length"] = str(evidence.size)
    return response
