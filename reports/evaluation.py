"""The pilot's evaluation: baseline against end-of-pilot self-assessment scores, principle by principle.

Scores are mean ratings (1 to 4) over the submitted assessments of the chosen schools. The fair
comparison is over the schools that completed both rounds ("matched"); the all-schools means are
shown beside it. As in the feedback report, a group of fewer than 5 schools is never shown.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Exists, OuterRef
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from assessments.models import Assessment, Response, Round, Statement
from assessments.report import MIN_GROUP_SIZE
from taxonomy.models import Principle

from .dashboard import ScopeForm, can_view_kpis


@dataclass
class PrincipleChange:
    """One principle's scores before and after the pilot."""

    principle: Principle
    baseline: float | None
    end: float | None
    schools: int

    @property
    def shown(self):
        """Whether the group is big enough to show."""
        return self.schools >= MIN_GROUP_SIZE and self.baseline is not None and self.end is not None

    @property
    def change(self):
        """End-of-pilot score minus baseline, when shown."""
        return round(self.end - self.baseline, 2) if self.shown else None


def _submitted(round_, scope):
    return Assessment.objects.filter(status=Assessment.Status.SUBMITTED, round=round_).filter(scope.schools("school"))


def _means(scope, matched):
    """{(round, principle id): (mean rating, schools)} for both rounds, from three aggregate queries."""
    rounds = (Round.BASELINE, Round.END_OF_PILOT)
    assessments = Assessment.objects.filter(status=Assessment.Status.SUBMITTED, round__in=rounds).filter(
        scope.schools("school")
    )
    if matched:
        for round_ in rounds:
            assessments = assessments.filter(Exists(_submitted(round_, scope).filter(school=OuterRef("school"))))
    means = (
        Response.objects.filter(rating__isnull=False, assessment__in=assessments)
        .order_by()
        .values_list("assessment__round", "statement__principle")
        .annotate(mean=Avg("rating"))
    )
    # Counting distinct schools over every response is what made this slow. A school has one assessment
    # per round, and a submitted one rates every statement of its version (services.submit), so the schools
    # scored on a principle are those whose version has statements under it.
    per_version = assessments.order_by().values_list("round", "framework").annotate(schools=Count("pk"))
    versions = {framework for _, framework, _ in per_version}
    principles = defaultdict(set)
    for framework, principle in Statement.objects.filter(framework__in=versions).values_list("framework", "principle"):
        principles[framework].add(principle)
    schools = Counter()
    for round_, framework, count in per_version:
        for principle in principles[framework]:
            schools[round_, principle] += count
    return {(round_, principle): (mean, schools[round_, principle]) for round_, principle, mean in means}


def compare_rounds(scope, matched=True):
    """Each principle's mean at baseline and at the end of the pilot (four queries in all)."""
    means = _means(scope, matched)
    changes = []
    for principle in Principle.objects.order_by("number"):
        mean_before, schools_before = means.get((Round.BASELINE, principle.pk), (None, 0))
        mean_after, schools_after = means.get((Round.END_OF_PILOT, principle.pk), (None, 0))
        changes.append(
            PrincipleChange(
                principle=principle,
                baseline=round(mean_before, 2) if mean_before is not None else None,
                end=round(mean_after, 2) if mean_after is not None else None,
                schools=min(schools_before, schools_after),
            )
        )
    return changes


class EvaluationView(WagtailAdminTemplateMixin, TemplateView):
    """Baseline against end-of-pilot, matched schools and all schools."""

    template_name = "reports/evaluation.html"
    page_title = "Evaluation: baseline and end of pilot"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        """Only those who may see the KPIs."""
        if not can_view_kpis(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        """Both comparisons for the chosen schools."""
        context = super().get_context_data(**kwargs)
        form = ScopeForm(self.request.GET or None)
        for name in ("year", "by"):
            form.fields.pop(name)
        scope = form.scope()
        context.update(
            form=form,
            matched=compare_rounds(scope, matched=True),
            everyone=compare_rounds(scope, matched=False),
            min_group=MIN_GROUP_SIZE,
        )
        return context
