"""One scrape of the website under way: fetch a page and read it, or record why it could not be.

:func:`website_scrape` opens the scrape: it logs it (see :mod:`.recorder`) and hands out a
:class:`Crawl`. Through the crawl, a page that cannot be fetched (4xx, or 5xx, timeouts and
bot-block pages after the retries, or the page of another session) is recorded and skipped, so the
scrape goes on and ends with ``ScrapeIncomplete``; a page whose layout changed raises
``LayoutChanged``, and a site-wide block ``SiteBlocked``, which stop the scrape.

``--flush`` never empties a table. Every page already replaces exactly its own rows, so what is
left to flush is the rows of pages the site no longer lists: once the crawl has ended (not when it
stopped), the rows whose page is not among the list pages the site's navigation names now are
deleted, in one transaction. Rows of a listed page that failed stay. When a navigation page
itself failed (other than with a 4xx answer, which says the page is gone), the site's list is not
known whole and nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.scraping.recorder import ScrapeRecorder, recorded_scrape
from calaccess_scraped.scraping.rows import Source
from calaccess_toolkit.reporting import Reporter

T = TypeVar("T")


@dataclass
class Coverage:
    """The list pages the site's navigation names, and whether every navigation page was read."""

    listed: set[str] = field(default_factory=set)
    complete: bool = True


@dataclass(frozen=True)
class Crawl:
    """The means of one scrape: the client, the site's base URL, the run's recorder and reporter,
    and what the site lists (for ``--flush``)."""

    client: WebsiteClient
    base_url: str
    recorder: ScrapeRecorder
    reporter: Reporter
    coverage: Coverage = field(default_factory=Coverage)

    def read(self, url: str, parser: Callable[..., T], *args: Any) -> tuple[T, Source]:
        """``parser(body, url, *args)`` of the page at ``url``, and its source.

        A page that cannot be fetched raises its :class:`FetchError`.
        """
        page = self.client.get(url)
        return parser(page.body, url, *args), Source(url, page.fetched_at)

    def read_or_skip(
        self, url: str, parser: Callable[..., T], *args: Any
    ) -> tuple[T, Source] | None:
        """Like :meth:`read`, but a page that cannot be fetched is recorded and gives None."""
        try:
            return self.read(url, parser, *args)
        except FetchError as error:
            self.recorder.failed(url, error)
            return None


@contextmanager
def website_scrape(
    scraper: str,
    client: WebsiteClient,
    base_url: str,
    *,
    flush: bool,
    flushed: Iterable[type[Model]],
    reporter: Reporter,
) -> Iterator[Crawl]:
    """Log one scrape of the website; with ``flush``, once the crawl has ended, delete the rows
    of ``flushed`` whose page the site no longer lists (see the module docstring)."""
    options = {"flush": flush, "cache": client.mode.value}
    with recorded_scrape(
        scraper, client=client, base_url=base_url, options=options, reporter=reporter
    ) as recorder:
        crawl = Crawl(client, base_url, recorder, reporter)
        yield crawl
        if flush:
            remove_unlisted(flushed, crawl.coverage, reporter)


@transaction.atomic
def remove_unlisted(models: Iterable[type[Model]], coverage: Coverage, reporter: Reporter) -> int:
    """Delete the rows of ``models`` read from pages the site no longer lists; return how many."""
    if not coverage.complete:
        reporter.say("--flush removed nothing: a navigation page failed, so the list is not whole")
        return 0
    removed = sum(model.objects.exclude(url__in=coverage.listed).delete()[0] for model in models)
    reporter.say(f"--flush removed {removed} rows of pages the site no longer lists")
    return removed
