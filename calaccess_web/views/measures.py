"""A ballot measure or recall: ``/measures/<slug>/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_web.queries.elections import measure_page

from .errors import error_edge


@error_edge
def measure(request: HttpRequest, slug: str) -> HttpResponse:
    page = measure_page(slug)
    return render(request, "calaccess_web/browser/measure.html", {"page": page})
