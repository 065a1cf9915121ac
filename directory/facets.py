"""Facets the directories need beyond taxonomy.facets: age bands, localities and a validated choice.

Each keeps the engine's promise: a fixed number of queries whatever the number of pages listed.
"""

from django.db.models import Count, Q
from django.utils.text import slugify

from schools.models import Locality
from taxonomy.facets import ChoiceFacet, ConditionFacet, Facet

# (value, label, youngest, oldest). Bands share their boundary ages on purpose (an 11-year-old may be in
# year 6 or year 7), so a service appears under every band its age range overlaps.
AGE_BANDS = [
    ("0-4", "0 to 4 (early years)", 0, 4),
    ("5-11", "5 to 11 (primary)", 5, 11),
    ("11-16", "11 to 16 (secondary)", 11, 16),
    ("16-19", "16 to 19 (post-16)", 16, 19),
    ("19-25", "19 to 25 (young adults)", 19, 25),
]


class AgeBandFacet(ConditionFacet):
    """Filter items whose age range [min_field, max_field] overlaps any chosen band; both ends inclusive."""

    def __init__(self, param, label, min_field="min_age", max_field="max_age", bands=AGE_BANDS):
        super().__init__(param, label, min_field)
        self.min_field = min_field
        self.max_field = max_field
        self.bands = {value: (youngest, oldest) for value, _label, youngest, oldest in bands}
        self._choices = [(value, label) for value, label, _youngest, _oldest in bands]

    def condition(self, value):
        """Overlap of the item's age range with the band, both ends inclusive."""
        youngest, oldest = self.bands[value]
        return Q(**{f"{self.min_field}__lte": oldest, f"{self.max_field}__gte": youngest})

    def choices(self):
        return self._choices


class LocalityFacet(Facet):
    """Filter by the borough's localities; an item serving the whole borough counts under every locality.

    Values are slugs of the locality names (Locality has no slug field of its own).
    """

    def __init__(self, param, label, field_name="localities", whole_borough_field="serves_whole_borough"):
        super().__init__(param, label, field_name)
        self.whole_borough_field = whole_borough_field

    def _localities(self):
        if not hasattr(self, "_cache"):
            self._cache = {slugify(locality.name): locality for locality in Locality.objects.all()}
        return self._cache

    def selected(self, query):
        localities = self._localities()
        return [value for value in super().selected(query) if value in localities]

    def apply(self, queryset, values):
        localities = self._localities()
        pks = [localities[value].pk for value in values if value in localities]
        matching = queryset.model.objects.filter(**{f"{self.field_name}__in": pks}).values("pk")
        return queryset.filter(Q(**{self.whole_borough_field: True}) | Q(pk__in=matching))

    def choices(self):
        return [(slug, locality.name) for slug, locality in self._localities().items()]

    def counts(self, queryset):
        """Two queries: items per named locality (not whole-borough ones), then whole-borough items."""
        base = queryset.order_by()
        rows = (
            base.filter(**{self.whole_borough_field: False})
            .values(f"{self.field_name}__pk")
            .annotate(n=Count("pk", distinct=True))
        )
        per_locality = {row[f"{self.field_name}__pk"]: row["n"] for row in rows}
        whole_borough = base.filter(**{self.whole_borough_field: True}).count()
        return {slug: per_locality.get(locality.pk, 0) + whole_borough for slug, locality in self._localities().items()}


class StrictChoiceFacet(ChoiceFacet):
    """A ChoiceFacet that ignores values it does not offer, so a mistyped link cannot cause an error."""

    def selected(self, query):
        offered = {value for value, _label in self._choices}
        return [value for value in super().selected(query) if value in offered]
