"""Portal views for the self-assessment (a GOV.UK task list) and its feedback report.

The school is found through `schools.access`, so a school the user may not see is a 404. Members
answer; the lead or head teacher starts and submits; assigned workers and the service's
leadership see everything read-only, and workers mark the report as sent.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from schools.access import visible_school_or_404

from . import access
from .forms import PrincipleForm, StartRoundForm
from .models import Assessment, FrameworkVersion
from .pdf import pdf_response
from .progress import answers_by_principle, task_list
from .report import MIN_GROUP_SIZE, build_report
from .services import AssessmentError, mark_report_sent, open_assessment, save_answers, start_round, startable_rounds
from .services import submit as submit_assessment


def _assessment(school, pk):
    queryset = Assessment.objects.select_related("framework", "started_by", "submitted_by", "report_sent_by")
    assessment = get_object_or_404(queryset, school=school, pk=pk)
    assessment.school = school
    return assessment


def _crumbs(school, *trail):
    return [
        ("Your schools", reverse("portal:dashboard")),
        (school.name, reverse("portal:school", args=[school.urn])),
        *trail,
    ]


def _rounds_crumb(school):
    return ("Self-assessment", reverse("portal:assessments:rounds", args=[school.urn]))


@login_required
def rounds(request, urn):
    """The school's rounds, past and current, and starting the next one."""
    school = visible_school_or_404(request.user, urn, "cluster")
    role = access.member_role(request.user, school)
    assessments = school.assessments.select_related("submitted_by").order_by("started_at")
    context = {
        "school": school,
        "assessments": assessments,
        "open": next((a for a in assessments if not a.is_submitted), None),
        "startable": startable_rounds(school),
        "can_start": access.can_start_and_submit(role),
        "is_member": access.can_answer(role),
        "framework": FrameworkVersion.objects.current(),
        "breadcrumbs": _crumbs(school, ("Self-assessment", "")),
    }
    return render(request, "assessments/rounds.html", context)


@login_required
def start(request, urn):
    """The lead or head teacher starts the next round."""
    school = visible_school_or_404(request.user, urn, "cluster")
    if not access.can_start_and_submit(access.member_role(request.user, school)):
        raise PermissionDenied("Only the designated Mental Health Lead or the head teacher can start a round.")
    current = open_assessment(school)
    if current:
        return redirect("portal:assessments:overview", urn=school.urn, pk=current.pk)
    form = StartRoundForm(request.POST or None, rounds=startable_rounds(school))
    if request.method == "POST" and form.is_valid():
        try:
            assessment = start_round(school, form.cleaned_data["round"], request.user)
        except AssessmentError as error:
            form.add_error("round", str(error))
        else:
            return redirect("portal:assessments:overview", urn=school.urn, pk=assessment.pk)
    crumbs = _crumbs(school, _rounds_crumb(school), ("Start", ""))
    return render(request, "assessments/start.html", {"school": school, "form": form, "breadcrumbs": crumbs})


@login_required
def overview(request, urn, pk):
    """The task list: each principle with its status, then check answers and submit."""
    school = visible_school_or_404(request.user, urn, "cluster")
    assessment = _assessment(school, pk)
    role = access.member_role(request.user, school)
    tasks = task_list(assessment)
    context = {
        "school": school,
        "assessment": assessment,
        "tasks": tasks,
        "completed": sum(task.is_complete for task in tasks),
        "editable": not assessment.is_submitted and access.can_answer(role),
        "breadcrumbs": _crumbs(school, _rounds_crumb(school), (assessment.get_round_display(), "")),
    }
    return render(request, "assessments/overview.html", context)


@login_required
def principle(request, urn, pk, number):
    """Rate one principle's statements; read-only people go to the answers instead."""
    school = visible_school_or_404(request.user, urn, "cluster")
    assessment = _assessment(school, pk)
    statements = list(
        assessment.framework.statements.filter(principle__number=number).select_related("principle").order_by("sort_order")
    )
    if not statements:
        raise Http404("This framework version has no statements for that principle.")
    check_url = reverse("portal:assessments:check", args=[school.urn, assessment.pk])
    if assessment.is_submitted or not access.can_answer(access.member_role(request.user, school)):
        return redirect(f"{check_url}#principle-{number}")
    the_principle = statements[0].principle
    initial = PrincipleForm.initial_for(assessment.responses.filter(statement__in=statements))
    form = PrincipleForm(request.POST or None, initial=initial, statements=statements, principle=the_principle)
    if request.method == "POST" and form.is_valid():
        try:
            save_answers(assessment, form.answers(), request.user)
        except AssessmentError as error:
            messages.error(request, str(error))
            return redirect(check_url)
        if not form.is_finishing:
            messages.success(request, f"Your answers for {the_principle.name} have been saved.")
            return redirect("portal:assessments:overview", urn=school.urn, pk=assessment.pk)
        return redirect(_next_task_url(assessment, number) or check_url)
    context = {
        "school": school,
        "assessment": assessment,
        "principle": the_principle,
        "form": form,
        "breadcrumbs": _crumbs(
            school,
            _rounds_crumb(school),
            (assessment.get_round_display(), reverse("portal:assessments:overview", args=[school.urn, assessment.pk])),
            (the_principle.name, ""),
        ),
    }
    return render(request, "assessments/principle.html", context)


def _next_task_url(assessment, number):
    """The next principle after `number` that is not complete, or None when all are."""
    tasks = task_list(assessment)
    later = [t for t in tasks if t.principle.number > number] + [t for t in tasks if t.principle.number < number]
    task = next((t for t in later if not t.is_complete), None)
    if task is None:
        return None
    return reverse("portal:assessments:principle", args=[assessment.school.urn, assessment.pk, task.principle.number])


@login_required
def check(request, urn, pk):
    """Check your answers, with Change links; the lead or head teacher submits from here."""
    school = visible_school_or_404(request.user, urn, "cluster")
    assessment = _assessment(school, pk)
    role = access.member_role(request.user, school)
    can_submit = access.can_start_and_submit(role) and not assessment.is_submitted
    if request.method == "POST":
        if not can_submit:
            raise PermissionDenied("Only the designated Mental Health Lead or the head teacher can submit.")
        try:
            submit_assessment(assessment, request.user)
        except AssessmentError as error:
            messages.error(request, str(error))
        else:
            round_name = assessment.get_round_display().lower()
            messages.success(request, f"Your {round_name} self-assessment has been submitted.")
            return redirect("portal:assessments:report", urn=school.urn, pk=assessment.pk)
    sections = answers_by_principle(assessment)
    context = {
        "school": school,
        "assessment": assessment,
        "sections": sections,
        "complete": all(section.is_complete for section in sections),
        "editable": not assessment.is_submitted and access.can_answer(role),
        "can_submit": can_submit,
        "breadcrumbs": _crumbs(
            school,
            _rounds_crumb(school),
            (assessment.get_round_display(), reverse("portal:assessments:overview", args=[school.urn, assessment.pk])),
            ("Answers", ""),
        ),
    }
    return render(request, "assessments/check.html", context)


def _submitted_assessment(request, urn, pk):
    school = visible_school_or_404(request.user, urn, "cluster")
    assessment = _assessment(school, pk)
    if not assessment.is_submitted:
        raise Http404("The feedback report is ready once the self-assessment is submitted.")
    return school, assessment


def _report_context(request, school, assessment):
    return {
        "school": school,
        "assessment": assessment,
        "report": build_report(assessment),
        "min_group_size": MIN_GROUP_SIZE,
    }


@login_required
def report(request, urn, pk):
    """The feedback report as a web page."""
    school, assessment = _submitted_assessment(request, urn, pk)
    context = _report_context(request, school, assessment)
    context["can_mark_sent"] = access.can_mark_sent(request.user, school)
    context["breadcrumbs"] = _crumbs(school, _rounds_crumb(school), ("Feedback report", ""))
    return render(request, "assessments/report.html", context)


@login_required
def report_pdf(request, urn, pk):
    """The feedback report as a tagged PDF download, with the same content as the page."""
    school, assessment = _submitted_assessment(request, urn, pk)
    filename = f"feedback-report-{school.urn}-{assessment.round}.pdf"
    return pdf_response(request, "assessments/report_pdf.html", _report_context(request, school, assessment), filename)


@login_required
@require_POST
def mark_sent(request, urn, pk):
    """An assigned worker or the Team Manager records that the report was sent; only the first time counts."""
    school, assessment = _submitted_assessment(request, urn, pk)
    if not access.can_mark_sent(request.user, school):
        raise PermissionDenied("Only the school's wellbeing workers and the Team Manager can mark the report as sent.")
    if mark_report_sent(assessment, request.user):
        messages.success(request, f"The feedback report is marked as sent. We have emailed {school.name}'s lead.")
    else:
        messages.info(request, "The feedback report had already been marked as sent.")
    return redirect("portal:assessments:report", urn=school.urn, pk=assessment.pk)
