"""Issue #17: ``--flush`` keeps what it could not fetch, edits of the same length are seen, a
site-wide block stops the scrape early, and a killed scrape's run is closed by the next one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from calaccess_scraped.models import (
    Candidate,
    CandidateElection,
    Proposition,
    PropositionCommittee,
    PropositionElection,
    ScrapeRun,
)
from calaccess_scraped.scraping.urls import CANDIDATES_ENTRY
from calaccess_scraped.tests.commands_support import failed_paths, run
from calaccess_scraped.tests.website import ENTRY_PAGES, WEBSITE, captured_pages, serve_page
from calaccess_toolkit.testing.fixtures import fixture

pytestmark = pytest.mark.django_db
CANDIDATE_PAGES = captured_pages("candidates")
BLOCK_PAGE = next(p for p in captured_pages("proposition_committees") if p.key == 1438975).body()


def measure_rows() -> tuple[int, int, int]:
    return (
        PropositionElection.objects.count(),
        Proposition.objects.count(),
        PropositionCommittee.objects.count(),
    )


def candidates_by_election() -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    for election, name in Candidate.objects.order_by("sort_order").values_list(
        "election__election_id", "name"
    ):
        rows.setdefault(election, []).append(name)
    return rows


def test_flush_with_the_site_down_or_blocked_keeps_every_measure(
    website, http_server, scrape_settings
):
    run("scrapecalaccesspropositions")
    before = measure_rows()
    assert before[0] > 0 and before[1] > 0 and before[2] > 0
    for resource in http_server.resources.values():
        resource.status = 500
    error = run("scrapecalaccesspropositions", "--flush", "--force-download")
    assert error.startswith("HTTP 500 Internal Server Error after 2 attempts")
    assert measure_rows() == before
    for resource in http_server.resources.values():
        resource.status, resource.body = 200, BLOCK_PAGE
    error = run("scrapecalaccesspropositions", "--flush", "--force-download")
    assert "bot-block page" in error
    assert measure_rows() == before
    statuses = list(ScrapeRun.objects.order_by("started_at").values_list("status", flat=True))
    assert statuses == ["incomplete", "failed", "failed"]


def test_flush_keeps_the_rows_of_the_pages_that_failed(website, http_server, scrape_settings):
    run("scrapecalaccesscandidates")
    before = candidates_by_election()
    assert Candidate.objects.count() == 7087
    failing = [page for page in CANDIDATE_PAGES if page.key in (3, 5, 14, 61, 100)]
    assert len(failing) == 5
    for page in failing:
        http_server.resources[page.path].status = 503
    run("scrapecalaccesscandidates", "--flush")
    flushed = ScrapeRun.objects.filter(scraper="candidates").latest()
    assert {page.path for page in failing} <= failed_paths(flushed)
    assert Candidate.objects.count() == 7087
    assert candidates_by_election() == before
    assert CandidateElection.objects.count() == len(CANDIDATE_PAGES)


def test_an_edit_that_keeps_the_page_length_is_scraped(http_server, scrape_settings):
    """The entry page and one election's list: enough to see the edit, quick to save."""
    page = next(page for page in CANDIDATE_PAGES if page.key == 5)
    serve_page(
        http_server, CANDIDATES_ENTRY, fixture(WEBSITE, ENTRY_PAGES[CANDIDATES_ENTRY]).read_bytes()
    )
    serve_page(http_server, page.path, page.body())
    run("scrapecalaccesscandidates")
    assert Candidate.objects.filter(election__election_id=5, name="BASS, KAREN").exists()
    edited = page.body().replace(b"BASS, KAREN", b"BASS, KARIN")
    assert len(edited) == len(page.body())
    serve_page(http_server, page.path, edited)
    run("scrapecalaccesscandidates")
    names = set(Candidate.objects.filter(election__election_id=5).values_list("name", flat=True))
    assert "BASS, KARIN" in names and "BASS, KAREN" not in names
    again = ScrapeRun.objects.filter(scraper="candidates").latest()
    assert (again.pages_fetched, again.pages_from_cache) == (1, 1)  # the list, the entry page


def test_a_site_wide_block_stops_the_scrape_early_and_reports_it_once(
    website, http_server, scrape_settings
):
    entry = http_server.resources[CANDIDATES_ENTRY]
    for path, resource in http_server.resources.items():
        if path not in ENTRY_PAGES:
            resource.body = BLOCK_PAGE
    assert entry.body != BLOCK_PAGE
    with pytest.raises(CommandError) as raised:
        call_command("scrapecalaccesscandidates", stdout=StringIO(), stderr=StringIO())
    message = str(raised.value)
    assert raised.value.returncode == 1
    assert message.startswith(
        "The website is blocking this client: 3 pages in a row were answered with a bot-block page"
    )
    assert "\n" not in message
    blocked = [r for r in http_server.requests if http_server.resources.get(r.path) is not entry]
    served = [r for r in blocked if r.path in http_server.resources]
    # the first blocked page with its retry, then one attempt each for the next two
    assert len(served) == 4
    scrape = ScrapeRun.objects.get(scraper="candidates")
    assert (scrape.status, scrape.error) == (ScrapeRun.Status.FAILED, message)
    assert not Candidate.objects.exists()


def test_a_site_wide_block_stops_the_whole_scrape_pipeline_at_the_first_scraper(
    website, http_server, scrape_settings
):
    for path, resource in http_server.resources.items():
        if path not in ENTRY_PAGES:
            resource.body = BLOCK_PAGE
    with pytest.raises(CommandError) as raised:
        call_command("scrapecalaccess", stdout=StringIO(), stderr=StringIO())
    message = str(raised.value)
    # Failed, not partial: the other scrapers were not tried, since the site refuses them too.
    assert raised.value.returncode == 1
    assert message.count("The website is blocking this client") == 1
    assert list(ScrapeRun.objects.values_list("scraper", "status")) == [
        ("propositions", ScrapeRun.Status.FAILED)
    ]


def test_the_next_scrape_closes_the_runs_of_killed_scrapes(website, scrape_settings):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    now = timezone.now()
    here = socket.gethostname()
    killed = ScrapeRun.objects.create(
        scraper="candidates", started_at=now, host=here, pid=ended.pid
    )
    forgotten = ScrapeRun.objects.create(
        scraper="incumbents", started_at=now - timedelta(days=2), host="elsewhere", pid=1
    )
    elsewhere = ScrapeRun.objects.create(
        scraper="propositions", started_at=now, host="elsewhere", pid=ended.pid
    )
    alive = ScrapeRun.objects.create(
        scraper="candidates", started_at=now, host=here, pid=os.getpid()
    )
    run("scrapecalaccesscandidates", "--cache-only")
    for row in (killed, forgotten, elsewhere, alive):
        row.refresh_from_db()
    assert (killed.status, killed.finished_at is not None) == (ScrapeRun.Status.FAILED, True)
    assert killed.error == (
        f"closed as stale: its process {ended.pid} on {here} ended without closing the run"
    )
    assert forgotten.status == ScrapeRun.Status.FAILED
    assert (
        forgotten.error
        == "closed as stale: still marked running more than 24 hours after it started"
    )
    assert elsewhere.status == alive.status == ScrapeRun.Status.RUNNING
