"""A facet over course length, in bands people think in, derived from the duration in hours."""

from decimal import Decimal

from django.db.models import Count, Q

from taxonomy.facets import Facet

HALF_DAY_HOURS = Decimal("3.5")
ONE_DAY_HOURS = Decimal("7")

LENGTH_BANDS = [
    ("half-day", "Half a day or less"),
    ("one-day", "One day"),
    ("more-than-one-day", "More than one day"),
]


class LengthBandFacet(Facet):
    """Half a day or less (up to 3.5 hours), one day (up to 7 hours), more than one day."""

    def band_q(self, band):
        hours = self.field_name
        return {
            "half-day": Q(**{f"{hours}__lte": HALF_DAY_HOURS}),
            "one-day": Q(**{f"{hours}__gt": HALF_DAY_HOURS, f"{hours}__lte": ONE_DAY_HOURS}),
            "more-than-one-day": Q(**{f"{hours}__gt": ONE_DAY_HOURS}),
        }.get(band)

    def selected(self, query):
        known = dict(LENGTH_BANDS)
        return [value for value in super().selected(query) if value in known]

    def apply(self, queryset, values):
        condition = Q()
        for value in values:
            condition |= self.band_q(value)
        return queryset.filter(condition)

    def choices(self):
        return LENGTH_BANDS

    def counts(self, queryset):
        """All bands' counts in one aggregate query."""
        aliases = {f"band_{number}": value for number, (value, _label) in enumerate(LENGTH_BANDS)}
        totals = queryset.order_by().aggregate(
            **{alias: Count("pk", filter=self.band_q(value)) for alias, value in aliases.items()}
        )
        return {value: totals[alias] for alias, value in aliases.items()}
