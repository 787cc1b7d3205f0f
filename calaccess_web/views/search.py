"""The search page (``/search/?q=…``) and its typeahead (``/search/typeahead.json?q=…``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from calaccess_web.models import SearchEntry
from calaccess_web.search.finder import FILTERS, MODES, PREFIX, facet_values, matching, read_search

from .errors import error_edge

PAGE_SIZE = 100
TYPEAHEAD_SIZE = 8
FACETS = ("filer_type", "party", "office", "status")


@error_edge
def search(request: HttpRequest) -> HttpResponse:
    query = read_search(request.GET.dict())
    entries = matching(query) if query.q or query.filters else SearchEntry.objects.none()
    results = list(entries[: PAGE_SIZE + 1])
    context = {
        "query": query,
        "modes": MODES,
        "kinds": SearchEntry.KINDS,
        "results": results[:PAGE_SIZE],
        "more": len(results) > PAGE_SIZE,
        "options": {name: facet_values(name) for name in FACETS},
        "filter_names": FILTERS,
        "searched": bool(query.q or query.filters),
    }
    return render(request, "calaccess_web/browser/search.html", context)


@error_edge
def typeahead(request: HttpRequest) -> HttpResponse:
    query = read_search({**request.GET.dict(), "mode": PREFIX})
    if len(query.q) < 2:
        return JsonResponse({"results": []})
    rows = matching(query).values("name", "kind", "url", "filer_id")[:TYPEAHEAD_SIZE]
    return JsonResponse({"results": list(rows)})
