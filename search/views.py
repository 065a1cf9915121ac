"""Site search over every published page, narrowed by type, with editors' promoted results first."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from .types import available_types

RESULTS_PER_PAGE = 10


def _facet_is_complete(results):
    """Whether one facet query counts every content type.

    The database backends group the matching rows in SQL. Elasticsearch's terms aggregation returns
    only its top 10 buckets, so there each type is counted with its own query instead.
    """
    return getattr(results, "supports_facet", False) and type(results).__module__.startswith(
        "modelsearch.backends.database"
    )


def count_by_type(pages, query, types):
    """{type key: number of matching pages}, in one query or one per type: never one per result."""
    if not types:
        return {}
    results = pages.search(query)
    if _facet_is_complete(results):
        by_content_type = results.facet("content_type_id")
        return {
            result_type.key: sum(by_content_type.get(pk, 0) for pk in result_type.content_type_ids)
            for result_type in types
        }
    return {
        result_type.key: pages.filter(content_type__in=result_type.content_type_ids).search(query).count()
        for result_type in types
    }


def live_pages(request):
    """Live pages anyone may see, on the site being searched."""
    pages = Page.objects.live().public()
    site = Site.find_for_request(request)
    return pages.in_site(site) if site else pages.filter(depth__gt=1)


def search(request):
    """Search live, public pages; the visitor can narrow the results to one type of content."""
    query = request.GET.get("q", "").strip()
    types = available_types()
    selected = next((t for t in types if t.key == request.GET.get("type")), None)
    context = {
        "query": query,
        "selected_type": selected,
        "breadcrumbs": [("Search", "")],
    }
    if not query:
        return render(request, "search/search.html", context)

    pages = live_pages(request)
    counts = count_by_type(pages, query, types)
    matching = pages.filter(content_type__in=selected.content_type_ids) if selected else pages
    paginator = Paginator(matching.specific().search(query), RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))

    label_by_content_type = {pk: t.label for t in types for pk in t.content_type_ids}
    results = [(result, label_by_content_type.get(result.content_type_id, "Page")) for result in page.object_list]

    search_query = Query.get(query)
    search_query.add_hit()
    promotions = []
    if page.number == 1:
        # Promoted pages obey the same rules as results (live, public, of the chosen type); external links
        # are shown only when no type is chosen.
        condition = Q(page__in=matching.values("pk"))
        if not selected:
            condition |= Q(page__isnull=True) & ~Q(external_link_url="")
        promotions = list(search_query.editors_picks.filter(condition).select_related("page"))

    parameters = {"q": query, **({"type": selected.key} if selected else {})}
    context.update(
        {
            "page": page,
            "results": results,
            "promotions": promotions,
            "count": paginator.count,
            "total": sum(counts.values()),
            "type_options": [
                {
                    "key": t.key,
                    "label": t.label,
                    "count": counts.get(t.key, 0),
                    "selected": t is selected,
                    "url": "?" + urlencode({"q": query, "type": t.key}),
                }
                for t in types
            ],
            "all_url": "?" + urlencode({"q": query}),
            "pagination_query": urlencode(parameters),
        }
    )
    return render(request, "search/search.html", context)
