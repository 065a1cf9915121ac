"""What other apps and the portal read from the Brighter Futures Survey, with suppression applied.

Suppression (the same rule in the portal, the admin, exports and every average):

- A school's figure for an indicator is suppressed when fewer than MIN_RESPONDENTS pupils answered
  (denominator < 10): its percentage is never shown, exported or used.
- The borough average for an indicator and year is pooled over the schools whose figure is not
  suppressed: the sum of their numerators over the sum of their denominators, so every pupil counts
  once. A suppressed school is left out of it entirely.
- The borough average is itself suppressed when fewer than MIN_SCHOOLS schools contribute, so that no
  school's figure can be worked out from it and its own.

`school_profile(school)` gives a school's latest year against the borough, and
`highest_risk_factors(school)` the risk factors where it is furthest above the borough.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Sum, prefetch_related_objects

from .models import Indicator, SurveyResult, survey_label

MIN_RESPONDENTS = 10
MIN_SCHOOLS = 5
SUPPRESSED_SCHOOL = "Fewer than 10 pupils answered"
SUPPRESSED_AVERAGE = "Not shown: fewer than 5 schools"


def is_suppressed(denominator):
    """Whether a figure over `denominator` pupils is too small a group to show."""
    return denominator is None or denominator < MIN_RESPONDENTS


def format_percentage(value):
    """A percentage as schools read it: whole numbers."""
    return f"{value:.0f}%"


@dataclass(frozen=True)
class SchoolFigure:
    """One school's result for an indicator and year, or why it is not shown."""

    numerator: int
    denominator: int

    @property
    def suppressed(self):
        return is_suppressed(self.denominator)

    @property
    def percentage(self):
        """The percentage of pupils who answered, or None when suppressed."""
        return None if self.suppressed else 100 * self.numerator / self.denominator

    @property
    def display(self):
        return SUPPRESSED_SCHOOL if self.suppressed else format_percentage(self.percentage)

    @property
    def respondents_display(self):
        return "" if self.suppressed else f"{self.numerator} of {self.denominator} pupils"


@dataclass(frozen=True)
class BoroughFigure:
    """The pooled borough figure for an indicator and year over the schools not suppressed."""

    schools: int = 0
    numerator: int = 0
    denominator: int = 0

    @property
    def suppressed(self):
        return self.schools < MIN_SCHOOLS or not self.denominator

    @property
    def percentage(self):
        return None if self.suppressed else 100 * self.numerator / self.denominator

    @property
    def display(self):
        return SUPPRESSED_AVERAGE if self.suppressed else format_percentage(self.percentage)


@dataclass
class ProfileRow:
    """One indicator of a school's profile: this year, the borough, and the school's year before."""

    indicator: Indicator
    school: SchoolFigure
    borough: BoroughFigure
    previous: SchoolFigure | None = None

    @property
    def difference(self):
        """Percentage points above (positive) or below the borough, or None when either is not shown."""
        if self.school.suppressed or self.borough.suppressed:
            return None
        return self.school.percentage - self.borough.percentage

    @property
    def difference_display(self):
        return _points(
            self.difference, "above the borough average", "below the borough average", "Same as the borough average"
        )

    @property
    def change(self):
        """Percentage points up or down since the previous year, or None."""
        if self.previous is None or self.previous.suppressed or self.school.suppressed:
            return None
        return self.school.percentage - self.previous.percentage

    @property
    def change_display(self):
        if self.previous is None:
            return "No result"
        if self.change is None:
            return "Not available"
        points = round(self.change)
        if points == 0:
            return "No change"
        return f"{'Up' if points > 0 else 'Down'} {abs(points)} point{'s' if abs(points) != 1 else ''}"

    @property
    def concern(self):
        """Whether the difference is in the unwelcome direction: more risk, or less protection."""
        difference = self.difference
        if difference is None or round(difference) == 0:
            return False
        return difference > 0 if self.indicator.is_risk else difference < 0


def _points(value, above, below, same):
    """'5 points above the borough average', or `same` when it rounds to nothing."""
    if value is None:
        return "Not available"
    points = round(value)
    if points == 0:
        return same
    unit = "point" if abs(points) == 1 else "points"
    return f"{abs(points)} {unit} {above if points > 0 else below}"


@dataclass
class Profile:
    """A school's risk and protective factors for its latest survey year against the borough."""

    year: int
    previous_year: int | None
    rows: list = field(default_factory=list)

    @property
    def label(self):
        return survey_label(self.year)

    @property
    def previous_label(self):
        return survey_label(self.previous_year) if self.previous_year else ""

    @property
    def risk_rows(self):
        return [row for row in self.rows if row.indicator.is_risk]

    @property
    def protective_rows(self):
        return [row for row in self.rows if not row.indicator.is_risk]


def borough_figures(year):
    """{indicator id: BoroughFigure} for one survey year, from one aggregate query over unsuppressed results."""
    totals = (
        SurveyResult.objects.filter(year=year, denominator__gte=MIN_RESPONDENTS)
        .values("indicator_id")
        .annotate(schools=Count("school_id", distinct=True), numerator=Sum("numerator"), denominator=Sum("denominator"))
        .order_by()
    )
    return {
        row["indicator_id"]: BoroughFigure(row["schools"], row["numerator"], row["denominator"]) for row in totals
    }


def school_profile(school):
    """The school's latest survey year against the borough, with its year before; None without results."""
    results = list(
        SurveyResult.objects.filter(school=school).select_related("indicator").order_by("-year")
    )
    if not results:
        return None
    years = sorted({result.year for result in results}, reverse=True)
    latest, previous_year = years[0], years[1] if len(years) > 1 else None
    previous = {
        result.indicator_id: SchoolFigure(result.numerator, result.denominator)
        for result in results
        if result.year == previous_year
    }
    borough = borough_figures(latest)
    current = sorted(
        (result for result in results if result.year == latest),
        key=lambda result: (result.indicator.kind != Indicator.Kind.RISK, result.indicator.sort_order),
    )
    rows = [
        ProfileRow(
            indicator=result.indicator,
            school=SchoolFigure(result.numerator, result.denominator),
            borough=borough.get(result.indicator_id, BoroughFigure()),
            previous=previous.get(result.indicator_id),
        )
        for result in current
    ]
    return Profile(latest, previous_year, rows)


def highest_risk_rows(profile, n=3):
    """The profile's risk rows where the school is above the borough, furthest above first; suppressed left out."""
    above = [row for row in profile.risk_rows if row.difference is not None and row.difference > 0]
    above.sort(key=lambda row: (-row.difference, row.indicator.sort_order))
    return above[:n]


def highest_risk_factors(school, n=3):
    """Up to `n` risk indicators where the school's latest figure is furthest above the borough's, highest first.

    Suppressed figures (the school's or the borough's) are never used. Each indicator comes with its
    library topics loaded, for the recommendations.
    """
    profile = school_profile(school)
    if profile is None:
        return []
    indicators = [row.indicator for row in highest_risk_rows(profile, n)]
    if indicators:
        prefetch_related_objects(indicators, "topics")
    return indicators
