"""The indicators of the seed's KPI table (Table 1), in its order.

Outcome one: staff confidence and knowledge. Outcome two: the self-assessment tool. Outcome three:
action plans and the award. Each indicator says which rows it counts; see `kpis.Indicator`.
"""

from django.db.models import Q

from assessments.models import Assessment, FrameworkVersion
from awards.models import Award, AwardSubmission, Stage
from questionnaires.models import Kind as QuestionnaireKind
from questionnaires.pairing import increased_condition, matched_pairs, post_answers, thrive_condition
from schools.models import Membership, School
from support.models import SupportRecord
from training.models import Booking
from workflows.models import ActionPlan

from .kpis import Indicator, register

STAFF = "Outcome one: school staff's confidence and knowledge"
CONFIDENCE_TARGET = 300  # staff a year reporting increased confidence and knowledge (the seed's KPI a)
TOOL = "Outcome two: the self-assessment tool"
PLANS = "Outcome three: action plans and the award"


register(
    Indicator(
        key="designated_leads",
        label="Schools with a designated Mental Health Lead",
        outcome=STAFF,
        rows=lambda scope: Membership.objects.filter(
            role=Membership.Role.MENTAL_HEALTH_LEAD, school__status__in=School.OPEN_STATUSES
        ),
        school_path="school",
        counts="school",
        description="Open schools that have named their lead, now (not by year).",
        by_year=False,
    )
)

def _attended(scope):
    """Places taken up at sessions held in the year."""
    return Booking.objects.filter(attended=True, session__cancelled=False).filter(scope.in_year("session__starts_at"))


register(
    Indicator(
        key="sessions_delivered",
        label="Mental health training sessions delivered",
        outcome=STAFF,
        rows=_attended,
        school_path="school",
        counts="session",
        description="Sessions held in the year that staff from these schools attended.",
    )
)

register(
    Indicator(
        key="staff_trained",
        label="School staff who attended training",
        outcome=STAFF,
        rows=_attended,
        school_path="school",
        counts="person",
        description="Each person once, however many sessions they attended.",
    )
)


def _increased(scope):
    """Post answers in the year, in a matched pair, showing higher confidence and knowledge."""
    return matched_pairs().filter(increased_condition()).filter(scope.in_year("submitted_at"))


register(
    Indicator(
        key="staff_increased_confidence",
        label="Staff reporting increased confidence and knowledge",
        outcome=STAFF,
        rows=_increased,
        school_path="school",
        counts="respondent",
        target=CONFIDENCE_TARGET,
        description="People whose answers after training or working alongside a worker rate both confidence and "
        "knowledge higher than before (matched pairs; each person once).",
    )
)

register(
    Indicator(
        key="staff_increased_after_training",
        label="… after training",
        outcome=STAFF,
        rows=_increased,
        only=Q(kind=QuestionnaireKind.POST_TRAINING),
        school_path="school",
        counts="respondent",
    )
)

register(
    Indicator(
        key="staff_increased_after_support",
        label="… after working alongside a wellbeing worker",
        outcome=STAFF,
        rows=_increased,
        only=Q(kind=QuestionnaireKind.AFTER_SUPPORT),
        school_path="school",
        counts="respondent",
    )
)

register(
    Indicator(
        key="staff_understand_thrive",
        label="Staff who understand the THRIVE model and know how to access it",
        outcome=STAFF,
        rows=lambda scope: post_answers().filter(thrive_condition()).filter(scope.in_year("submitted_at")),
        school_path="school",
        counts="respondent",
        description="People rating both at least 4 of 5 after training or working alongside a worker.",
    )
)

register(
    Indicator(
        key="tool_published",
        label="Self-assessment tool published (versions)",
        outcome=TOOL,
        rows=lambda scope: FrameworkVersion.objects.exclude(published_at=None).filter(
            published_at__lt=scope.ends
        ),
        school_path=None,
        description="Versions of the tool published by the end of the year; 1 or more means it is established.",
        by_year=False,
    )
)

register(
    Indicator(
        key="feasibility_schools",
        label="Schools that tested the tool (answered its first version)",
        outcome=TOOL,
        rows=lambda scope: Assessment.objects.filter(status=Assessment.Status.SUBMITTED, framework__number=1),
        school_path="school",
        counts="school",
        description="The seed asks for at least 5 schools contributing to feasibility testing.",
        target=5,
        by_year=False,
    )
)

register(
    Indicator(
        key="self_assessments_completed",
        label="Self-assessments completed",
        outcome=TOOL,
        rows=lambda scope: Assessment.objects.filter(status=Assessment.Status.SUBMITTED).filter(
            scope.in_year("submitted_at")
        ),
        school_path="school",
        description="Submitted in the year, any round.",
    )
)

register(
    Indicator(
        key="feedback_reports_sent",
        label="Feedback reports sent to schools",
        outcome=TOOL,
        rows=lambda scope: Assessment.objects.filter(scope.in_year("report_sent_at")),
        school_path="school",
        description="Reports marked as sent in the year.",
    )
)

register(
    Indicator(
        key="action_planning_meetings",
        label="Action-planning meetings held",
        outcome=PLANS,
        rows=lambda scope: SupportRecord.objects.filter(kind=SupportRecord.Kind.ACTION_PLANNING).filter(
            scope.in_year("date")
        ),
        school_path="school",
        description="From the support log.",
    )
)

register(
    Indicator(
        key="action_plans_developed",
        label="Mental Health Action Plans developed",
        outcome=PLANS,
        rows=lambda scope: ActionPlan.objects.filter(scope.in_year("created_at")),
        school_path="school",
        description="Plans started in the year.",
    )
)

register(
    Indicator(
        key="action_plans_approved",
        label="Mental Health Action Plans approved",
        outcome=PLANS,
        rows=lambda scope: ActionPlan.objects.filter(scope.in_year("first_published_at")),
        school_path="school",
        description="Plans first approved by the steering group in the year.",
    )
)

register(
    Indicator(
        key="schools_working_towards_award",
        label="Schools working towards the award",
        outcome=PLANS,
        rows=lambda scope: AwardSubmission.objects.filter(created_at__lt=scope.ends),
        school_path="school",
        counts="school",
        description="Schools that have started an award stage by the end of the year.",
        by_year=False,
    )
)

for _stage in Stage:
    register(
        Indicator(
            key=f"awards_{_stage.name.lower()}",
            label=f"{_stage.label} awards made",
            outcome=PLANS,
            rows=lambda scope, stage=_stage: Award.objects.filter(stage=stage).filter(scope.in_year("awarded_at")),
            school_path="school",
            counts="school",
            description=f"Schools awarded {_stage.label} in the year (including awards revoked since).",
        )
    )
