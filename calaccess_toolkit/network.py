"""One line for a failed HTTP request, shared by the downloader and the scraper.

requests wraps urllib3's errors, which wrap the socket's, and each layer's message repeats the
connection object (``HTTPSConnection(host='…', port=443): …``). Users need the innermost cause:
``Failed to resolve 'cal-access.sos.ca.gov' ([Errno -2] Name or service not known)`` or
``Failed to establish a new connection: [Errno 111] Connection refused``.
"""

from __future__ import annotations

import re

from urllib3.exceptions import MaxRetryError

_CONNECTION_PREFIX = re.compile(r"^\w*Connection(?:Pool)?\([^)]*\):\s*")


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
