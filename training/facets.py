"""A facet over course length, in bands people think in, derived from the duration in hours."""

from decimal import Decimal

from django.db.models import Q

from taxonomy.facets import ConditionFacet

HALF_DAY_HOURS = Decimal("3.5")
ONE_DAY_HOURS = Decimal("7")

LENGTH_BANDS = [
    ("half-day", "Half a day or less"),
    ("one-day", "One day"),
    ("more-than-one-day", "More than one day"),
]


class LengthBandFacet(ConditionFacet):
    """Half a day or less (up to 3.5 hours), one day (up to 7 hours), more than one day."""

    def condition(self, value):
        hours = self.field_name
        return {
            "half-day": Q(**{f"{hours}__lte": HALF_DAY_HOURS}),
            "one-day": Q(**{f"{hours}__gt": HALF_DAY_HOURS, f"{hours}__lte": ONE_DAY_HOURS}),
            "more-than-one-day": Q(**{f"{hours}__gt": ONE_DAY_HOURS}),
        }[value]

    def choices(self):
        return LENGTH_BANDS
