"""The HTTP client every scraper uses: cache first, polite, patient with a slow server.

How a page is obtained depends on the cache mode:

* ``VALIDATE`` (default): a cached page is asked for with a conditional GET, sending back the
  validators the server gave with it (``If-None-Match`` for its ``ETag``, ``If-Modified-Since`` for
  its ``Last-Modified``); ``304 Not Modified`` keeps the cached copy, any other answer replaces it.
  A copy the server gave no validators for, or older than :data:`~.cache.MAX_AGE`, is downloaded
  again, so a changed page is always seen, even an edit that keeps the page's length;
* ``REFRESH`` (``--force-download``): every page is downloaded;
* ``ONLY`` (``--cache-only``): no request at all; a page missing from the cache is an error.

Every request waits for the rate limiter. Timeouts, broken connections, 5xx and 429 answers and
bot-block pages are retried with exponential backoff; any other 4xx fails at once. Within one
client a page is fetched (or validated) once: asking again reads the cache, or repeats the error
the page failed with.

**Site-wide blocks.** When the site's firewall refuses a page on every attempt, the next pages are
tried once each, after a pause that keeps growing; when :data:`BLOCKED_PAGES_LIMIT` pages in a row
are refused, :class:`SiteBlocked` stops the scrape, instead of retrying every page of the site in
turn (hundreds of requests and hours of backoff under a block).
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus

import requests
from django.utils import timezone

from calaccess_scraped.fetching.botblock import block_reason
from calaccess_scraped.fetching.cache import CachedPage, PageCache, Validators
from calaccess_scraped.fetching.errors import (
    BotBlocked,
    ClientError,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    NotCached,
    ServerFailed,
    SiteBlocked,
)
from calaccess_scraped.fetching.ratelimit import RateLimiter
from calaccess_toolkit import conf, network
from calaccess_toolkit.errors import ToolkitError
from calaccess_toolkit.http import make_session, with_retries
from calaccess_toolkit.network import RetryPolicy, request_error_summary

#: Pages refused in a row by the firewall (each after its retries) before the scrape stops.
BLOCKED_PAGES_LIMIT = 3
# What a page is retried for; any other failure is final at once.
TRANSIENT = (FetchTimeout, ConnectionFailed, ServerFailed, BotBlocked)


class ConflictingOptions(ToolkitError):
    """Two options that exclude each other were given together."""


class CacheMode(enum.Enum):
    VALIDATE = "validate"
    REFRESH = "refresh"
    ONLY = "only"

    @classmethod
    def from_options(cls, force_download: bool = False, cache_only: bool = False) -> CacheMode:
        """The mode that ``--force-download`` and ``--cache-only`` ask for (not both at once)."""
        if force_download and cache_only:
            raise ConflictingOptions("--force-download and --cache-only exclude each other")
        if cache_only:
            return cls.ONLY
        return cls.REFRESH if force_download else cls.VALIDATE


@dataclass(frozen=True)
class Page:
    """A page's body, where it came from, and when it was downloaded from the site."""

    url: str
    body: bytes
    from_cache: bool
    fetched_at: datetime


@dataclass
class FetchStats:
    """Distinct pages downloaded, served from the cache and failed; requests sent."""

    downloaded: int = 0
    from_cache: int = 0
    failed: int = 0
    requests: int = 0


class WebsiteClient:
    """Fetch pages of the site through the cache; see the module docstring for the rules."""

    def __init__(
        self,
        cache: PageCache,
        *,
        mode: CacheMode = CacheMode.VALIDATE,
        rate: float = 1.0,
        retries: int = 4,
        timeout: float = 60.0,
        backoff: float | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cache = cache
        self.mode = mode
        self.policy = RetryPolicy(
            retries=retries,
            timeout=timeout,
            backoff=network.BACKOFF_SECONDS if backoff is None else backoff,
        )
        self.session = session or make_session()
        self.limiter = RateLimiter(rate, sleep=sleep)
        self.stats = FetchStats()
        self._sleep = sleep
        self._done: set[str] = set()
        self._failed: dict[str, Exception] = {}
        self._blocked_pages = 0

    @classmethod
    def from_settings(cls, mode: CacheMode = CacheMode.VALIDATE) -> WebsiteClient:
        """A client set up by ``CALACCESS_SCRAPER_RATE``, ``CALACCESS_HTTP_*`` and the data dir."""
        policy = RetryPolicy.from_settings()
        return cls(
            PageCache.from_settings(),
            mode=mode,
            rate=float(conf.get("CALACCESS_SCRAPER_RATE")),
            retries=policy.retries,
            timeout=policy.timeout,
            backoff=policy.backoff,
        )

    def get(self, url: str) -> Page:
        """The page at ``url``; raises a :class:`FetchError` subclass when it cannot be had,
        and :class:`SiteBlocked` when the whole site refuses this client."""
        if url in self._failed:
            raise self._failed[url]
        first_time = url not in self._done
        try:
            page = self._get(url, first_time)
        except (FetchError, SiteBlocked) as error:
            self._failed[url] = error
            self.stats.failed += 1
            raise
        if first_time:
            self._done.add(url)
            if page.from_cache:
                self.stats.from_cache += 1
            else:
                self.stats.downloaded += 1
        return page

    def _get(self, url: str, first_time: bool) -> Page:
        cached = self.cache.read(url)
        if cached is not None and (not first_time or self.mode is CacheMode.ONLY):
            return Page(url, cached.body, from_cache=True, fetched_at=cached.fetched_at)
        if self.mode is CacheMode.ONLY:
            raise NotCached(url, "not in the scraper cache and --cache-only forbids downloading")
        if cached is None or self.mode is CacheMode.REFRESH:
            return self._fetch(url, None)
        return self._fetch(url, cached if cached.can_be_validated(timezone.now()) else None)

    def _fetch(self, url: str, cached: CachedPage | None) -> Page:
        """Download ``url`` (conditionally when ``cached`` is given), minding site-wide blocks."""
        policy = self.policy
        if self._blocked_pages:
            # The site refused the last pages on every attempt: wait longer, try once.
            self._sleep(policy.delay(policy.retries + self._blocked_pages))
            policy = dataclasses.replace(policy, retries=0)
        try:
            page = with_retries(
                lambda attempt: self._attempt(url, attempt, cached),
                policy,
                transient=TRANSIENT,
                sleep=self._sleep,
            )
        except BotBlocked as error:
            self._blocked_pages += 1
            if self._blocked_pages >= BLOCKED_PAGES_LIMIT:
                raise SiteBlocked(self._blocked_pages, self.stats.requests, error) from error
            raise
        self._blocked_pages = 0
        return page

    def _attempt(self, url: str, attempt: int, cached: CachedPage | None) -> Page:
        self._wait()
        headers = cached.validators.conditional_headers() if cached else {}
        try:
            response = self.session.get(
                url, headers=headers, timeout=self.policy.timeout, allow_redirects=True
            )
            body = response.content
        except requests.Timeout as error:
            raise FetchTimeout(
                url, f"no answer within {self.policy.timeout:g} seconds after {attempt} attempts"
            ) from error
        except requests.RequestException as error:
            raise ConnectionFailed(
                url, f"{request_error_summary(error)} (after {attempt} attempts)"
            ) from error
        status = response.status_code
        if status == HTTPStatus.NOT_MODIFIED and cached is not None:
            return Page(url, cached.body, from_cache=True, fetched_at=cached.fetched_at)
        reason = block_reason(body, status)
        if reason:
            raise BotBlocked(url, f"{reason} after {attempt} attempts")
        if status >= 500 or status == 429:
            raise ServerFailed(url, status, response.reason or "", attempts=attempt)
        if status != 200:
            raise ClientError(url, status, response.reason or "")
        fetched_at = timezone.now()
        self.cache.write(url, body, Validators.from_headers(response.headers), fetched_at)
        return Page(url, body, from_cache=False, fetched_at=fetched_at)

    def _wait(self) -> None:
        self.limiter.wait()
        self.stats.requests += 1
