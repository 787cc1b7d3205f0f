"""A page that lost the structure its parser relies on fails loudly, naming page and part."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from calaccess_scraped.parsing.candidates import parse_candidate_list
from calaccess_scraped.parsing.errors import LayoutChanged
from calaccess_scraped.parsing.html import decode
from calaccess_scraped.parsing.incumbents import parse_incumbent_list
from calaccess_scraped.parsing.measure_committees import parse_measure_detail
from calaccess_scraped.parsing.propositions import parse_measure_list
from calaccess_scraped.tests.website import captured_pages


def page(kind: str, key: int):
    return next(p for p in captured_pages(kind) if p.key == key)


def without(body: bytes, select) -> bytes:
    """The page with every element ``select(soup)`` returns removed."""
    soup = BeautifulSoup(body.decode("utf-8"), "lxml")
    for element in select(soup):
        element.decompose()
    return str(soup).encode("utf-8")


def no_tables(soup):
    return soup.find_all("table")


PARSERS = {
    "candidates": (1, lambda body, url: parse_candidate_list(body, url, 1)),
    "incumbents": (2025, parse_incumbent_list),
    "propositions": (1999, parse_measure_list),
    "proposition_committees": (1007515, parse_measure_detail),
}


@pytest.mark.parametrize("kind", PARSERS)
def test_a_page_with_its_tables_removed_fails(kind):
    key, parse = PARSERS[kind]
    with pytest.raises(LayoutChanged) as raised:
        parse(without(page(kind, key).body(), no_tables), f"/{kind}/{key}")
    assert f"/{kind}/{key}" in str(raised.value)
    assert "not found" in str(raised.value)


@pytest.mark.parametrize("kind", PARSERS)
def test_the_bot_block_page_is_never_parsed_as_no_data(kind):
    key, parse = PARSERS[kind]
    blocked = page("proposition_committees", 1438975).body()
    with pytest.raises(LayoutChanged):
        parse(blocked, "blocked")


def test_a_candidate_page_without_office_tables_fails():
    body = without(
        page("candidates", 5).body(),
        lambda soup: [s.find_parent("table") for s in soup.find_all("span", class_="hdr14")],
    )
    with pytest.raises(LayoutChanged, match="office tables with the certified candidates"):
        parse_candidate_list(body, "candidates/5", 5)


def test_a_candidate_page_of_another_election_fails():
    with pytest.raises(LayoutChanged, match="election 999 in the election navigation"):
        parse_candidate_list(page("candidates", 5).body(), "candidates/5", 999)


def test_an_incumbent_page_without_election_dates_fails():
    body = without(
        page("incumbents", 2019).body(),
        lambda soup: [
            s for s in soup.find_all("span", class_="hdr13") if "Election Dates" in s.text
        ],
    )
    with pytest.raises(LayoutChanged, match="Election Dates"):
        parse_incumbent_list(body, "incumbents/2019")


def test_an_unreadable_election_date_fails():
    body = page("incumbents", 2019).body().replace(b"Tuesday, 3/26/19", b"Tuesday, soon", 1)
    with pytest.raises(LayoutChanged, match="1. SPECIAL ELECTION Tuesday, soon"):
        parse_incumbent_list(body, "incumbents/2019")


def test_a_measure_list_missing_a_measure_link_fails():
    body = re.sub(
        rb"<a href='Detail.aspx\?id=1225295&session=1999'>",
        b"<a>",
        page("propositions", 1999).body(),
    )
    with pytest.raises(LayoutChanged, match="all 8 measure links of 'NOVEMBER 7, 2000, GENERAL'"):
        parse_measure_list(body, "propositions/1999")


def test_a_detail_page_without_committees_or_message_fails():
    body = page("proposition_committees", 1007683).body().replace(b"No committees found.", b"")
    with pytest.raises(LayoutChanged, match="committee tables or the message"):
        parse_measure_detail(body, "detail/1007683")


def test_a_committee_row_without_a_numeric_id_fails():
    body = page("proposition_committees", 1007515).body().replace(b">980133<", b">n/a<")
    with pytest.raises(LayoutChanged, match="a numeric committee id"):
        parse_measure_detail(body, "detail/1007515")


def test_bytes_that_are_not_utf8_fall_back_to_windows_1252():
    assert decode("CHILDREN\u2019S".encode("windows-1252")) == "CHILDREN\u2019S"
    assert decode("CHILDREN\u2019S".encode("utf-8")) == "CHILDREN\u2019S"
    assert decode(b"\xef\xbb\xbfA\x81") == "A\x81"  # BOM dropped, undefined byte kept (Latin-1)
