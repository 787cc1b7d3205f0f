"""``scrapecalaccesscandidates`` over the captured site: every page's rows, failures, re-runs."""

from __future__ import annotations

from itertools import groupby

import pytest

from calaccess_scraped.models import Candidate, CandidateElection, ScrapeRun
from calaccess_scraped.parsing.html import clean
from calaccess_scraped.tests.commands_support import (
    failed_paths,
    linked_ids,
    run,
    single_host,
)
from calaccess_scraped.tests.website import ENTRY_PAGES, captured_pages
from calaccess_toolkit.testing.fixtures import fixture

pytestmark = pytest.mark.django_db
PAGES = captured_pages("candidates")
ENTRY = fixture("calaccess-website", ENTRY_PAGES["/Campaign/Candidates/list.aspx?view=certified"])


def expected_failures() -> set[str]:
    """Elections the entry page links to (and its expander) that were never captured."""
    listed = linked_ids(ENTRY.read_bytes(), rb'list\.aspx\?(?:view=certified&amp;)?electNav=(\d+)"')
    missing = listed - {page.key for page in PAGES}
    return {f"/Campaign/Candidates/list.aspx?view=certified&electNav={key}" for key in missing}


def reference_rows(page):
    rows = [
        (clean(r["office"]), clean(r["name"]), int(r["id"]) if r["id"] else None)
        for r in page.expected()["CandidateItem"]
    ]
    return rows


def in_reference_order(rows):
    ordered = []
    for _, office_rows in groupby(rows, key=lambda row: row[0]):
        ordered.extend(sorted(office_rows, key=lambda row: row[2] is None))
    return ordered


def test_scraping_candidates_saves_every_page_and_reports_the_missing_ones(
    website, http_server, scrape_settings
):
    error = run("scrapecalaccesscandidates")
    first = ScrapeRun.objects.get(scraper="candidates")
    assert failed_paths(first) == expected_failures()
    assert len(first.failures) == 19
    assert error.startswith("The candidates scrape could not fetch 19 page(s), the rest was saved")
    assert first.status == ScrapeRun.Status.INCOMPLETE
    assert (first.pages_fetched, first.pages_from_cache, first.pages_failed) == (88, 0, 19)

    assert CandidateElection.objects.count() == len(PAGES)
    for page in PAGES:
        election = CandidateElection.objects.get(election_id=page.key)
        reference = page.expected()["CandidateElectionItem"][0]
        if page.key == 3:  # the reference named election 3 after election 39
            assert (election.name, election.year) == ("2002 PRIMARY", 2002)
        else:
            assert (election.name, election.year) == (reference["name"], int(reference["year"]))
        assert election.url == f"{http_server.url}{page.path}"
        candidates = list(election.candidates.order_by("sort_order"))
        mine = [(c.office, c.name, c.filer_id) for c in candidates]
        assert in_reference_order(mine) == reference_rows(page), page.key
        for candidate in candidates:
            assert candidate.url == election.url
            assert candidate.scraped_at == election.scraped_at
            if candidate.filer_id:
                assert single_host(candidate.detail_url, http_server.url)
    special = CandidateElection.objects.get(election_id=14)
    assert (special.type, special.seat, special.date) == ("SPECIAL ELECTION", "GOVERNOR", None)
    assert Candidate.objects.count() == 7087  # as many as the reference's CandidateItem.csv


def test_scraping_again_is_idempotent_and_served_from_the_cache(
    website, http_server, scrape_settings
):
    run("scrapecalaccesscandidates")
    before = sorted(Candidate.objects.values_list("election__election_id", "sort_order", "name"))
    http_server.requests.clear()
    run("scrapecalaccesscandidates")
    again = ScrapeRun.objects.filter(scraper="candidates").latest()
    assert (again.pages_fetched, again.pages_from_cache) == (0, 88)
    assert {request.method for request in http_server.requests} == {"GET"}
    conditional = [r for r in http_server.requests if "If-None-Match" in r.headers]
    assert len(conditional) == 88  # every cached page asked "changed since?", answered 304
    assert len(http_server.requests) - len(conditional) == 19  # only the missing pages in full
    after = sorted(Candidate.objects.values_list("election__election_id", "sort_order", "name"))
    assert after == before

    http_server.requests.clear()
    error = run("scrapecalaccesscandidates", "--cache-only")
    assert http_server.requests == []
    assert "19 page(s)" in error
    cached = ScrapeRun.objects.filter(scraper="candidates").latest()
    assert (cached.pages_fetched, cached.pages_from_cache) == (0, 88)
    assert "not in the scraper cache" in cached.failures[0]["error"]
    assert (
        sorted(Candidate.objects.values_list("election__election_id", "sort_order", "name"))
        == before
    )


def test_flush_removes_elections_the_site_no_longer_lists(website, scrape_settings):
    run("scrapecalaccesscandidates", "--cache-only")
    stale = CandidateElection.objects.create(
        election_id=9999, name="1990 PRIMARY", url="http://old", scraped_at="2020-01-01T00:00Z"
    )
    run("scrapecalaccesscandidates")
    assert CandidateElection.objects.filter(pk=stale.pk).exists()
    run("scrapecalaccesscandidates", "--flush")
    assert not CandidateElection.objects.filter(election_id=9999).exists()
    assert CandidateElection.objects.count() == len(PAGES)
