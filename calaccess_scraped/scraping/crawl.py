"""One scrape of the website under way: fetch a page and read it, or record why it could not be.

:func:`website_scrape` opens the scrape: it logs it (see :mod:`.recorder`), applies ``--flush``
and hands out a :class:`Crawl`. Through the crawl, a page that cannot be fetched (4xx, or 5xx,
timeouts and bot-block pages after the retries, or the page of another session) is recorded and
skipped, so the scrape goes on and ends with ``ScrapeIncomplete``; a page whose layout changed
raises ``LayoutChanged``, which stops the scrape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.scraping.recorder import ScrapeRecorder, recorded_scrape
from calaccess_scraped.scraping.reporter import Reporter
from calaccess_scraped.scraping.rows import Source

T = TypeVar("T")


@dataclass(frozen=True)
class Crawl:
    """The means of one scrape: the client, the site's base URL, the run's recorder and reporter."""

    client: WebsiteClient
    base_url: str
    recorder: ScrapeRecorder
    reporter: Reporter

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
    """Log one scrape of the website; with ``flush``, first delete every row of ``flushed``."""
    options = {"flush": flush, "cache": client.mode.value}
    with recorded_scrape(
        scraper, client=client, base_url=base_url, options=options, reporter=reporter
    ) as recorder:
        if flush:
            for model in flushed:
                model.objects.all().delete()
        yield Crawl(client, base_url, recorder, reporter)
