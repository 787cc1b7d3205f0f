"""The HEAD request that describes the release on offer, and what an answer's status means.

The session is the toolkit's (:func:`calaccess_toolkit.http.make_session`): TLS certificates
verified, compression refused so byte counts, ranges and sizes all mean bytes of the ZIP itself.
"""

from __future__ import annotations

import requests

from calaccess_raw.downloading.errors import DownloadError
from calaccess_raw.downloading.release import Release
from calaccess_raw.downloading.retry import RetryPolicy, TransientServerError, with_retries
from calaccess_toolkit.http import make_session


def check_answer_status(response: requests.Response) -> None:
    """Raise TransientServerError (retried) for 5xx and DownloadError (final) for the rest."""
    if response.status_code < 400:
        return
    reason = f" {response.reason}" if response.reason else ""
    message = f"HTTP {response.status_code}{reason} from {response.url}"
    if response.status_code >= 500:
        raise TransientServerError(message)
    raise DownloadError(message)


def check_release(url: str, policy: RetryPolicy | None = None) -> Release:
    """Ask the server (HEAD) which release it offers: size, Last-Modified and ETag."""
    policy = policy or RetryPolicy.from_settings()
    session = make_session()

    def head() -> Release:
        response = session.head(url, timeout=policy.timeout, allow_redirects=True)
        check_answer_status(response)
        return Release.from_headers(url, response.headers)

    return with_retries(head, policy, f"Checking {url}")
