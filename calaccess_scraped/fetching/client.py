"""The HTTP client every scraper uses: cache first, polite, patient with a slow server.

How a page is obtained depends on the cache mode:

* ``VALIDATE`` (default): a cached page is checked with a HEAD request and downloaded again only
  when the server's ``Content-Length`` differs from the one recorded with the cached copy;
* ``REFRESH`` (``--force-download``): every page is downloaded;
* ``ONLY`` (``--cache-only``): no request at all; a page missing from the cache is an error.

Compression is refused (``Accept-Encoding: identity``) so ``Content-Length`` counts the bytes of
the page itself. Every request waits for the rate limiter. Timeouts, broken connections, 5xx and
429 answers and bot-block pages are retried with exponential backoff; any other 4xx fails at once.
Within one client a page is fetched (or validated) once: asking again reads the cache, or
repeats the error the page failed with.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata

import requests
from django.utils import timezone

from calaccess_scraped.fetching.botblock import block_reason
from calaccess_scraped.fetching.cache import PageCache
from calaccess_scraped.fetching.errors import (
    BotBlocked,
    ClientError,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    NotCached,
    ServerError,
)
from calaccess_scraped.fetching.ratelimit import RateLimiter
from calaccess_toolkit import conf, network
from calaccess_toolkit.errors import ToolkitError
from calaccess_toolkit.network import RetryPolicy, request_error_summary


def user_agent() -> str:
    """Names the toolkit and its version, so the site's operators know who is asking."""
    try:
        version = metadata.version("calaccess-toolkit")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"calaccess-toolkit/{version} (CAL-ACCESS website scraper; python-requests)"


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
    """Distinct pages downloaded, served from the cache and failed; requests sent (HEAD too)."""

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
        self.session = session or requests.Session()
        self.session.headers.update({"User-Agent": user_agent(), "Accept-Encoding": "identity"})
        self.limiter = RateLimiter(rate, sleep=sleep)
        self.stats = FetchStats()
        self._sleep = sleep
        self._done: set[str] = set()
        self._failed: dict[str, FetchError] = {}

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
        """The page at ``url``; raises a :class:`FetchError` subclass when it cannot be had."""
        if url in self._failed:
            raise self._failed[url]
        first_time = url not in self._done
        try:
            page = self._get(url, first_time)
        except FetchError as error:
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
        if cached is not None and (
            not first_time
            or self.mode is CacheMode.ONLY
            or (self.mode is CacheMode.VALIDATE and self._unchanged(url, cached.content_length))
        ):
            return Page(url, cached.body, from_cache=True, fetched_at=cached.fetched_at)
        if self.mode is CacheMode.ONLY:
            raise NotCached(url, "not in the scraper cache and --cache-only forbids downloading")
        return self._download(url)

    def _unchanged(self, url: str, cached_length: str | None) -> bool:
        """Ask the server (HEAD) whether the page still has the cached copy's length."""
        if cached_length is None:
            return False
        self._wait()
        try:
            response = self.session.head(url, timeout=self.policy.timeout, allow_redirects=True)
        except requests.RequestException:
            return False
        if response.status_code >= 400:
            return False
        return response.headers.get("Content-Length") == cached_length

    def _download(self, url: str) -> Page:
        attempts = self.policy.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return self._attempt(url, attempt)
            except (FetchTimeout, ConnectionFailed, ServerError, BotBlocked):
                if attempt == attempts:
                    raise
            self._sleep(self.policy.delay(attempt))
        raise AssertionError("unreachable")

    def _attempt(self, url: str, attempt: int) -> Page:
        self._wait()
        try:
            response = self.session.get(url, timeout=self.policy.timeout, allow_redirects=True)
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
        reason = block_reason(body, status)
        if reason:
            raise BotBlocked(url, f"{reason} after {attempt} attempts")
        if status >= 500 or status == 429:
            raise ServerError(url, status, response.reason or "", attempts=attempt)
        if status != 200:
            raise ClientError(url, status, response.reason or "")
        fetched_at = timezone.now()
        self.cache.write(url, body, response.headers.get("Content-Length"), fetched_at)
        return Page(url, body, from_cache=False, fetched_at=fetched_at)

    def _wait(self) -> None:
        self.limiter.wait()
        self.stats.requests += 1
