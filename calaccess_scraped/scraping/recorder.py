"""The tracking row of one scrape: opened when it starts, closed with its counts when it ends.

Pages that could not be fetched are collected as they happen and the scrape goes on; when it ends
with any, :class:`ScrapeIncomplete` is raised after the row is saved, so the command exits non-zero,
the run log says which pages failed and why, and the rows saved from every other page stay. Before
a row is opened, the rows of killed scrapes are closed (:mod:`.stale_runs`).
"""

from __future__ import annotations

import logging
import os
import socket
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.models import ScrapeRun
from calaccess_scraped.scraping.stale_runs import close_stale_runs
from calaccess_toolkit.errors import PartialFailure, ToolkitError
from calaccess_toolkit.reporting import SILENT, Reporter

logger = logging.getLogger("calaccess.scraped")

# How many failed pages the one-line error names before it says "and N more".
NAMED_FAILURES = 3


class ScrapeIncomplete(PartialFailure):
    """Some pages could not be fetched; everything else was saved."""

    def __init__(self, run: ScrapeRun) -> None:
        named = "; ".join(f"{f['url']} ({f['error']})" for f in run.failures[:NAMED_FAILURES])
        more = len(run.failures) - NAMED_FAILURES
        super().__init__(
            f"The {run.scraper} scrape could not fetch {len(run.failures)} page(s), the rest was "
            f"saved (scrape run #{run.pk}): {named}" + (f"; and {more} more" if more > 0 else "")
        )
        self.run = run


class ScrapeRecorder:
    """Counts, failures and the tracking row of one scrape."""

    def __init__(self, run: ScrapeRun, client: WebsiteClient | None, reporter: Reporter) -> None:
        self.run = run
        self.client = client
        self.reporter = reporter

    def failed(self, url: str, error: FetchError) -> None:
        """Note a page that could not be fetched (once per URL) and carry on."""
        if any(failure["url"] == url for failure in self.run.failures):
            return
        self.run.failures.append({"url": url, "error": error.reason})
        logger.warning("Could not fetch %s: %s", url, error.reason)
        self.reporter.say(f"Skipped {url}: {error.reason}")

    def saved(self, rows: int) -> None:
        self.run.rows_saved += rows

    def close(self, status: str, error: str = "") -> None:
        if self.client is not None:
            stats = self.client.stats
            self.run.pages_fetched = stats.downloaded
            self.run.pages_from_cache = stats.from_cache
            self.run.requests = stats.requests
        self.run.pages_failed = len(self.run.failures)
        self.run.status = status
        self.run.error = error
        self.run.finished_at = timezone.now()
        self.run.save()


@contextmanager
def recorded_scrape(
    scraper: str,
    *,
    client: WebsiteClient | None,
    base_url: str = "",
    options: dict[str, Any] | None = None,
    reporter: Reporter = SILENT,
) -> Iterator[ScrapeRecorder]:
    """Open a tracking row, run the block, close the row whatever happens (see module doc)."""
    started_at = timezone.now()
    stale = close_stale_runs(started_at)
    if stale:
        reporter.say(f"Closed {stale} scrape run(s) left running by a killed scrape as failed")
    run = ScrapeRun.objects.create(
        scraper=scraper,
        base_url=base_url,
        options=options or {},
        started_at=started_at,
        host=socket.gethostname(),
        pid=os.getpid(),
    )
    recorder = ScrapeRecorder(run, client, reporter)
    try:
        yield recorder
    except BaseException as error:
        message = str(error) if isinstance(error, ToolkitError) else traceback.format_exc()
        recorder.close(ScrapeRun.Status.FAILED, message or type(error).__name__)
        raise
    if run.failures:
        recorder.close(ScrapeRun.Status.INCOMPLETE)
        raise ScrapeIncomplete(run)
    recorder.close(ScrapeRun.Status.FINISHED)
    reporter.say(
        f"{scraper}: {run.rows_saved} rows saved from {run.pages_fetched} downloaded and "
        f"{run.pages_from_cache} cached pages"
    )


class ScrapesIncomplete(PartialFailure):
    """Several scrapes of a pipeline ended with pages they could not fetch."""

    def __init__(self, errors: list[ScrapeIncomplete]) -> None:
        parts = ", ".join(
            f"{error.run.scraper} ({len(error.run.failures)} pages, run #{error.run.pk})"
            for error in errors
        )
        super().__init__(f"Some pages could not be fetched, the rest was saved: {parts}")
        self.errors = errors
