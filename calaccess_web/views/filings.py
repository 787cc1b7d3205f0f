"""The filing page: ``/filings/<filing_id>/`` (``?amend=N`` shows another version's items)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_web.queries import NotFound
from calaccess_web.queries.filings import filing_page

from .errors import error_edge, int_parameter


@error_edge
def filing(request: HttpRequest, filing_id: str) -> HttpResponse:
    if not filing_id.isdigit():
        raise NotFound(f"a filing id is a number, not {filing_id!r}")
    page = filing_page(int(filing_id), int_parameter(request, "amend"))
    return render(request, "calaccess_web/browser/filing.html", {"page": page})
