"""The one HTTP session and the one retry loop of everything the toolkit downloads.

The raw downloader and the website scraper both talk to the state's servers, so they introduce
themselves the same way (one User-Agent naming the toolkit and its version) and refuse compression
(``Accept-Encoding: identity``), so byte counts, ranges and sizes mean bytes of the body itself.
TLS certificates are always verified (requests' default, honouring ``REQUESTS_CA_BUNDLE``).

:func:`with_retries` is the one loop that retries a failed attempt with the exponential backoff of
a :class:`~calaccess_toolkit.network.RetryPolicy`. An attempt that made progress before failing
(a download that received bytes) resets the count of failures, so a long transfer over a flaky
connection goes on as long as it advances, while a server that keeps failing is given up after
the policy's retries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import metadata
from typing import TypeVar

import requests

from calaccess_toolkit.network import RetryPolicy

T = TypeVar("T")
PROJECT_URL = "https://github.com/california-civic-data-coalition"


def user_agent() -> str:
    """Names the toolkit and its version, so the servers' operators know who is asking."""
    try:
        version = metadata.version("calaccess-toolkit")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"calaccess-toolkit/{version} (+{PROJECT_URL})"


def make_session() -> requests.Session:
    """A requests session with the toolkit's User-Agent that refuses compressed answers."""
    session = requests.Session()
    session.headers.update({"User-Agent": user_agent(), "Accept-Encoding": "identity"})
    return session


def with_retries(
    attempt: Callable[[int], T],
    policy: RetryPolicy,
    *,
    transient: tuple[type[BaseException], ...],
    progress: Callable[[], int] = lambda: 0,
    give_up: Callable[[BaseException, int], BaseException] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``attempt(n)`` (n counts the attempts from 1) until it returns.

    An error of the ``transient`` classes is retried after the policy's backoff; after
    ``policy.retries`` retries without ``progress`` (a count that grows when an attempt got
    somewhere) the error is re-raised, or ``give_up(error, failures)`` is raised from it.
    """
    failures = 0
    number = 0
    while True:
        number += 1
        mark = progress()
        try:
            return attempt(number)
        except transient as error:
            failures = 1 if progress() > mark else failures + 1
            if failures > policy.retries:
                if give_up is None:
                    raise
                raise give_up(error, failures) from error
            sleep(policy.delay(failures))
