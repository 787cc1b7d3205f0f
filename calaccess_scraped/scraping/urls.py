"""The URLs of the pages the scrapers read, always built from the configured base URL.

Links found on pages are reduced to ids before a URL is built here, so the host of a
browser-saved page's absolute links never leaks into (or doubles up in) a stored URL.
"""

from __future__ import annotations

from urllib.parse import urljoin

CANDIDATES_ENTRY = "/Campaign/Candidates/list.aspx?view=certified"
INCUMBENTS_ENTRY = "/Campaign/Candidates/list.aspx?view=incumbent"
MEASURES_ENTRY = "/Campaign/Measures/list.aspx"


def site_url(base_url: str, path: str) -> str:
    """``path`` (``/Campaign/…``, query included) on the site at ``base_url``."""
    return urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))


def detail_url(base_url: str, path: str | None) -> str:
    """The URL of a detail page a row links to, or '' for a row without a link."""
    return site_url(base_url, path) if path else ""


def candidate_list_url(base_url: str, election_id: int) -> str:
    return site_url(base_url, f"{CANDIDATES_ENTRY}&electNav={election_id}")


def incumbent_list_url(base_url: str, session: int) -> str:
    return site_url(base_url, f"{INCUMBENTS_ENTRY}&session={session}")


def measure_list_url(base_url: str, session: int) -> str:
    return site_url(base_url, f"{MEASURES_ENTRY}?session={session}")


def measure_detail_url(base_url: str, measure_id: int, session: int) -> str:
    return site_url(base_url, f"/Campaign/Measures/Detail.aspx?id={measure_id}&session={session}")
