"""Every captured measure list and measure detail page parses to the reference rows."""

from __future__ import annotations

from datetime import date

import pytest

from calaccess_scraped.parsing.election_names import parse_measure_election_name
from calaccess_scraped.parsing.html import clean, query_int
from calaccess_scraped.parsing.measure_committees import parse_measure_detail
from calaccess_scraped.parsing.propositions import parse_measure_list
from calaccess_scraped.tests.parsed import parse_once
from calaccess_scraped.tests.website import captured_pages

LISTS = captured_pages("propositions")
DETAILS = [
    page for page in captured_pages("proposition_committees") if "bot-block" not in page.capture
]


def test_every_captured_measure_page_is_tested():
    assert len(LISTS) == 11
    assert len(DETAILS) == 175  # plus one bot-block page, tested with the fetching


@pytest.mark.parametrize("page", LISTS, ids=lambda page: str(page.key))
def test_measure_lists_match_the_reference(page):
    parsed = parse_once(parse_measure_list, page.body(), page.path)
    expected = page.expected()
    assert [e.name for e in parsed.elections] == [
        clean(row["name"]) for row in expected["PropositionElectionItem"]
    ]
    mine = [(e.name, m.measure_id, m.name) for e in parsed.elections for m in e.measures]
    reference = [
        (clean(row["election_name"]), int(row["id"]), clean(row["name"]))
        for row in expected["PropositionItem"]
    ]
    assert mine == reference
    for election in parsed.elections:
        for measure in election.measures:
            assert measure.detail_path == (
                f"/Campaign/Measures/Detail.aspx?id={measure.measure_id}&session={measure.session}"
            )
            assert measure.session == page.key


@pytest.mark.parametrize("page", DETAILS, ids=lambda page: str(page.key))
def test_measure_committees_match_the_reference(page):
    parsed = parse_once(parse_measure_detail, page.body(), page.path)
    mine = [(c.committee_id, c.name, c.position, c.filer_id) for c in parsed.committees]
    reference = [
        (int(row["id"]), clean(row["name"]), clean(row["position"]), query_int(row["url"], "id"))
        for row in page.expected()["PropositionCommitteeItem"]
    ]
    assert mine == reference
    for committee in parsed.committees:
        assert committee.detail_path.startswith("/Misc/Redirector.aspx?id=")


def test_text_is_decoded_as_utf8_despite_the_declared_charset():
    page = next(page for page in LISTS if page.key == 2017)
    assert b"charset=windows-1252" in page.body()
    elections = parse_once(parse_measure_list, page.body(), page.path).elections
    names = [measure.name for election in elections for measure in election.measures]
    assert any("CHILDREN\u2019S HEALTH CARE" in name for name in names)
    assert not any("\u00e2\u20ac" in name for name in names)  # no mojibake


def test_names_are_stripped_and_collapsed():
    page = next(page for page in DETAILS if page.key == 1470889)
    assert "\n" in page.body().decode()[page.body().decode().find("measureName") :][:200]
    name = parse_once(parse_measure_detail, page.body(), page.path).name
    assert name.startswith("PROPOSITION 002 - AB 247 (CH. 81, 2024) MURATSUCHI.")
    assert "\n" not in name and "  " not in name


def test_a_measure_without_committees_is_empty_not_an_error():
    page = next(page for page in DETAILS if page.key == 1007683)
    assert parse_once(parse_measure_detail, page.body(), page.path).committees == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NOVEMBER 7, 2000, GENERAL", (date(2000, 11, 7), "GENERAL")),
        ("SEPTEMBER 14, 2021, SPECIAL ELECTION", (date(2021, 9, 14), "SPECIAL ELECTION")),
        ("JUNE 3, 2008, RECALL", (date(2008, 6, 3), "RECALL")),
        ("SOMETIME", (None, "")),
    ],
)
def test_measure_election_names_give_date_and_type(name, expected):
    parts = parse_measure_election_name(name)
    assert (parts.date, parts.type) == expected
