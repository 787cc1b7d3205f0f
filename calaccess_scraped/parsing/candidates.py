"""The certified candidate list of one election (``/Campaign/Candidates/list.aspx?view=certified``).

The page names its election only in the navigation, as the selected bullet; the election is found
there by its exact ``electNav`` number (the reference scraper matched the number as a substring,
so election 3 took the name of election 39). Both link styles are read:
``list.aspx?view=certified&electNav=N`` and, since 2025, ``list.aspx?electNav=N``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calaccess_scraped.parsing.errors import LayoutChanged
from calaccess_scraped.parsing.html import parse
from calaccess_scraped.parsing.navigation import NavEntry, Navigation, NavigationStyle
from calaccess_scraped.parsing.office_grid import OfficeHolder, read_office_grid

PAGE_PATH = "/Campaign/Candidates/list.aspx"
_ELECTION_LABEL = re.compile(r"^\d{4}\b")
# The elections the page links to (newest first, as listed) and its expanders.
ELECTION_NAVIGATION = NavigationStyle(
    path=PAGE_PATH,
    param="electNav",
    is_choice=lambda label: _ELECTION_LABEL.match(label) is not None,
    required=lambda href: "view=" not in href.lower() or "view=certified" in href.lower(),
    missing="the election navigation (links with electNav=N)",
)


@dataclass(frozen=True)
class CandidateList:
    """One election's page: the election, every candidate in page order, and the navigation."""

    election: NavEntry
    candidates: tuple[OfficeHolder, ...]
    navigation: Navigation


def parse_candidate_list(body: bytes, page: str, election_id: int) -> CandidateList:
    """Parse the page of election ``election_id``; its own navigation entry gives its name."""
    soup = parse(body)
    navigation = ELECTION_NAVIGATION.read(soup, page)
    own = [entry for entry in navigation.entries if entry.key == election_id]
    if not own:
        raise LayoutChanged(page, f"election {election_id} in the election navigation")
    selected = [entry for entry in own if entry.selected]
    candidates = read_office_grid(soup, page, PAGE_PATH)
    if not candidates:
        raise LayoutChanged(page, "the office tables with the certified candidates")
    return CandidateList(
        election=(selected or own)[0], candidates=tuple(candidates), navigation=navigation
    )
