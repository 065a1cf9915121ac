"""Facets the libraries need beyond taxonomy.facets: inclusive choices, foreign keys without slugs, years.

Each keeps the engine's rules: one aggregate query per facet whatever the number of pages, and a
value nobody could have chosen from the form (typed into the address) matches nothing, so the
listing is empty but valid rather than an error.
"""

from taxonomy.facets import ChoiceFacet, Facet, FacetState, Option


def _integers(values):
    """The values that are plain whole numbers small enough for any database's integer columns."""
    return [int(value) for value in values if value.isascii() and value.isdigit() and len(value) <= 9]


class CoveringChoiceFacet(ChoiceFacet):
    """A choice facet where some stored values cover several others.

    An intervention for "both" protective and risk factors is what a visitor wants whichever of the
    two they tick, so `covers={"both": ["protective", "risk"]}` offers only "protective" and "risk",
    and counts and matches a "both" programme under each.
    """

    def __init__(self, param, label, field_name, choices, covers):
        self.covers = {str(wide): [str(narrow) for narrow in narrows] for wide, narrows in covers.items()}
        offered = [(value, text) for value, text in choices if str(value) not in self.covers]
        super().__init__(param, label, field_name, offered)

    def stored_values(self, value):
        """The stored values that match a chosen value: itself and every value covering it."""
        return [value, *(wide for wide, narrows in self.covers.items() if value in narrows)]

    def apply(self, queryset, values):
        stored = {stored for value in values for stored in self.stored_values(value)}
        return queryset.filter(**{f"{self.field_name}__in": sorted(stored)})

    def counts(self, queryset):
        stored = super().counts(queryset)
        return {value: sum(stored.get(s, 0) for s in self.stored_values(value)) for value, _ in self.choices()}


class ForeignKeyFacet(Facet):
    """A facet over a foreign key to a model with no slug (a cluster); values are primary keys.

    Only the objects that have results (or are chosen) are loaded, so a national list of clusters
    costs no more than a borough's.
    """

    def __init__(self, param, label, field_name, queryset):
        super().__init__(param, label, field_name)
        self.queryset = queryset

    def apply(self, queryset, values):
        return queryset.filter(**{f"{self.field_name}__in": _integers(values)})

    def choices(self):
        return [(str(item.pk), str(item)) for item in self.queryset.all()]

    def state(self, queryset, values):
        counts = self.counts(queryset)
        wanted = _integers(set(counts) | set(values))
        items = self.queryset.filter(pk__in=wanted) if wanted else []
        options = [
            Option(str(item.pk), str(item), counts.get(str(item.pk), 0), str(item.pk) in values) for item in items
        ]
        return FacetState(self, options)


class YearFacet(Facet):
    """The calendar year of a date field; offers only the years that have results, newest first."""

    @property
    def lookup(self):
        return f"{self.field_name}__year"

    def apply(self, queryset, values):
        return queryset.filter(**{f"{self.lookup}__in": _integers(values)})

    def choices(self):
        return []

    def state(self, queryset, values):
        counts = self.counts(queryset)
        years = sorted(set(counts) | {str(year) for year in _integers(values)}, reverse=True)
        return FacetState(self, [Option(year, year, counts.get(year, 0), year in values) for year in years])
