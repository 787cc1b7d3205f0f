"""``scrapecalaccesspropositions`` over the captured site: measures and committees of every page."""

from __future__ import annotations

import pytest

from calaccess_scraped.models import (
    Proposition,
    PropositionCommittee,
    PropositionElection,
    ScrapeRun,
)
from calaccess_scraped.parsing.html import clean
from calaccess_scraped.tests.commands_support import (
    failed_paths,
    linked_ids,
    run,
    single_host,
)
from calaccess_scraped.tests.website import captured_pages
from calaccess_toolkit.testing.httpserver import Fault

pytestmark = pytest.mark.django_db
LISTS = captured_pages("propositions")
DETAILS = captured_pages("proposition_committees")
BLOCKED = "/Campaign/Measures/Detail.aspx?id=1438975&session=2021"


def expected_failures() -> set[str]:
    """Sessions the newest list links to that were never captured, and the bot-block page."""
    newest = next(page for page in LISTS if page.key == 2023).body()
    listed = linked_ids(newest, rb"list\.aspx\?session=(\d{4})")
    missing = listed - {page.key for page in LISTS}
    return {f"/Campaign/Measures/list.aspx?session={s}" for s in missing} | {BLOCKED}


def test_scraping_propositions_saves_every_measure_and_committee(
    website, http_server, scrape_settings
):
    error = run("scrapecalaccesspropositions")
    scrape = ScrapeRun.objects.get(scraper="propositions")
    assert failed_paths(scrape) == expected_failures()
    assert any("bot-block page" in f["error"] for f in scrape.failures if BLOCKED in f["url"])
    assert "could not fetch 4 page(s)" in error
    for page in LISTS:
        expected = page.expected()
        elections = PropositionElection.objects.filter(session=page.key).order_by("sort_order")
        assert [e.name for e in elections] == [
            clean(r["name"]) for r in expected["PropositionElectionItem"]
        ]
        measures = Proposition.objects.filter(session=page.key).order_by(
            "election__sort_order", "sort_order"
        )
        assert [(m.election.name, m.measure_id, m.name) for m in measures] == [
            (clean(r["election_name"]), int(r["id"]), clean(r["name"]))
            for r in expected["PropositionItem"]
        ]
        assert all(single_host(m.detail_url, http_server.url) for m in measures)
    for page in DETAILS:
        proposition = Proposition.objects.get(measure_id=page.key)
        committees = proposition.committees.order_by("sort_order")
        assert [
            (proposition.election.name, proposition.name, c.committee_id, c.name, c.position)
            for c in committees
        ] == [
            (
                clean(r["election_name"]),
                clean(r["proposition_name"]),
                int(r["id"]),
                clean(r["name"]),
                clean(r["position"]),
            )
            for r in page.expected()["PropositionCommitteeItem"]
        ]
        assert all(single_host(c.detail_url, http_server.url) for c in committees)
        assert all(c.url == f"{http_server.url}{page.path}" for c in committees)
    assert PropositionCommittee.objects.count() == 901
    general = PropositionElection.objects.get(session=1999, name="NOVEMBER 7, 2000, GENERAL")
    assert (general.type, general.date.isoformat()) == ("GENERAL", "2000-11-07")


def test_a_bot_block_never_replaces_committees_found_before(website, http_server, scrape_settings):
    run("scrapecalaccesspropositions")
    path = "/Campaign/Measures/Detail.aspx?id=1007515&session=1999"
    before = list(
        PropositionCommittee.objects.filter(proposition__measure_id=1007515).values_list("name")
    )
    assert len(before) == 4
    block = next(page for page in DETAILS if page.key == 1438975).body()
    http_server.fail_next(path, Fault(body=block), times=2)
    error = run("scrapecalaccesspropositions", "--force-download")
    assert path in error or "and 2 more" in error
    latest = ScrapeRun.objects.filter(scraper="propositions").latest()
    assert path in failed_paths(latest)
    after = list(
        PropositionCommittee.objects.filter(proposition__measure_id=1007515).values_list("name")
    )
    assert after == before
    assert PropositionCommittee.objects.count() == 901
