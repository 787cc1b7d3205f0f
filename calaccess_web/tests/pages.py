"""What the page tests share: the manifest's facts and fetching a page's text."""

from __future__ import annotations

from decimal import Decimal

from calaccess_processed.tests.coherent import manifest

#: A committee with an original and two amendments of one Form 460 (manifest ``filings``).
COMMITTEE = "1233518"
COMMITTEE_NAME = "Renee Chavez for Council"
AMENDED_FILING = 2310578
#: A candidate of the captured candidate lists whose Form 501 names a controlled committee.
CANDIDATE = "1436100"
CANDIDATE_COMMITTEE = "1901003"


def filer_year(filer_id: str, year: int) -> dict:
    """The manifest's expected totals of one filer and year."""
    rows = manifest()["expected"]["per_filer_year"]
    return next(r for r in rows if r["filer_id"] == filer_id and r["calendar_year"] == year)


def money(value: str | Decimal) -> str:
    """A figure as the pages print it."""
    return f"{Decimal(str(value)):,.2f}"


def text(response) -> str:
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()
