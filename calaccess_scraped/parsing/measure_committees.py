"""One measure's committees (``/Campaign/Measures/Detail.aspx?id=ID&session=YYYY``).

Each committee is a small table with a header row (COMMITTEE ID, COMMITTEE NAME, COMMITTEE
POSITION) and one row: the committee's id as printed, its name linking to
``/Misc/Redirector.aspx?id=FILER_ID&session=YYYY`` (the CAL-ACCESS filer id, which differs from the
printed id for older committees) and SUPPORT or OPPOSE. A measure without committees says "No
committees found."; a page with neither that message nor committee tables has changed layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from calaccess_scraped.parsing.errors import LayoutChanged
from calaccess_scraped.parsing.html import parse, query_int, site_path, text

PAGE_PATH = "/Campaign/Measures/Detail.aspx"
_HEADER = ("COMMITTEE ID", "COMMITTEE NAME", "COMMITTEE POSITION")
_NO_DATA = "No committees found."


@dataclass(frozen=True)
class MeasureCommittee:
    """One committee formed to support or oppose the measure."""

    committee_id: int
    name: str
    position: str
    filer_id: int | None
    detail_path: str | None


@dataclass(frozen=True)
class MeasureDetail:
    """The measure's title as the detail page prints it and its committees in page order."""

    name: str
    committees: tuple[MeasureCommittee, ...]


def parse_measure_detail(body: bytes, page: str) -> MeasureDetail:
    """Parse one measure's detail page."""
    soup = parse(body)
    title = soup.find(id="measureName")
    if title is None:
        raise LayoutChanged(page, "the measure name (id='measureName')")
    tables = [table for table in soup.find_all("table") if _is_committee_table(table)]
    if not tables and not _says_no_committees(soup):
        raise LayoutChanged(page, f"committee tables or the message {_NO_DATA!r}")
    committees = tuple(row for table in tables for row in _committees(table, page))
    return MeasureDetail(name=text(title), committees=committees)


def _is_committee_table(table: Tag) -> bool:
    first_row = table.find("tr")
    if first_row is None:
        return False
    return tuple(text(cell) for cell in first_row.find_all("td", recursive=False)) == _HEADER


def _says_no_committees(soup: BeautifulSoup) -> bool:
    return any(text(span) == _NO_DATA for span in soup.find_all("span"))


def _committees(table: Tag, page: str) -> list[MeasureCommittee]:
    committees = []
    for row in table.find_all("tr")[1:]:
        cells = row.find_all("td", recursive=False)
        if len(cells) != len(_HEADER):
            raise LayoutChanged(page, f"{len(_HEADER)} cells in a committee row")
        printed_id, name_cell, position = (text(cell) for cell in cells)
        if not printed_id.isdigit():
            raise LayoutChanged(page, f"a numeric committee id (got {printed_id!r})")
        link = cells[1].find("a", href=True)
        path = site_path(link["href"], PAGE_PATH) if link else None
        filer_id = query_int(path, "id") if path else None
        committees.append(MeasureCommittee(int(printed_id), name_cell, position, filer_id, path))
    return committees
