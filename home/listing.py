"""Index pages that list their children with faceted filters, counts and pagination."""

from django.db.models import prefetch_related_objects

from taxonomy.facets import FacetedListing


class FacetedIndexMixin:
    """Give an index page a FacetedListing of `listing_queryset()` filtered by `listing_facets()`.

    Templates extend "listing_base.html" and fill `{% block result %}` for one result.
    """

    per_page = 20
    result_noun = ("result", "results")
    result_prefetch = ()
    # A landing page that lists on a sub-route instead (see directory.ThrivePortalPage) turns this off.
    list_on_page = True

    def listing_queryset(self):
        """The live, public pages this index lists, in display order."""
        raise NotImplementedError

    def listing_facets(self):
        """The facets a visitor filters by, in display order."""
        raise NotImplementedError

    def listing_context(self, request):
        """The listing, its page of results (relations prefetched once for the page) and the noun to count."""
        listing = FacetedListing(request, self.listing_queryset(), self.listing_facets(), per_page=self.per_page)
        results = list(listing.page.object_list)
        prefetch_related_objects(results, *self.result_prefetch)
        singular, plural = self.result_noun
        return {"listing": listing, "results": results, "result_noun": singular if listing.count == 1 else plural}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.list_on_page:
            context.update(self.listing_context(request))
        return context
