"""The indicators of the seed's KPI table (Table 1), in its order.

Outcome one: staff confidence and knowledge. Outcome two: the self-assessment tool. Outcome three:
action plans and the award. Each indicator says which rows it counts; see `kpis.Indicator`.
"""

from assessments.models import Assessment
from awards.models import Award, Stage
from schools.models import Membership, School
from workflows.models import ActionPlan

from .kpis import Indicator, register

STAFF = "Outcome one: school staff's confidence and knowledge"
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
