"""Fixtures of the scraper tests: the captured website on a real local server, and fast clients."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from calaccess_scraped.fetching.cache import PageCache
from calaccess_scraped.fetching.client import CacheMode, WebsiteClient
from calaccess_scraped.scraping.crawl import Crawl
from calaccess_scraped.tests.parsed import parse_once
from calaccess_scraped.tests.website import CapturedPage, serve_website
from calaccess_toolkit import network


@pytest.fixture
def website(http_server) -> list[CapturedPage]:
    """The local server, serving every captured page at its real path."""
    return serve_website(http_server)


@pytest.fixture
def make_client(data_dir) -> Callable[..., WebsiteClient]:
    """Build a client on the test's data dir: no rate limit and short backoff unless asked."""

    def build(mode: CacheMode = CacheMode.VALIDATE, **options) -> WebsiteClient:
        options.setdefault("rate", 0)
        options.setdefault("retries", 2)
        options.setdefault("timeout", 5.0)
        options.setdefault("backoff", 0.01)
        return WebsiteClient(PageCache(data_dir / ".scraper_cache"), mode=mode, **options)

    return build


@pytest.fixture
def scrapers_parse_once(monkeypatch) -> None:
    """Let the scrapers parse each distinct page once per test session (see ``tests.parsed``)."""
    read = Crawl.read

    def read_once(crawl: Crawl, url: str, parser: Callable, *args):
        return read(crawl, url, partial(parse_once, parser), *args)

    monkeypatch.setattr(Crawl, "read", read_once)


@pytest.fixture
def scrape_settings(settings, data_dir, http_server, monkeypatch, scrapers_parse_once):
    """Point the scrapers at the local server: no rate limit, quick retries, pages parsed once."""
    settings.CALACCESS_WEBSITE_URL = http_server.url
    settings.CALACCESS_SCRAPER_RATE = 0
    settings.CALACCESS_HTTP_RETRIES = 1
    settings.CALACCESS_HTTP_TIMEOUT = 5.0
    monkeypatch.setattr(network, "BACKOFF_SECONDS", 0.01)
    return settings
