"""What the downloader and the scraper share about HTTP: how to retry, and one line per failure.

**Retries**: ``CALACCESS_HTTP_RETRIES`` retries after the first attempt, ``CALACCESS_HTTP_TIMEOUT``
seconds for the server to answer, and an exponential backoff between attempts.

**Failures**: requests wraps urllib3's errors, which wrap the socket's, and each layer's message
repeats the connection object (``HTTPSConnection(host='…', port=443): …``). Users need the
innermost cause:
``Failed to resolve 'cal-access.sos.ca.gov' ([Errno -2] Name or service not known)`` or
``Failed to establish a new connection: [Errno 111] Connection refused``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from urllib3.exceptions import MaxRetryError

from calaccess_toolkit import conf

# Seconds before the first retry; each further retry waits twice as long. Tests shorten it.
BACKOFF_SECONDS = 2.0
BACKOFF_LIMIT_SECONDS = 60.0

_CONNECTION_PREFIX = re.compile(r"^\w*Connection(?:Pool)?\([^)]*\):\s*")


@dataclass(frozen=True)
class RetryPolicy:
    """How often to retry, how long to wait for the server, and how long to back off."""

    retries: int
    timeout: float
    backoff: float

    @classmethod
    def from_settings(cls) -> RetryPolicy:
        return cls(
            retries=int(conf.get("CALACCESS_HTTP_RETRIES")),
            timeout=float(conf.get("CALACCESS_HTTP_TIMEOUT")),
            backoff=BACKOFF_SECONDS,
        )

    def delay(self, failures: int) -> float:
        """Seconds to wait after the given number of consecutive failures."""
        return min(self.backoff * 2 ** (failures - 1), BACKOFF_LIMIT_SECONDS)


def request_error_summary(error: BaseException) -> str:
    """The innermost useful message of a failed request, on one line."""
    reason = error
    while True:
        if isinstance(reason, MaxRetryError) and reason.reason is not None:
            reason = reason.reason
        elif reason.args and isinstance(reason.args[0], BaseException):
            reason = reason.args[0]
        else:
            break
    text = reason.args[0] if reason.args and isinstance(reason.args[0], str) else str(reason)
    text = _CONNECTION_PREFIX.sub("", " ".join(text.split()))
    return text or type(reason).__name__
