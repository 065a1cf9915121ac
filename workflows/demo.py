"""Demo action plans at every point of the journey, made through the same calls the portal makes.

Schools are taken from those with a designated lead and a submitted self-assessment, starting
with the demo school's own cluster so that worker@example.org has a review queue. The demo
school itself is left alone, for a newcomer to walk the whole journey.
"""

import datetime

from django.db import transaction

from assessments.services import latest_submitted_assessment, principle_scores
from resources.models import InterventionPage
from schools.demo import assigned_worker
from schools.models import Membership, School
from sws_site.academic_years import start_of_academic_year
from taxonomy.models import Principle

from .models import Action, ActionPlan, SteeringGroupApprovalTask
from .moderation import decide, submit

STAGES = [
    "draft",
    "with_worker",
    "with_steering",
    "changes_requested_by_worker",
    "changes_requested_by_steering",
    "approved",
    "approved_with_new_draft",
]
DEMO_LEAD = "lead@example.org"
OTHER_DEMO_LEAD = "other.lead@example.org"
STEERING = ["steering1@example.org", "steering2@example.org", "steering3@example.org"]

OBJECTIVES = {
    1: (
        "Name a governor for mental health and report to governors each term",
        "Termly governor minutes record progress",
    ),
    2: (
        "Create a calm, quiet space pupils can use at lunchtime",
        "Pupil voice survey: 80% know where to go",
    ),
    3: (
        "Teach the new PSHE unit on managing feelings in every year group",
        "Unit delivered in all classes by Easter",
    ),
    4: (
        "Set up a pupil wellbeing council that meets every half term",
        "Council minutes show two changes made",
    ),
    5: (
        "Train all staff in Mental Health First Aid awareness",
        "95% of staff trained; confidence survey up",
    ),
    6: (
        "Screen Year 7 wellbeing in the autumn and again in the summer",
        "Screening completed twice; follow-up within 2 weeks",
    ),
    7: (
        "Run three parent workshops on anxiety and sleep",
        "60 parents attend; feedback rated 4 of 5 or more",
    ),
    8: (
        "Agree a referral pathway with CAMHS and the Mental Health Support Team",
        "Referral times logged and reviewed termly",
    ),
}


def _start_of_year():
    return start_of_academic_year(datetime.date.today())


def _actions_for(assessment, count=3):
    """Actions for the lowest-scoring principles, each with a matching intervention when the library has one."""
    scores = sorted(principle_scores(assessment), key=lambda score: score.score) if assessment else []
    principles = [score.principle for score in scores[:count]]
    start = _start_of_year()
    actions = []
    for order, principle in enumerate(principles):
        objective, measure = OBJECTIVES.get(principle.number, OBJECTIVES[5])
        intervention = InterventionPage.objects.live().filter(principles=principle).order_by("title").first()
        actions.append(
            Action(
                principle=principle,
                objective=objective,
                intervention=intervention,
                owner="Mental Health Lead",
                start_date=start + datetime.timedelta(days=30 * order),
                due_date=start + datetime.timedelta(days=300),
                success_measure=measure,
                status=Action.Status.NOT_STARTED,
                sort_order=order,
            )
        )
    return actions


def _draft(school, lead, assessment):
    plan = ActionPlan.objects.create(school=school, live=False, has_unpublished_changes=True)
    plan.summary = (
        f"Over this year {school.name} will build on its self-assessment: the weakest principles come first."
    )
    plan.actions = _actions_for(assessment)
    plan.save_revision(user=lead, log_action="wagtail.create")
    return ActionPlan.objects.get(pk=plan.pk)


def _reload(plan):
    return ActionPlan.objects.get(pk=plan.pk)


def _approve_fully(plan, lead, worker, steering):
    submit(plan, lead)
    decide(_reload(plan), worker, "approve", comment="Clear actions that match the self-assessment.")
    quorum = SteeringGroupApprovalTask.objects.get().quorum
    for member in steering[:quorum]:
        decide(_reload(plan), member, "approve")
    return _reload(plan)


def _to_stage(plan, stage, lead, worker, steering):
    """Move a fresh draft along the journey to `stage`."""
    if stage == "draft":
        return
    if stage in ("approved", "approved_with_new_draft"):
        plan = _approve_fully(plan, lead, worker, steering)
        if stage == "approved_with_new_draft":
            draft = plan.get_draft()
            actions = list(draft.actions.all())
            actions[0].status = Action.Status.ON_TRACK
            actions[0].progress_notes = "First half term done; attendance good."
            parents = Principle.objects.get(number=7)
            objective, measure = OBJECTIVES[7]
            actions.append(
                Action(
                    principle=parents,
                    objective=objective,
                    owner="Family liaison officer",
                    start_date=_start_of_year() + datetime.timedelta(days=120),
                    due_date=_start_of_year() + datetime.timedelta(days=300),
                    success_measure=measure,
                    sort_order=len(actions),
                )
            )
            draft.actions = actions
            draft.summary = f"{draft.summary} Second version: progress recorded and a new parent action."
            plan.save_draft(lead, draft)
        return
    submit(plan, lead)
    if stage == "with_worker":
        return
    if stage == "changes_requested_by_worker":
        decide(_reload(plan), worker, "reject", comment="Please make the success measures something you can count.")
        return
    decide(_reload(plan), worker, "approve", comment="Ready for the steering group.")
    if stage == "with_steering":
        decide(_reload(plan), steering[-1], "approve", comment="Good plan.")
        return
    decide(_reload(plan), steering[0], "reject", comment="Add an action on working with parents and carers.")


def _candidates():
    """Schools with a lead and a submitted self-assessment, the demo school's cluster first."""
    demo_schools = School.objects.filter(memberships__user__email__in=[DEMO_LEAD, OTHER_DEMO_LEAD])
    demo_cluster = demo_schools.filter(memberships__user__email=DEMO_LEAD).values_list("cluster", flat=True).first()
    schools = (
        School.objects.filter(memberships__role=Membership.Role.MENTAL_HEALTH_LEAD, assessments__status="submitted")
        .exclude(pk__in=demo_schools.values("pk"))
        .exclude(cluster=None)
        .distinct()
        .order_by("urn")
    )
    ordered = sorted(schools, key=lambda school: (school.cluster_id != demo_cluster, school.urn))
    return ordered


@transaction.atomic
def build_demo():
    """Plans at every stage (two schools each where there are enough). Does nothing if plans exist."""
    if ActionPlan.objects.exists():
        return 0
    from django.contrib.auth import get_user_model

    steering = list(get_user_model().objects.filter(email__in=STEERING).order_by("email"))
    made = 0
    for school in _candidates():
        if made == len(STAGES) * 2:
            break
        lead = Membership.objects.get(school=school, role=Membership.Role.MENTAL_HEALTH_LEAD).user
        worker = assigned_worker(school)
        if worker is None:
            continue
        plan = _draft(school, lead, latest_submitted_assessment(school))
        _to_stage(plan, STAGES[made % len(STAGES)], lead, worker, steering)
        made += 1
    return made
