"""The filing page: ``/filings/<filing_id>/`` (``?amend=N`` shows another version's items)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_web.queries.filings import filing_page

from .errors import error_edge, int_parameter


@error_edge
def filing(request: HttpRequest, filing_id: int) -> HttpResponse:
    page = filing_page(filing_id, int_parameter(request, "amend"))
    return render(request, "calaccess_web/browser/filing.html", {"page": page})
