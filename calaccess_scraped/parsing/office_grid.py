"""The grid of offices that candidate and incumbent lists share.

Each category ("STATEWIDE OFFICES", "SENATE DISTRICTS"…) is a bordered table whose first row
holds the category in a ``span.hdr14``; every other cell holds one office: its title in the
cell's first ``span`` and, in a nested table, the people. A person with a CAL-ACCESS filer id is a
link to ``Detail.aspx?…id=N``; a person without one is a plain ``span.txt7``. People are returned
in page order, linked and unlinked mixed as the site lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from calaccess_scraped.parsing.errors import LayoutChanged
from calaccess_scraped.parsing.html import query_int, site_path, text

DETAIL_PAGE = "detail.aspx"


@dataclass(frozen=True)
class OfficeHolder:
    """One person listed under an office, with the filer id when the site links one."""

    category: str
    office: str
    name: str
    filer_id: int | None
    detail_path: str | None


def category_tables(soup: BeautifulSoup) -> list[Tag]:
    """The category tables of the page, in page order."""
    tables = []
    for header in soup.find_all("span", class_="hdr14"):
        table = header.find_parent("table")
        if table is not None and table not in tables:
            tables.append(table)
    return tables


def read_office_grid(soup: BeautifulSoup, page: str, page_path: str) -> list[OfficeHolder]:
    """Every person of every office of every category table, in page order."""
    people: list[OfficeHolder] = []
    for table in category_tables(soup):
        category = text(table.find("span", class_="hdr14"))
        for cell in _office_cells(table):
            people.extend(_office_people(cell, category, page, page_path))
    return people


def _own_rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _office_cells(table: Tag) -> list[Tag]:
    cells = []
    for row in _own_rows(table):
        for cell in row.find_all("td", recursive=False):
            if cell.find("table") is not None:
                cells.append(cell)
    return cells


def _office_people(cell: Tag, category: str, page: str, page_path: str) -> list[OfficeHolder]:
    office = text(cell.find("span", recursive=False))
    if not office:
        raise LayoutChanged(page, f"the office title of a cell in '{category}'")
    people = []
    for node in cell.find("table").find_all(["a", "span"]):
        if node.name == "a" and node.get("href"):
            path = site_path(node["href"], page_path)
            if DETAIL_PAGE not in path.lower():
                continue
            filer_id = query_int(path, "id")
            if filer_id is None:
                raise LayoutChanged(page, f"the filer id in the link {node['href']!r}")
            people.append(OfficeHolder(category, office, text(node), filer_id, path))
        elif node.name == "span" and node.find_parent("a") is None and text(node):
            people.append(OfficeHolder(category, office, text(node), None, None))
    return people
