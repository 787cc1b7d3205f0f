"""Elections: ``/elections/`` and ``/elections/<slug>/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_web.queries.elections import election_page, elections

from .errors import error_edge


@error_edge
def election_list(request: HttpRequest) -> HttpResponse:
    return render(request, "calaccess_web/browser/elections.html", {"elections": elections()})


@error_edge
def election(request: HttpRequest, slug: str) -> HttpResponse:
    page = election_page(slug)
    return render(request, "calaccess_web/browser/election.html", {"page": page})
