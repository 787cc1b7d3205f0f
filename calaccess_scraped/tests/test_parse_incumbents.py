"""Every captured incumbent page parses to the reference rows, runoff elections included."""

from __future__ import annotations

from datetime import date

import pytest

from calaccess_scraped.parsing.election_names import parse_short_date
from calaccess_scraped.parsing.html import clean
from calaccess_scraped.parsing.incumbents import SESSION_NAVIGATION, parse_incumbent_list
from calaccess_scraped.tests.parsed import parse_once
from calaccess_scraped.tests.website import captured_pages

PAGES = captured_pages("incumbents")
# Runoff entries per session: all missing from the reference, which dropped them.
RUNOFFS = {2007: 1, 2009: 5, 2011: 3, 2015: 3, 2017: 6, 2019: 4, 2021: 12, 2025: 4}
# Seats the site lists as VACANT (the reference kept only linked names).
VACANT = {2009: ["STATE SENATE 01"], 2017: ["STATE SENATE 32"]}


def test_every_captured_incumbent_page_is_tested():
    assert sorted(page.key for page in PAGES) == [
        1999, 2003, 2007, 2009, 2011, 2015, 2017, 2019, 2021, 2023, 2025,
    ]  # fmt: skip


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.key))
def test_session_elections_match_the_reference_plus_runoffs(page):
    parsed = parse_once(parse_incumbent_list, page.body(), page.path)
    assert parsed.session == page.key
    assert [e.number for e in parsed.elections] == list(range(1, len(parsed.elections) + 1))
    runoffs = [e for e in parsed.elections if e.name == "SPECIAL ELECTION RUNOFF"]
    assert len(runoffs) == RUNOFFS.get(page.key, 0)
    others = [(e.name, e.date.isoformat()) for e in parsed.elections if e not in runoffs]
    reference = [(row["name"], row["date"]) for row in page.expected()["IncumbentElectionItem"]]
    assert others == reference


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.key))
def test_incumbents_match_the_reference(page):
    parsed = parse_once(parse_incumbent_list, page.body(), page.path)
    linked = [
        (p.category, p.office, p.name, p.filer_id, p.detail_path)
        for p in parsed.incumbents
        if p.filer_id is not None
    ]
    reference = [
        (
            clean(row["category"]),
            clean(row["office"]),
            clean(row["name"]),
            int(row["id"]),
            f"/Campaign/Candidates/Detail.aspx?session={page.key}&id={row['id']}",
        )
        for row in page.expected()["IncumbentItem"]
    ]
    assert linked == reference
    unlinked = [(p.office, p.name) for p in parsed.incumbents if p.filer_id is None]
    assert unlinked == [(office, "VACANT") for office in VACANT.get(page.key, [])]


def test_runoff_dates_are_read():
    page = next(page for page in PAGES if page.key == 2025)
    elections = parse_once(parse_incumbent_list, page.body(), page.path).elections
    assert [(e.number, e.name, e.date) for e in elections[2:4]] == [
        (3, "SPECIAL ELECTION RUNOFF", date(2025, 4, 29)),
        (4, "SPECIAL ELECTION RUNOFF", date(2025, 4, 29)),
    ]


def test_the_newest_session_page_links_to_the_history():
    page = next(page for page in PAGES if page.key == 2025)
    navigation = parse_once(SESSION_NAVIGATION.parse, page.body(), page.path)
    assert [(e.key, e.label, e.selected) for e in navigation.entries] == [
        (2025, "2025 through 2026", True)
    ]
    assert navigation.expanders == (2023,)
    history = next(page for page in PAGES if page.key == 2023)
    older = parse_once(SESSION_NAVIGATION.parse, history.body(), history.path)
    assert [e.key for e in older.entries] == list(range(2025, 1997, -2))


@pytest.mark.parametrize(
    ("text", "near", "expected"),
    [
        ("3/7/00", 1999, date(2000, 3, 7)),
        ("12/1/18", 2017, date(2018, 12, 1)),
        ("11/3/26", 2025, date(2026, 11, 3)),
        ("6/5/1998", 1997, date(1998, 6, 5)),
        ("2/30/20", 2019, None),
    ],
)
def test_short_dates_take_the_century_of_the_session(text, near, expected):
    assert parse_short_date(text, near_year=near) == expected
