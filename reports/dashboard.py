"""The KPI dashboard in the Wagtail admin: filters, figures against targets, breakdowns and exports."""

from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from schools.models import Cluster, Locality, School
from sws_site.academic_years import academic_year_label, academic_year_of

from .kpis import BREAKDOWNS, Scope, figures

FIRST_YEAR = 2025  # the pilot's first academic year
GIAS_PHASES = ("Nursery", "Primary", "Middle deemed primary", "Secondary", "Middle deemed secondary", "16 plus",
               "All-through", "Not applicable")
PERMISSION = "reports.view_kpi_dashboard"


def can_view_kpis(user):
    """The team, the steering group and Public Health see the dashboard."""
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


class ScopeForm(forms.Form):
    """The dashboard's filters, submitted by GET so every view can be bookmarked and shared."""

    year = forms.TypedChoiceField(label="Academic year", coerce=int)
    locality = forms.ModelChoiceField(queryset=Locality.objects.order_by("name"), required=False, empty_label="All")
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.order_by("name"), required=False, empty_label="All")
    phase = forms.ChoiceField(label="Phase", required=False)
    by = forms.ChoiceField(
        label="Break figures down by", choices=[(key, label) for key, (label, _) in BREAKDOWNS.items()], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.this_year = academic_year_of(timezone.localdate())
        years = range(self.this_year, min(FIRST_YEAR, self.this_year) - 1, -1)
        self.fields["year"].choices = [(year, academic_year_label(year)) for year in years]
        self.fields["year"].initial = self.this_year
        recorded = School.objects.exclude(phase="").order_by("phase").values_list("phase", flat=True).distinct()
        phases = sorted(set(GIAS_PHASES) | set(recorded))
        self.fields["phase"].choices = [("", "All"), *((phase, phase) for phase in phases)]

    def _valid_data(self):
        """The fields that validated: one bad value in an address does not discard the others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def scope(self):
        """The scope the (valid or default) filters describe."""
        data = self._valid_data()
        return Scope(
            year=data.get("year") or self.this_year,
            locality=data["locality"].pk if data.get("locality") else None,
            cluster=data["cluster"].pk if data.get("cluster") else None,
            phase=data.get("phase") or "",
        )

    def breakdown(self):
        """The dimension chosen for the breakdowns (locality by default)."""
        data = self._valid_data()
        return data.get("by") or "locality"


@dataclass
class Figure:
    """One indicator's figures for the scope."""

    indicator: object
    total: int
    groups: list

    @cached_property
    def largest(self):
        """The largest group's value, to scale the chart's bars (read once per bar, so computed once)."""
        return max((value for _, value in self.groups), default=0)

    @property
    def progress(self):
        """Percentage of the target reached, when there is a target."""
        target = self.indicator.target
        return round(100 * self.total / target) if target else None


class KPIDashboardView(SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every KPI for an academic year and a set of schools, with a chart and a data table each."""

    template_name = "reports/kpi_dashboard.html"
    page_title = "KPI dashboard"
    header_icon = "table"
    list_export = ["outcome", "indicator", "group", "value", "target"]
    export_headings = {"outcome": "Outcome", "indicator": "Indicator", "group": "Group", "value": "Value"}

    def dispatch(self, request, *args, **kwargs):
        """Only those who may see the KPIs."""
        if not can_view_kpis(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        """The page, or the figures as a spreadsheet."""
        self.form = ScopeForm(request.GET or None)
        self.figures = self.compute(self.form.scope(), self.form.breakdown())
        if self.is_export:
            return self.as_spreadsheet(self.export_rows(), request.GET["export"])
        return super().get(request, *args, **kwargs)

    @staticmethod
    def compute(scope, by):
        """Totals and breakdowns for every indicator: two aggregate queries per set of indicators sharing rows."""
        return [Figure(kpi, total, groups) for kpi, total, groups in figures(scope, by)]

    def export_rows(self):
        """One row per figure and per group, in long format for pivot tables."""
        label = BREAKDOWNS[self.form.breakdown()][0]
        rows = []
        for figure in self.figures:
            kpi = figure.indicator
            rows.append(
                {"outcome": kpi.outcome, "indicator": kpi.label, "group": "All", "value": figure.total,
                 "target": kpi.target or ""}
            )
            rows.extend(
                {"outcome": kpi.outcome, "indicator": kpi.label, "group": f"{label}: {group}", "value": value,
                 "target": ""}
                for group, value in figure.groups
            )
        return rows

    def to_row_dict(self, item):
        """Rows are dictionaries already."""
        return {field: item[field] for field in self.list_export}

    def get_filename(self):
        """For example kpis-2026-to-2027."""
        return f"kpis-{academic_year_label(self.form.scope().year).replace(' ', '-')}"

    def get_context_data(self, **kwargs):
        """Figures grouped by outcome, with the filters and export links."""
        context = super().get_context_data(**kwargs)
        scope = self.form.scope()
        outcomes = {}
        for figure in self.figures:
            outcomes.setdefault(figure.indicator.outcome, []).append(figure)
        query = self.request.GET.copy()
        query.pop("export", None)
        context.update(
            form=self.form,
            scope=scope,
            year_label=academic_year_label(scope.year),
            breakdown_label=BREAKDOWNS[self.form.breakdown()][0],
            outcomes=outcomes,
            export_query=query.urlencode(),
        )
        return context
