"""The incumbents of one two-year session (``list.aspx?view=incumbent&session=YYYY``).

Besides the office grid, the page lists the session's election dates, numbered:
"3. SPECIAL ELECTION RUNOFF Tuesday, 4/29/25". Every entry is kept, runoffs included (the
reference scraper dropped the runoffs). A session may have no incumbents listed (the site shows
none for 1999 and for a session that just ended), so an empty grid is not an error; the dates
block, however, is on every incumbent page and its absence means the layout changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from calaccess_scraped.parsing.election_names import parse_short_date
from calaccess_scraped.parsing.errors import LayoutChanged
from calaccess_scraped.parsing.html import parse, text
from calaccess_scraped.parsing.navigation import Navigation, NavigationStyle, is_session_label
from calaccess_scraped.parsing.office_grid import OfficeHolder, read_office_grid

PAGE_PATH = "/Campaign/Candidates/list.aspx"
_DATES_HEADER = re.compile(r"^(\d{4}) - (\d{4}) Election Dates:?$")
_ENTRY = re.compile(
    r"^(?P<number>\d+)\.\s*(?P<name>.+?)\s+"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s*"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{2,4})$",
    re.IGNORECASE,
)
# The sessions the incumbent page links to, and its expanders ("Historical").
SESSION_NAVIGATION = NavigationStyle(
    path=PAGE_PATH,
    param="session",
    is_choice=is_session_label,
    required=lambda href: "view=incumbent" in href.lower(),
    missing="the session navigation (links with view=incumbent&session=N)",
)


@dataclass(frozen=True)
class SessionElection:
    """One numbered entry of the session's election dates."""

    number: int
    name: str
    date: date


@dataclass(frozen=True)
class IncumbentList:
    """One session's page: its elections and incumbents in page order, and the navigation."""

    session: int
    elections: tuple[SessionElection, ...]
    incumbents: tuple[OfficeHolder, ...]
    navigation: Navigation


def parse_incumbent_list(body: bytes, page: str) -> IncumbentList:
    """Parse one session's incumbent page."""
    soup = parse(body)
    navigation = SESSION_NAVIGATION.read(soup, page)
    header = next(
        (s for s in soup.find_all("span", class_="hdr13") if _DATES_HEADER.match(text(s))), None
    )
    if header is None:
        raise LayoutChanged(page, "the 'YYYY - YYYY Election Dates' heading")
    session = int(_DATES_HEADER.match(text(header)).group(1))
    elections = tuple(_session_elections(header, session, page))
    incumbents = tuple(read_office_grid(soup, page, PAGE_PATH))
    return IncumbentList(session, elections, incumbents, navigation)


def _session_elections(header, session: int, page: str) -> list[SessionElection]:
    elections = []
    for span in header.find_next_siblings("span", class_="txt7"):
        entry = text(span)
        match = _ENTRY.match(entry)
        if match is None:
            raise LayoutChanged(page, f"a number, name and date in the election entry {entry!r}")
        day = parse_short_date(match["date"], near_year=session)
        if day is None:
            raise LayoutChanged(page, f"a valid date in the election entry {entry!r}")
        elections.append(SessionElection(int(match["number"]), match["name"], day))
    return elections
