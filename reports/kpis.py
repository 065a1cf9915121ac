"""The pilot's key performance indicators, computed with a fixed number of aggregate queries.

Each `Indicator` names a queryset of the rows it counts (already narrowed to the scope's academic
year and schools), the path from those rows to the school, and what to count once (a school, a
person). The total is one query; a breakdown by locality, cluster or phase is one GROUP BY query.
Indicators that count the same rows (the same `rows` function; `only` narrows them per figure)
share those two queries, so the biggest tables are read once (`figures`). Nothing loops over rows
in Python, so the dashboard costs the same with 60 schools or 24,000.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

BREAKDOWNS = {
    "locality": ("Locality", "cluster__locality__name"),
    "cluster": ("Cluster", "cluster__name"),
    "phase": ("Phase", "phase"),
}
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Scope:
    """Which academic year and which schools the figures are for."""

    year: int
    locality: int | None = None
    cluster: int | None = None
    phase: str = ""

    @property
    def starts(self):
        """The first moment of the academic year (1 September)."""
        return timezone.make_aware(datetime.combine(date(self.year, 9, 1), time.min))

    @property
    def ends(self):
        """The first moment after it (the next 1 September)."""
        return timezone.make_aware(datetime.combine(date(self.year + 1, 9, 1), time.min))

    def in_year(self, path):
        """Rows whose `path` (a date or date-time field) falls in the academic year."""
        return Q(**{f"{path}__gte": self.starts, f"{path}__lt": self.ends})

    def schools(self, school_path):
        """Rows whose school (reached by `school_path`) is in the chosen locality, cluster and phase."""
        prefix = f"{school_path}__" if school_path else ""
        condition = Q()
        if self.locality:
            condition &= Q(**{f"{prefix}cluster__locality_id": self.locality})
        if self.cluster:
            condition &= Q(**{f"{prefix}cluster_id": self.cluster})
        if self.phase:
            condition &= Q(**{f"{prefix}phase": self.phase})
        return condition


@dataclass
class Indicator:
    """One figure on the dashboard."""

    key: str
    label: str
    outcome: str
    rows: Callable[[Scope], QuerySet]
    school_path: str | None
    counts: str = "pk"
    description: str = ""
    target: int | None = None
    unit: str = ""
    by_year: bool = True
    only: Q | None = None
    extra: dict = field(default_factory=dict)

    def queryset(self, scope):
        """The rows counted, narrowed to the scope's schools (unless they belong to no school)."""
        rows = self.rows(scope)
        return rows if self.school_path is None else rows.filter(scope.schools(self.school_path))

    def count(self):
        """The aggregate: distinct `counts` among the rows (those matching `only`, if given)."""
        return Count(self.counts, distinct=True, filter=self.only)

    def total(self, scope):
        """The figure (one query)."""
        return totals([self], scope)[self.key]

    def breakdown(self, scope, by):
        """The figure per locality, cluster or phase, largest first (one query; none without schools)."""
        return breakdowns([self], scope, by)[self.key]


def sharing_rows(kpis):
    """The indicators in groups that count the same rows, in their order."""
    groups = {}
    for kpi in kpis:
        groups.setdefault((kpi.rows, kpi.school_path), []).append(kpi)
    return list(groups.values())


def _aggregates(kpis):
    return {f"kpi_{index}": kpi.count() for index, kpi in enumerate(kpis)}


def _rows(kpis, scope):
    """The rows the indicators share; one indicator alone reads only the rows it counts."""
    rows = kpis[0].queryset(scope)
    return rows.filter(kpis[0].only) if len(kpis) == 1 and kpis[0].only is not None else rows


def totals(kpis, scope):
    """The figures of indicators sharing their rows, by key (one query)."""
    values = _rows(kpis, scope).aggregate(**_aggregates(kpis))
    return {kpi.key: values[f"kpi_{index}"] for index, kpi in enumerate(kpis)}


def breakdowns(kpis, scope, by):
    """Indicators sharing their rows, per locality, cluster or phase, by key (one query; none without schools)."""
    school_path = kpis[0].school_path
    if school_path is None:
        return {kpi.key: [] for kpi in kpis}
    _, school_field = BREAKDOWNS[by]
    path = f"{school_path}__{school_field}" if school_path else school_field
    rows = list(_rows(kpis, scope).order_by().values(path).annotate(**_aggregates(kpis)))
    result = {}
    for index, kpi in enumerate(kpis):
        # A group with none of this figure's rows is left out, as if it had been counted alone.
        groups = ((row[path] or NOT_RECORDED, row[f"kpi_{index}"]) for row in rows if row[f"kpi_{index}"])
        result[kpi.key] = sorted(groups, key=lambda item: (-item[1], item[0]))
    return result


def figures(scope, by):
    """(indicator, total, breakdown) for every indicator: two aggregate queries per set sharing rows."""
    found = {}
    for kpis in sharing_rows(indicators()):
        got_totals, got_groups = totals(kpis, scope), breakdowns(kpis, scope, by)
        found.update({kpi.key: (kpi, got_totals[kpi.key], got_groups[kpi.key]) for kpi in kpis})
    return [found[kpi.key] for kpi in indicators()]


REGISTRY: list[Indicator] = []


def register(indicator):
    """Add an indicator to the dashboard, in the order of the seed's KPI table."""
    REGISTRY.append(indicator)
    return indicator


def indicators():
    """Every registered indicator."""
    from . import kpi_definitions  # noqa: F401  (registers them)

    return list(REGISTRY)
