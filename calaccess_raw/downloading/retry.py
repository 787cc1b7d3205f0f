"""Retrying network errors and 5xx answers with exponential backoff (the toolkit's retry loop).

An attempt that received some bytes before failing resets the count of failures, so a long download
over a flaky connection keeps going as long as it makes progress, while a server that keeps failing
without sending anything is given up after ``CALACCESS_HTTP_RETRIES`` retries, with a
:class:`DownloadError` that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import requests
from urllib3.exceptions import HTTPError, ReadTimeoutError

from calaccess_raw.downloading.errors import DownloadError, DownloadTimeout
from calaccess_toolkit import http
from calaccess_toolkit.network import RetryPolicy, request_error_summary

T = TypeVar("T")


class TransientServerError(Exception):
    """A 5xx answer: worth retrying."""


class Interrupted(Exception):
    """The server closed the body early without a network error: resume it."""


# urllib3's HTTPError: a body read straight from the connection fails with urllib3's own errors.
TRANSIENT = (
    requests.ConnectionError,
    requests.Timeout,
    HTTPError,
    TransientServerError,
    Interrupted,
)


def with_retries(
    attempt: Callable[[], T],
    policy: RetryPolicy,
    action: str,
    progress: Callable[[], int] = lambda: 0,
) -> T:
    """Run ``attempt`` until it succeeds; ``progress`` tells whether a failed attempt got bytes."""
    return http.with_retries(
        lambda _number: attempt(),
        policy,
        transient=TRANSIENT,
        progress=progress,
        give_up=lambda error, failures: _final_error(error, policy, action, failures),
    )


def _final_error(
    error: BaseException, policy: RetryPolicy, action: str, failures: int
) -> DownloadError:
    attempts = f"{failures} attempt{'s' if failures > 1 else ''}"
    if _is_timeout(error):
        return DownloadTimeout(
            f"{action} failed: the server did not answer within {policy.timeout:g} seconds "
            f"({attempts}); CALACCESS_HTTP_TIMEOUT sets the limit"
        )
    return DownloadError(f"{action} failed after {attempts}: {request_error_summary(error)}")


def _is_timeout(error: BaseException) -> bool:
    if isinstance(error, requests.Timeout | ReadTimeoutError):
        return True
    # requests reports a read timeout in the middle of a body as a ConnectionError.
    return any(isinstance(arg, ReadTimeoutError) for arg in error.args)
