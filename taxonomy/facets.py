"""Faceted listings: filter a page queryset by several vocabularies at once, with a count per value.

Within a facet, chosen values are alternatives (OR); across facets they all apply (AND). Each
facet's counts are computed on the listing filtered by every *other* facet, so a visitor sees how
many results each alternative would give. The number of queries depends on the number of facets,
never on the number of pages listed.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetState:
    """A facet as shown on a listing: its options with counts, and what the visitor has chosen."""

    facet: "Facet"
    options: list = field(default_factory=list)

    @property
    def param(self):
        return self.facet.param

    @property
    def label(self):
        return self.facet.label

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


class Facet:
    """One filter of a listing, read from the query parameter `param`."""

    def __init__(self, param, label, field_name):
        self.param = param
        self.label = label
        self.field_name = field_name

    def selected(self, query):
        """The values chosen for this facet in a QueryDict, without blanks or repeats."""
        return list(dict.fromkeys(value for value in query.getlist(self.param) if value))

    def apply(self, queryset, values):
        """Narrow the queryset to items matching any of `values`."""
        raise NotImplementedError

    def choices(self):
        """Every (value, label) this facet offers, in display order."""
        raise NotImplementedError

    def counts(self, queryset):
        """How many items of the queryset have each value: {value: count}."""
        rows = queryset.order_by().values(self.lookup).annotate(n=Count("pk", distinct=True))
        return {str(row[self.lookup]): row["n"] for row in rows if row[self.lookup] is not None}

    @property
    def lookup(self):
        return self.field_name

    def state(self, queryset, values):
        """Options with their counts; values with no results are still shown while selected."""
        counts = self.counts(queryset)
        options = [
            Option(value, label, counts.get(value, 0), value in values)
            for value, label in self.choices()
            if counts.get(value) or value in values
        ]
        return FacetState(self, options)


class VocabularyFacet(Facet):
    """A facet over a many-to-many (or foreign key) to a vocabulary snippet; values are slugs."""

    def __init__(self, param, label, field_name, model, **filters):
        super().__init__(param, label, field_name)
        self.model = model
        self.filters = filters

    @property
    def lookup(self):
        return f"{self.field_name}__slug"

    def apply(self, queryset, values):
        matching = queryset.model.objects.filter(**{f"{self.lookup}__in": values}).values("pk")
        return queryset.filter(pk__in=matching)

    def choices(self):
        return [(term.slug, term.name) for term in self.model.objects.filter(**self.filters)]


class ChoiceFacet(Facet):
    """A facet over a field with fixed choices (TextChoices)."""

    def __init__(self, param, label, field_name, choices):
        super().__init__(param, label, field_name)
        self._choices = [(str(value), str(text)) for value, text in choices]

    def apply(self, queryset, values):
        return queryset.filter(**{f"{self.field_name}__in": values})

    def choices(self):
        return self._choices


class BooleanFacet(Facet):
    """A yes/no facet shown as one checkbox, e.g. "Has the PSHE Association Quality Mark"."""

    def __init__(self, param, label, field_name, option_label):
        super().__init__(param, label, field_name)
        self.option_label = option_label

    def apply(self, queryset, values):
        return queryset.filter(**{self.field_name: True}) if "yes" in values else queryset

    def choices(self):
        return [("yes", self.option_label)]

    def counts(self, queryset):
        return {"yes": queryset.filter(**{self.field_name: True}).count()}


class ConditionFacet(Facet):
    """A facet whose values each name a condition on the item, such as a band of ages or hours.

    Subclasses give `choices()` and `condition(value)` (a Q); every value is counted in one aggregate query.
    """

    def condition(self, value):
        """The Q object an item must satisfy to fall under `value`."""
        raise NotImplementedError

    def selected(self, query):
        known = {value for value, _label in self.choices()}
        return [value for value in super().selected(query) if value in known]

    def apply(self, queryset, values):
        condition = Q()
        for value in values:
            condition |= self.condition(value)
        return queryset.filter(condition)

    def counts(self, queryset):
        values = [value for value, _label in self.choices()]
        totals = queryset.order_by().aggregate(
            **{f"band_{index}": Count("pk", filter=self.condition(value)) for index, value in enumerate(values)}
        )
        return {value: totals[f"band_{index}"] for index, value in enumerate(values)}


class FacetedListing:
    """The result of filtering a queryset by the request's facet parameters, paginated."""

    def __init__(self, request, queryset, facets, per_page=20):
        query = request.GET
        self.facets = facets
        self.selected = {facet.param: facet.selected(query) for facet in facets}
        self.results = self._filtered(queryset)
        self.page = Paginator(self.results, per_page).get_page(query.get("page"))
        self.facet_states = [
            facet.state(self._filtered(queryset, skip=facet), self.selected[facet.param]) for facet in facets
        ]
        self.base_query = [(param, value) for param, values in self.selected.items() for value in values]

    def _filtered(self, queryset, skip=None):
        for facet in self.facets:
            values = self.selected[facet.param]
            if values and facet is not skip:
                queryset = facet.apply(queryset, values)
        return queryset

    @property
    def count(self):
        return self.page.paginator.count

    @property
    def query_string(self):
        """The current filters as a query string, for pagination links."""
        return urlencode(self.base_query)

    @property
    def active_filters(self):
        """(facet label, option label, link that removes it) for each chosen value."""
        active = []
        for state in self.facet_states:
            for option in state.options:
                if option.selected:
                    remaining = [pair for pair in self.base_query if pair != (state.param, option.value)]
                    active.append((state.label, option.label, "?" + urlencode(remaining)))
        return active
