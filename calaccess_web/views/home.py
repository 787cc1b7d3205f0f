"""The browser's front page: the search box and where to go next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_web.models import SearchEntry

from .errors import error_edge


@error_edge
def home(request: HttpRequest) -> HttpResponse:
    counts = dict(
        (kind, SearchEntry.objects.filter(kind=kind).count()) for kind, _label in SearchEntry.KINDS
    )
    return render(request, "calaccess_web/browser/home.html", {"counts": counts})
