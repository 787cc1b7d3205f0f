"""The ballot measures of one two-year session (``/Campaign/Measures/list.aspx?session=YYYY``).

Each election is a table whose caption names it ("NOVEMBER 7, 2000, GENERAL"), whose first row
counts its measures ("8 Measures") and whose other rows link each measure's detail page
(``Detail.aspx?id=ID&session=YYYY``). The count is checked against the links found, so a partly
changed table fails instead of silently losing measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from calaccess_scraped.parsing.errors import LayoutChanged
from calaccess_scraped.parsing.html import parse, query_int, site_path, text
from calaccess_scraped.parsing.navigation import Navigation, NavigationStyle, is_session_label

PAGE_PATH = "/Campaign/Measures/list.aspx"
DETAIL_PATH = "/Campaign/Measures/Detail.aspx"
_COUNT = re.compile(r"^(\d+) Measures?$", re.IGNORECASE)
# The sessions the measure list links to, and its expanders ("Historical").
SESSION_NAVIGATION = NavigationStyle(
    path=PAGE_PATH,
    param="session",
    is_choice=is_session_label,
    missing="the election cycle navigation (links with session=N)",
)


@dataclass(frozen=True)
class MeasureLink:
    """One measure as listed: its id, the session of its detail page, its title and link."""

    measure_id: int
    session: int
    name: str
    detail_path: str


@dataclass(frozen=True)
class MeasureElection:
    """One election of the session and its measures in page order."""

    name: str
    measures: tuple[MeasureLink, ...]


@dataclass(frozen=True)
class MeasureList:
    """One session's page: its elections in page order, and the navigation."""

    elections: tuple[MeasureElection, ...]
    navigation: Navigation


def parse_measure_list(body: bytes, page: str) -> MeasureList:
    """Parse one session's list of elections and measures."""
    soup = parse(body)
    navigation = SESSION_NAVIGATION.read(soup, page)
    elections = tuple(_election(table, page) for table in _election_tables(soup))
    return MeasureList(elections=elections, navigation=navigation)


def _election_tables(soup: BeautifulSoup) -> list[Tag]:
    return [caption.find_parent("table") for caption in soup.find_all("caption")]


def _election(table: Tag, page: str) -> MeasureElection:
    name = text(table.find("caption"))
    if not name:
        raise LayoutChanged(page, "the election name in a measure table's caption")
    measures = []
    for link in table.find_all("a", href=True):
        path = site_path(link["href"], PAGE_PATH)
        if path.split("?")[0].lower() != DETAIL_PATH.lower():
            continue
        measure_id, session = query_int(path, "id"), query_int(path, "session")
        if measure_id is None or session is None:
            raise LayoutChanged(page, f"the measure id and session in the link {link['href']!r}")
        measures.append(MeasureLink(measure_id, session, text(link), path))
    counts = [_COUNT.match(text(cell)) for cell in table.find_all("td")]
    count = next((int(match.group(1)) for match in counts if match), None)
    if count is None:
        raise LayoutChanged(page, f"the number of measures of {name!r}")
    if count != len(measures):
        raise LayoutChanged(page, f"all {count} measure links of {name!r} (found {len(measures)})")
    return MeasureElection(name=name, measures=tuple(measures))
