"""The committee page: ``/committees/<filer_id>/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_web.charts import bar_chart
from calaccess_web.queries.committees import committee_page

from .errors import error_edge


@error_edge
def committee(request: HttpRequest, filer_id: str) -> HttpResponse:
    page = committee_page(filer_id)
    counted = [row for row in page.periods if row["counted"] and row["thru_date"]]
    chart = bar_chart(
        f"Money raised and spent by {page.entry.name}, per Form 460 period",
        [row["thru_date"].strftime("%Y-%m-%d") for row in counted],
        [
            ("Raised (line 5)", [row["total_contributions"] for row in counted]),
            ("Spent (line 11)", [row["total_expenditures_made"] for row in counted]),
        ],
    )
    context = {"page": page, "entry": page.entry, "chart": chart if counted else None}
    return render(request, "calaccess_web/browser/committee.html", context)
