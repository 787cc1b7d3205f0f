"""``scrapecalaccessincumbents`` over the captured site: each session's elections and incumbents."""

from __future__ import annotations

import pytest

from calaccess_scraped.models import Incumbent, IncumbentElection, ScrapeRun
from calaccess_scraped.parsing.html import clean
from calaccess_scraped.tests.commands_support import (
    failed_paths,
    linked_ids,
    run,
    single_host,
)
from calaccess_scraped.tests.website import captured_pages

pytestmark = pytest.mark.django_db
PAGES = captured_pages("incumbents")


def expected_failures() -> set[str]:
    """Sessions the history page links to that were never captured."""
    history = next(page for page in PAGES if page.key == 2023).body()
    listed = linked_ids(history, rb"view=incumbent&amp;session=(\d{4})")
    return {
        f"/Campaign/Candidates/list.aspx?view=incumbent&session={session}"
        for session in listed - {page.key for page in PAGES}
    }


def test_scraping_incumbents_saves_every_session(website, http_server, scrape_settings):
    error = run("scrapecalaccessincumbents")
    scrape = ScrapeRun.objects.get(scraper="incumbents")
    assert failed_paths(scrape) == expected_failures()
    assert len(scrape.failures) == 3
    assert "could not fetch 3 page(s)" in error
    for page in PAGES:
        expected = page.expected()
        elections = IncumbentElection.objects.filter(session=page.key).order_by("number")
        kept = [(e.name, e.date.isoformat()) for e in elections if not e.is_runoff]
        assert kept == [(r["name"], r["date"]) for r in expected["IncumbentElectionItem"]]
        assert all(e.url == f"{http_server.url}{page.path}" for e in elections)
        seats = Incumbent.objects.filter(session=page.key).order_by("sort_order")
        people = [(i.category, i.office, i.name, i.filer_id) for i in seats if not i.vacant]
        assert people == [
            (clean(r["category"]), clean(r["office"]), clean(r["name"]), int(r["id"]))
            for r in expected["IncumbentItem"]
        ]
        assert all(single_host(i.detail_url, http_server.url) for i in seats if not i.vacant)
    # runoffs the reference dropped are kept
    assert IncumbentElection.objects.filter(name="SPECIAL ELECTION RUNOFF").count() == 38
    vacant = Incumbent.objects.filter(vacant=True)
    assert sorted(vacant.values_list("session", "office", "filer_id")) == [
        (2009, "STATE SENATE 01", None),
        (2017, "STATE SENATE 32", None),
    ]


def test_scraping_incumbents_again_is_idempotent(website, http_server, scrape_settings):
    run("scrapecalaccessincumbents")
    counts = (IncumbentElection.objects.count(), Incumbent.objects.count())
    assert counts == (118, 1121)
    run("scrapecalaccessincumbents")
    run("scrapecalaccessincumbents", "--force-download")
    assert (IncumbentElection.objects.count(), Incumbent.objects.count()) == counts
    forced = ScrapeRun.objects.filter(scraper="incumbents").latest()
    assert (forced.pages_fetched, forced.pages_from_cache, forced.options["cache"]) == (
        12,
        0,
        "refresh",
    )
