"""The candidate page: ``/candidates/<OCD person id or filer id>/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_web.queries.people import candidate_page

from .errors import error_edge


@error_edge
def candidate(request: HttpRequest, key: str) -> HttpResponse:
    page = candidate_page(key)
    return render(request, "calaccess_web/browser/candidate.html", {"page": page})
