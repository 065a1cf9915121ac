"""The benchmark's synthetic data set, small: the dashboard's figures on it equal counts made in plain Python.

This guards both the benchmark's realism (the builder fills every KPI, consistently with the models'
rules) and the KPIs (each figure is recounted here row by row, without the ORM's aggregates).
"""

from collections import defaultdict
from datetime import UTC, date, datetime

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

import pytest

from assessments.models import Assessment, FrameworkVersion, Response, Round
from awards.models import Award, AwardSubmission, Stage
from bench.kpi_dashboard_bench import build
from questionnaires.models import POST_KINDS, Kind, QuestionnaireResponse
from reports.dashboard import KPIDashboardView
from reports.evaluation import compare_rounds
from reports.kpis import BREAKDOWNS, NOT_RECORDED, Scope
from schools.models import Membership, School
from support.models import SupportRecord
from training.models import Booking
from workflows.models import ActionPlan

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)  # eighteen months into the pilot: two academic years of data


class Recount:
    """Every KPI recounted in Python from the rows themselves, for one scope."""

    def __init__(self, scope):
        self.scope = scope
        self.schools = {
            row["id"]: row
            for row in School.objects.values(
                "id", "status", "phase", "cluster_id", "cluster__name", "cluster__locality_id",
                "cluster__locality__name",
            )
        }

    def in_year(self, moment):
        if moment is None:
            return False
        if isinstance(moment, datetime):
            return self.scope.starts <= moment < self.scope.ends
        return date(self.scope.year, 9, 1) <= moment < date(self.scope.year + 1, 9, 1)

    def chosen(self, school_id):
        school, scope = self.schools[school_id], self.scope
        return (
            (not scope.locality or school["cluster__locality_id"] == scope.locality)
            and (not scope.cluster or school["cluster_id"] == scope.cluster)
            and (not scope.phase or school["phase"] == scope.phase)
        )

    def group(self, school_id, by):
        field = {"locality": "cluster__locality__name", "cluster": "cluster__name", "phase": "phase"}[by]
        return self.schools[school_id][field] or NOT_RECORDED

    def figure(self, items, by):
        """(total, groups) from (school id, thing counted once) pairs, like `Indicator.total` and `breakdown`."""
        items = [(school, thing) for school, thing in items if self.chosen(school)]
        groups = defaultdict(set)
        for school, thing in items:
            groups[self.group(school, by)].add(thing)
        breakdown = sorted(((label, len(things)) for label, things in groups.items()), key=lambda g: (-g[1], g[0]))
        return len({thing for _, thing in items}), breakdown

    def all(self, by):
        """Every indicator's (total, groups), by key."""
        figures = {}
        leads = Membership.objects.filter(role=Membership.Role.MENTAL_HEALTH_LEAD).values_list("school_id", flat=True)
        figures["designated_leads"] = self.figure(
            [(s, s) for s in leads if self.schools[s]["status"] in School.OPEN_STATUSES], by
        )
        attended = [
            b for b in Booking.objects.values("school_id", "session_id", "person_id", "attended",
                                              "session__cancelled", "session__starts_at")
            if b["attended"] is True and not b["session__cancelled"] and self.in_year(b["session__starts_at"])
        ]
        figures["sessions_delivered"] = self.figure([(b["school_id"], b["session_id"]) for b in attended], by)
        figures["staff_trained"] = self.figure([(b["school_id"], b["person_id"]) for b in attended], by)
        answers = {a.pk: a for a in QuestionnaireResponse.objects.all()}
        posts = [a for a in answers.values() if a.kind in POST_KINDS and self.in_year(a.submitted_at)]
        increased = [
            a for a in posts
            if a.pre_id and a.confidence > answers[a.pre_id].confidence and a.knowledge > answers[a.pre_id].knowledge
        ]
        figures["staff_increased_confidence"] = self.figure([(a.school_id, a.respondent_id) for a in increased], by)
        for key, kind in (("training", Kind.POST_TRAINING), ("support", Kind.AFTER_SUPPORT)):
            figures[f"staff_increased_after_{key}"] = self.figure(
                [(a.school_id, a.respondent_id) for a in increased if a.kind == kind], by
            )
        figures["staff_understand_thrive"] = self.figure(
            [(a.school_id, a.respondent_id) for a in posts if a.thrive_understanding >= 4 and a.thrive_access >= 4],
            by,
        )
        published = [v for v in FrameworkVersion.objects.all() if v.published_at and v.published_at < self.scope.ends]
        figures["tool_published"] = (len(published), [])
        assessments = list(Assessment.objects.values("pk", "school_id", "status", "framework__number",
                                                     "submitted_at", "report_sent_at"))
        submitted = [a for a in assessments if a["status"] == Assessment.Status.SUBMITTED]
        figures["feasibility_schools"] = self.figure(
            [(a["school_id"], a["school_id"]) for a in submitted if a["framework__number"] == 1], by
        )
        figures["self_assessments_completed"] = self.figure(
            [(a["school_id"], a["pk"]) for a in submitted if self.in_year(a["submitted_at"])], by
        )
        figures["feedback_reports_sent"] = self.figure(
            [(a["school_id"], a["pk"]) for a in assessments if self.in_year(a["report_sent_at"])], by
        )
        figures["action_planning_meetings"] = self.figure(
            [(r.school_id, r.pk) for r in SupportRecord.objects.all()
             if r.kind == SupportRecord.Kind.ACTION_PLANNING and self.in_year(r.date)],
            by,
        )
        plans = list(ActionPlan.objects.all())
        figures["action_plans_developed"] = self.figure(
            [(p.school_id, p.pk) for p in plans if self.in_year(p.created_at)], by
        )
        figures["action_plans_approved"] = self.figure(
            [(p.school_id, p.pk) for p in plans if self.in_year(p.first_published_at)], by
        )
        figures["schools_working_towards_award"] = self.figure(
            [(s.school_id, s.school_id) for s in AwardSubmission.objects.all() if s.created_at < self.scope.ends], by
        )
        awards = list(Award.objects.all())
        for stage in Stage:
            figures[f"awards_{stage.name.lower()}"] = self.figure(
                [(a.school_id, a.school_id) for a in awards if a.stage == stage and self.in_year(a.awarded_at)], by
            )
        return figures


def dashboard(scope, by):
    return {figure.indicator.key: (figure.total, figure.groups) for figure in KPIDashboardView.compute(scope, by)}


@pytest.fixture
def country():
    """Sixty invented schools with everything the KPIs count."""
    return build(schools=60, seed=3, now=NOW)


def test_the_builder_fills_every_table_the_kpis_count(country):
    for model in (School, Membership, Booking, QuestionnaireResponse, SupportRecord, Assessment, ActionPlan,
                  AwardSubmission, Award):
        assert country[model._meta.label] > 0, model
    pairs = QuestionnaireResponse.objects.exclude(pre=None)
    assert pairs.exists()
    assert not pairs.exclude(kind__in=POST_KINDS).exists()
    assert not pairs.exclude(pre__respondent=F("respondent")).exists()
    years = [dashboard(Scope(year), "locality") for year in (2025, 2026)]
    empty = {key for key in years[0] if not any(figures[key][0] for figures in years)}
    assert empty <= {"awards_silver", "awards_gold"}, empty  # few schools get that far in sixty


@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("by", list(BREAKDOWNS))
def test_every_figure_equals_a_recount_in_python(country, year, by):
    scope = Scope(year)
    assert dashboard(scope, by) == Recount(scope).all(by)


def test_filtered_figures_equal_a_recount_in_python(country):
    school = School.objects.filter(phase="Primary").exclude(cluster=None).select_related("cluster").first()
    for scope in (
        Scope(2025, locality=school.cluster.locality_id),
        Scope(2025, cluster=school.cluster_id),
        Scope(2026, phase="Secondary"),
        Scope(2025, locality=school.cluster.locality_id, phase="Primary"),
    ):
        figures = dashboard(scope, "cluster")
        assert figures == Recount(scope).all("cluster"), scope
        assert figures["designated_leads"][0] > 0


@pytest.mark.parametrize("matched", [True, False])
@pytest.mark.parametrize("phase", ["", "Primary"])
def test_the_evaluation_equals_a_recount_in_python(country, matched, phase):
    scope = Scope(2026, phase=phase)
    recount = Recount(scope)
    rounds = (Round.BASELINE, Round.END_OF_PILOT)
    submitted = [
        a for a in Assessment.objects.filter(status=Assessment.Status.SUBMITTED, round__in=rounds)
        if recount.chosen(a.school_id)
    ]
    done = {round_: {a.school_id for a in submitted if a.round == round_} for round_ in rounds}
    counted = {
        a.pk: a.round for a in submitted if not matched or all(a.school_id in done[r] for r in rounds)
    }
    ratings, schools = defaultdict(list), defaultdict(set)
    for response in Response.objects.exclude(rating=None).select_related("statement", "assessment"):
        if response.assessment_id in counted:
            key = (counted[response.assessment_id], response.statement.principle_id)
            ratings[key].append(response.rating)
            schools[key].add(response.assessment.school_id)
    changes = compare_rounds(scope, matched=matched)
    assert any(change.shown for change in changes)
    for change in changes:
        before, after = ((r, change.principle.pk) for r in rounds)
        assert change.baseline == round(sum(ratings[before]) / len(ratings[before]), 2)
        assert change.end == round(sum(ratings[after]) / len(ratings[after]), 2)
        assert change.schools == min(len(schools[before]), len(schools[after]))


def test_the_number_of_queries_does_not_grow_with_the_schools(django_assert_num_queries):
    build(schools=20, seed=4, now=NOW)
    with CaptureQueriesContext(connection) as small:
        before = dashboard(Scope(2026), "cluster")
    build(schools=40, seed=5, now=NOW)
    with django_assert_num_queries(len(small)):
        after = dashboard(Scope(2026), "cluster")
    assert after["designated_leads"][0] > before["designated_leads"][0]
    assert after["staff_trained"][0] > before["staff_trained"][0]
    assert len(after["designated_leads"][1]) > len(before["designated_leads"][1])
