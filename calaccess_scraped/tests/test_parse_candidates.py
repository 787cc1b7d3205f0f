"""Every captured candidate page parses to the reference rows, minus the reference's defects."""

from __future__ import annotations

from itertools import groupby

import pytest

from calaccess_scraped.parsing.candidates import ELECTION_NAVIGATION, parse_candidate_list
from calaccess_scraped.parsing.election_names import parse_candidate_election_name
from calaccess_scraped.parsing.html import clean
from calaccess_scraped.tests.parsed import parse_once
from calaccess_scraped.tests.website import captured_pages

PAGES = captured_pages("candidates")
# The reference matched electNav=3 as a substring of electNav=39 and named election 3 after it:
# (its name and year, the right name and year).
WRONG_REFERENCE_ELECTIONS = {
    3: (("2001 SPECIAL ELECTION (STATE SENATE 24)", "2001"), ("2002 PRIMARY", "2002")),
}


def _reference_order(rows):
    """The reference's order: within each office, linked candidates before unlinked ones."""
    ordered = []
    for _, office_rows in groupby(rows, key=lambda row: row[0]):
        ordered.extend(sorted(office_rows, key=lambda row: row[2] is None))
    return ordered


def test_every_captured_candidate_page_is_tested():
    assert len(PAGES) == 87
    assert {page.capture for page in PAGES} == {
        "raw server HTML (CRLF)",
        "raw server HTML (LF)",
        'browser "save page complete" (absolute hrefs, DOM-serialised)',
    }


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.key))
def test_candidates_match_the_reference(page):
    parsed = parse_once(parse_candidate_list, page.body(), page.path, page.key)
    expected = page.expected()
    mine = [(c.office, c.name, c.filer_id) for c in parsed.candidates]
    reference = [
        (clean(row["office"]), clean(row["name"]), int(row["id"]) if row["id"] else None)
        for row in expected["CandidateItem"]
    ]
    assert _reference_order(mine) == reference
    assert all(c.name == c.name.strip() and c.office == c.office.strip() for c in parsed.candidates)
    for candidate in parsed.candidates:
        if candidate.filer_id is not None:
            assert (
                candidate.detail_path == f"/Campaign/Candidates/Detail.aspx?id={candidate.filer_id}"
            )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.key))
def test_election_names_match_the_reference_by_exact_id(page):
    parsed = parse_once(parse_candidate_list, page.body(), page.path, page.key)
    reference = page.expected()["CandidateElectionItem"][0]
    as_given = (reference["name"], reference["year"])
    wrong, (name, year) = WRONG_REFERENCE_ELECTIONS.get(page.key, (as_given, as_given))
    assert as_given == wrong
    assert parsed.election.key == page.key
    assert parsed.election.label == name
    assert parse_candidate_election_name(parsed.election.label).year == int(year)


def test_candidates_keep_page_order_within_an_office():
    page = next(page for page in PAGES if page.key == 1)
    senate_01 = [
        (c.name, c.filer_id)
        for c in parse_once(parse_candidate_list, page.body(), page.path, 1).candidates
        if c.office == "STATE SENATE 01"
    ]
    assert senate_01[:4] == [
        ("ANDREWS, MARY", None),
        ("CALLAWAY, MERITA A.", None),
        ('DAUM, R.K. "SKIP:', 1221110),
        ("GRUENDL, SCOTT", None),
    ]


def test_both_navigation_link_styles_are_read():
    older = next(page for page in PAGES if page.key == 1)  # list.aspx?view=certified&electNav=N
    newer = next(page for page in PAGES if page.key == 195)  # list.aspx?electNav=N (2025)
    assert b"list.aspx?electNav=" in newer.body()
    older_nav = parse_once(ELECTION_NAVIGATION.parse, older.body(), older.path)
    newer_nav = parse_once(ELECTION_NAVIGATION.parse, newer.body(), newer.path)
    assert len(older_nav.entries) == 94
    assert len(newer_nav.entries) == 106
    assert {e.key for e in older_nav.entries} < {e.key for e in newer_nav.entries}
    labels = {entry.key: entry.label for entry in newer_nav.entries}
    assert labels[3] == "2002 PRIMARY" and labels[39] == "2001 SPECIAL ELECTION (STATE SENATE 24)"
    assert newer_nav.expanders == (193,)  # "Prior Elections" is not an election


def test_a_collapsed_navigation_offers_its_expander():
    page = next(page for page in PAGES if page.key == 123)
    navigation = parse_once(ELECTION_NAVIGATION.parse, page.body(), page.path)
    assert [(e.key, e.label) for e in navigation.entries] == [(123, "2022 GENERAL")]
    assert navigation.expanders == (122,)


@pytest.mark.parametrize(
    ("name", "year", "kind", "seat"),
    [
        ("2000 PRIMARY", 2000, "PRIMARY", ""),
        ("2001 SPECIAL ELECTION (ASSEMBLY 65)", 2001, "SPECIAL ELECTION", "ASSEMBLY 65"),
        ("2008 RECALL (STATE SENATE 12)", 2008, "RECALL", "STATE SENATE 12"),
        ("2013 SPECIAL RUNOFF (ASSEMBLY 52)", 2013, "SPECIAL RUNOFF", "ASSEMBLY 52"),
        ("Prior Elections", None, "", ""),
    ],
)
def test_election_names_give_year_type_and_seat(name, year, kind, seat):
    parts = parse_candidate_election_name(name)
    assert (parts.year, parts.type, parts.seat, parts.date) == (year, kind, seat, None)
