"""Every KPI figure against a hand-built data set whose answers are known."""

from datetime import datetime

from django.utils import timezone

import pytest

from assessments.models import Round
from awards.models import Award, Stage
from reports.kpis import Scope, indicators
from schools.models import School
from sws_site.academic_years import academic_year_label, academic_year_of
from tests.assessments.factories import submitted_assessment
from tests.schools.factories import ClusterFactory, LeadFactory, LocalityFactory, SchoolFactory
from tests.workflows.factories import draft_plan

pytestmark = pytest.mark.django_db

YEAR = 2026  # 1 September 2026 to 31 August 2027


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


def figures(scope):
    return {kpi.key: kpi.total(scope) for kpi in indicators()}


@pytest.fixture
def borough():
    """Two localities; West has a primary and a secondary school, East a primary and a closed school."""
    west, east = LocalityFactory(name="West"), LocalityFactory(name="East")
    west_cluster, east_cluster = ClusterFactory(locality=west), ClusterFactory(locality=east)
    schools = {
        "west_primary": SchoolFactory(cluster=west_cluster, phase="Primary"),
        "west_secondary": SchoolFactory(cluster=west_cluster, phase="Secondary"),
        "east_primary": SchoolFactory(cluster=east_cluster, phase="Primary"),
        "east_closed": SchoolFactory(cluster=east_cluster, phase="Primary", status=School.Status.CLOSED),
    }
    return {"west": west, "east": east, **schools}


def test_academic_years_run_september_to_august():
    assert academic_year_of(datetime(2026, 9, 1).date()) == 2026
    assert academic_year_of(datetime(2027, 8, 31).date()) == 2026
    assert academic_year_of(datetime(2026, 8, 31).date()) == 2025
    assert academic_year_label(2026) == "2026 to 2027"
    scope = Scope(year=YEAR)
    assert scope.starts == at(2026, 9, 1).replace(hour=0) and scope.ends == at(2027, 9, 1).replace(hour=0)


def test_designated_leads_counts_open_schools_only(borough):
    for name in ("west_primary", "east_primary", "east_closed"):
        LeadFactory(school=borough[name])
    assert figures(Scope(year=YEAR))["designated_leads"] == 2
    assert figures(Scope(year=YEAR, locality=borough["west"].pk))["designated_leads"] == 1
    assert figures(Scope(year=YEAR, phase="Secondary"))["designated_leads"] == 0


def test_self_assessments_and_reports_sent_by_academic_year(borough):
    submitted_assessment(borough["west_primary"], when=at(2026, 9, 1))  # first day of the year
    submitted_assessment(borough["east_primary"], when=at(2027, 8, 31))  # last day
    submitted_assessment(borough["west_secondary"], when=at(2026, 8, 31))  # the year before
    late = submitted_assessment(borough["east_primary"], round=Round.REVIEW, when=at(2027, 9, 1))  # the year after
    sent = submitted_assessment(borough["west_secondary"], round=Round.REVIEW, when=at(2026, 10, 1))
    sent.report_sent_at = at(2026, 11, 1)
    sent.save()
    late.report_sent_at = at(2027, 9, 2)
    late.save()

    this_year = figures(Scope(year=YEAR))
    assert this_year["self_assessments_completed"] == 3
    assert this_year["feedback_reports_sent"] == 1
    assert figures(Scope(year=2025))["self_assessments_completed"] == 1
    assert figures(Scope(year=YEAR, locality=borough["east"].pk))["self_assessments_completed"] == 1
    assert figures(Scope(year=YEAR, phase="Secondary"))["self_assessments_completed"] == 1


def test_action_plans_developed_and_approved(borough):
    lead = LeadFactory(school=borough["west_primary"]).user
    started = draft_plan(borough["west_primary"], lead)
    type(started).objects.filter(pk=started.pk).update(created_at=at(2026, 10, 1), first_published_at=at(2027, 1, 5))
    older = draft_plan(borough["east_primary"], LeadFactory(school=borough["east_primary"]).user)
    type(older).objects.filter(pk=older.pk).update(created_at=at(2025, 10, 1), first_published_at=at(2026, 9, 3))
    this_year = figures(Scope(year=YEAR))
    assert this_year["action_plans_developed"] == 1
    assert this_year["action_plans_approved"] == 2
    assert figures(Scope(year=2025))["action_plans_developed"] == 1


def test_awards_by_stage(borough):
    Award.objects.create(school=borough["west_primary"], stage=Stage.BRONZE, awarded_at=at(2026, 12, 1))
    Award.objects.create(school=borough["west_primary"], stage=Stage.SILVER, awarded_at=at(2027, 6, 1))
    Award.objects.create(school=borough["east_primary"], stage=Stage.BRONZE, awarded_at=at(2027, 2, 1))
    Award.objects.create(school=borough["east_primary"], stage=Stage.BRONZE, awarded_at=at(2024, 2, 1))
    this_year = figures(Scope(year=YEAR))
    assert (this_year["awards_bronze"], this_year["awards_silver"], this_year["awards_gold"]) == (2, 1, 0)


def test_breakdowns_group_by_locality_cluster_and_phase(borough):
    for name in ("west_primary", "west_secondary", "east_primary"):
        LeadFactory(school=borough[name])
    leads = next(kpi for kpi in indicators() if kpi.key == "designated_leads")
    scope = Scope(year=YEAR)
    assert leads.breakdown(scope, "locality") == [("West", 2), ("East", 1)]
    assert leads.breakdown(scope, "phase") == [("Primary", 2), ("Secondary", 1)]
    assert sum(value for _, value in leads.breakdown(scope, "cluster")) == 3


def test_staff_confidence_thrive_and_support_indicators(borough):
    from questionnaires.models import Kind, QuestionnaireResponse
    from tests.questionnaires.factories import PlaceFactory, answer
    from tests.schools.factories import MembershipFactory
    from tests.support.factories import PeriodFactory, SupportRecordFactory

    def person_at(school):
        return MembershipFactory(school=school)

    def pair(membership, before, after, period=None, when=None):
        when = when or at(2026, 10, 1)
        school, person = membership.school, membership.user
        if period is None:
            booking = PlaceFactory(membership=membership)
            answer(person, Kind.PRE_TRAINING, school=school, booking=booking, **before)
            post = answer(person, Kind.POST_TRAINING, school=school, booking=booking, **after)
        else:
            answer(person, Kind.BEFORE_SUPPORT, school=school, period=period, **before)
            post = answer(person, Kind.AFTER_SUPPORT, school=school, period=period, **after)
        QuestionnaireResponse.objects.filter(pk=post.pk).update(submitted_at=when)

    low, up = {"confidence": 2, "knowledge": 2}, {"confidence": 4, "knowledge": 4}
    a, b, c = person_at(borough["west_primary"]), person_at(borough["west_primary"]), person_at(borough["east_primary"])
    pair(a, low, {**up, "understanding": 4, "access": 5})  # increased; understands THRIVE
    pair(b, low, {"confidence": 4, "knowledge": 2})  # higher on one only: not an increase
    pair(c, low, up)  # increased after training
    period = PeriodFactory(school=borough["east_primary"], staff=[c.user])
    pair(c, low, up, period=period)  # and after working alongside a worker: still one person in the total
    pair(person_at(borough["west_secondary"]), low, up, when=at(2026, 8, 30))  # the year before

    SupportRecordFactory(school=borough["west_primary"], kind="action_planning", date=at(2026, 9, 5).date())
    SupportRecordFactory(school=borough["east_primary"], kind="action_planning", date=at(2027, 3, 5).date())
    SupportRecordFactory(school=borough["east_primary"], kind="consultation", date=at(2027, 3, 6).date())
    SupportRecordFactory(school=borough["east_primary"], kind="action_planning", date=at(2026, 8, 31).date())

    this_year = figures(Scope(year=YEAR))
    assert this_year["staff_increased_confidence"] == 2
    assert this_year["staff_increased_after_training"] == 2
    assert this_year["staff_increased_after_support"] == 1
    assert this_year["staff_understand_thrive"] == 1
    assert this_year["action_planning_meetings"] == 2
    assert figures(Scope(year=2025))["staff_increased_confidence"] == 1
    east = figures(Scope(year=YEAR, locality=borough["east"].pk))
    assert (east["staff_increased_confidence"], east["action_planning_meetings"]) == (1, 1)
    headline = next(kpi for kpi in indicators() if kpi.key == "staff_increased_confidence")
    assert headline.target == 300


def test_tool_feasibility_and_award_indicators(borough):
    from tests.awards.factories import start

    for name in ("west_primary", "west_secondary", "east_primary"):
        submitted_assessment(borough[name], when=at(2026, 10, 1))
    lead = LeadFactory(school=borough["west_primary"]).user
    start(borough["west_primary"], lead)
    this_year = figures(Scope(year=YEAR))
    assert this_year["tool_published"] == 1
    assert this_year["feasibility_schools"] == 3
    assert this_year["schools_working_towards_award"] == 1
    assert figures(Scope(year=YEAR, locality=borough["east"].pk))["schools_working_towards_award"] == 0


def test_sessions_delivered_and_staff_trained(borough):
    from tests.questionnaires.factories import PlaceFactory, SessionFactory
    from tests.schools.factories import MembershipFactory
    from training.models import Booking

    autumn = SessionFactory(starts_at=at(2026, 11, 3), ends_at=at(2026, 11, 3))
    spring = SessionFactory(course=autumn.course, starts_at=at(2027, 3, 3), ends_at=at(2027, 3, 3))
    last_year = SessionFactory(course=autumn.course, starts_at=at(2026, 6, 3), ends_at=at(2026, 6, 3))
    west = MembershipFactory(school=borough["west_primary"])
    east = MembershipFactory(school=borough["east_primary"])
    for session in (autumn, spring, last_year):
        PlaceFactory(session=session, membership=west, attended=True)
    PlaceFactory(session=autumn, membership=east, attended=True)
    PlaceFactory(session=spring, membership=east, attended=False)  # did not come
    PlaceFactory(session=spring, membership=MembershipFactory(school=borough["east_primary"]),
                 status=Booking.Status.WAITING)
    this_year = figures(Scope(year=YEAR))
    assert (this_year["sessions_delivered"], this_year["staff_trained"]) == (2, 2)
    east_only = figures(Scope(year=YEAR, locality=borough["east"].pk))
    assert (east_only["sessions_delivered"], east_only["staff_trained"]) == (1, 1)
    assert figures(Scope(year=2025))["staff_trained"] == 1
