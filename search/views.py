"""Site search over every published page."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

RESULTS_PER_PAGE = 10


def search(request):
    """Search live, public pages; editors' promoted results come first."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    promotions = []
    if query:
        results = Page.objects.live().public().specific().search(query)
        search_query = Query.get(query)
        search_query.add_hit()
        promotions = search_query.editors_picks.filter(page__live=True).select_related("page")
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "page": page,
            "promotions": promotions,
            "count": paginator.count if query else 0,
            "pagination_query": urlencode({"q": query}),
            "breadcrumbs": [("Search", "")],
        },
    )
