"""How a scrape ends when the site misbehaves: changed layout, dead entry page, 5xx, timeouts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from calaccess_scraped.models import Incumbent, IncumbentElection, ScrapeRun
from calaccess_scraped.tests.commands_support import run
from calaccess_scraped.tests.website import HTML_TYPE, captured_pages
from calaccess_toolkit.testing.httpserver import Fault

pytestmark = pytest.mark.django_db
ENTRY = "/Campaign/Candidates/list.aspx?view=incumbent"
SESSION = "/Campaign/Candidates/list.aspx?view=incumbent&session={}"


@pytest.fixture
def incumbent_site(http_server):
    """The incumbent lists of 2025 (also the entry page), 2023 (the history), 2021 and 2019."""
    pages = {page.key: page.body() for page in captured_pages("incumbents")}
    http_server.add(ENTRY, pages[2025], content_type=HTML_TYPE)
    for session in (2025, 2023, 2021, 2019):
        http_server.add(SESSION.format(session), pages[session], content_type=HTML_TYPE)
    return http_server


def without_tables(body: bytes) -> bytes:
    soup = BeautifulSoup(body.decode("utf-8"), "lxml")
    for table in soup.find_all("table"):
        table.decompose()
    return str(soup).encode("utf-8")


def test_a_changed_layout_stops_the_scrape_naming_page_and_part(incumbent_site, scrape_settings):
    path = SESSION.format(2021)
    incumbent_site.add(path, without_tables(incumbent_site.resources[path].body))
    error = run("scrapecalaccessincumbents")
    assert error == (
        f"The layout of {incumbent_site.url}{path} has changed: the session navigation "
        "(links with view=incumbent&session=N) not found"
    )
    scrape = ScrapeRun.objects.get(scraper="incumbents")
    assert (scrape.status, scrape.error) == (ScrapeRun.Status.FAILED, error)
    assert scrape.finished_at is not None
    # the sessions scraped before the broken page are kept
    assert set(IncumbentElection.objects.values_list("session", flat=True)) == {2023, 2025}


def test_a_missing_entry_page_is_a_clear_error(http_server, scrape_settings):
    error = run("scrapecalaccessincumbents")
    assert error == f"HTTP 404 Not Found: {http_server.url}{ENTRY}"
    assert ScrapeRun.objects.get(scraper="incumbents").status == ScrapeRun.Status.FAILED


def test_server_errors_and_timeouts_are_retried_then_reported(incumbent_site, scrape_settings):
    scrape_settings.CALACCESS_HTTP_TIMEOUT = 0.3
    incumbent_site.fail_next(SESSION.format(2025), Fault(status=500))  # once: the retry succeeds
    incumbent_site.fail_next(SESSION.format(2021), Fault(status=502), times=2)
    incumbent_site.fail_next(SESSION.format(2019), Fault(stall=1.0), times=2)
    error = run("scrapecalaccessincumbents")
    scrape = ScrapeRun.objects.get(scraper="incumbents")
    reasons = {failure["url"].split("=")[-1]: failure["error"] for failure in scrape.failures}
    assert reasons["2021"] == "HTTP 502 Bad Gateway after 2 attempts"
    assert reasons["2019"] == "no answer within 0.3 seconds after 2 attempts"
    assert reasons["2017"] == "HTTP 404 Not Found"
    assert "2025" not in reasons and "2023" not in reasons
    assert Incumbent.objects.filter(session=2025).count() == 101
    assert error.startswith(f"The incumbents scrape could not fetch {len(reasons)} page(s)")


def test_conflicting_cache_options_are_refused(incumbent_site, scrape_settings):
    error = run("scrapecalaccessincumbents", "--cache-only", "--force-download")
    assert "not allowed with argument" in error
    assert not ScrapeRun.objects.exists()
