"""What the scrape commands share: their options, the client those options configure, their summary.

The command base class they share is :class:`calaccess_scraped.commands.WebsiteScrapeCommand`.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from calaccess_scraped.fetching.client import CacheMode, WebsiteClient
from calaccess_scraped.models import ScrapeRun
from calaccess_toolkit import conf

SCRAPE_OPTIONS = ("flush", "force_download", "cache_only")


def add_scrape_options(parser: argparse.ArgumentParser) -> None:
    """``--flush``, ``--force-download`` and ``--cache-only``."""
    parser.add_argument(
        "--flush",
        action="store_true",
        help="Also delete the rows of pages the site no longer lists (rows of failed pages stay).",
    )
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument(
        "--force-download",
        action="store_true",
        help="Download every page, even those whose cached copy is still current.",
    )
    cache.add_argument(
        "--cache-only",
        action="store_true",
        help="Send no request: read every page from the scraper cache (missing ones fail).",
    )


def website_url() -> str:
    """The base URL of the website (``CALACCESS_WEBSITE_URL``)."""
    return str(conf.get("CALACCESS_WEBSITE_URL")).rstrip("/")


def client_for(options: Mapping[str, Any]) -> WebsiteClient:
    """A client configured from the settings and a command's cache options."""
    mode = CacheMode.from_options(
        force_download=bool(options.get("force_download")),
        cache_only=bool(options.get("cache_only")),
    )
    return WebsiteClient.from_settings(mode)


def summary(run: ScrapeRun) -> dict[str, Any]:
    """What a scrape command returns to programmatic callers."""
    return {
        "scrape_run": run.pk,
        "rows_saved": run.rows_saved,
        "pages_fetched": run.pages_fetched,
        "pages_from_cache": run.pages_from_cache,
        "pages_failed": run.pages_failed,
    }
