"""The HTTP session and the HEAD request that describes the release on offer.

TLS certificates are always verified (requests' default, honouring ``REQUESTS_CA_BUNDLE``), and
compression is refused so byte counts, ranges and sizes all mean bytes of the ZIP itself.
"""

from __future__ import annotations

import requests

from calaccess_raw.downloading.errors import DownloadError
from calaccess_raw.downloading.release import Release
from calaccess_raw.downloading.retry import RetryPolicy, ServerError, with_retries

USER_AGENT = "calaccess-toolkit (+https://github.com/california-civic-data-coalition)"


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    return session


def check_answer_status(response: requests.Response) -> None:
    """Raise ServerError (retried) for 5xx and DownloadError (final) for any other failure."""
    if response.status_code < 400:
        return
    reason = f" {response.reason}" if response.reason else ""
    message = f"HTTP {response.status_code}{reason} from {response.url}"
    if response.status_code >= 500:
        raise ServerError(message)
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
