"""Why a page could not be fetched, one class per cause, each with a one-line message."""

from calaccess_toolkit.errors import ToolkitError


class FetchError(ToolkitError):
    """A page of the website could not be fetched; nothing was stored for it."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{message}: {url}")
        self.url = url
        self.reason = message


class ClientError(FetchError):
    """The server answered 4xx: the request itself is wrong, so it is not retried."""

    def __init__(self, url: str, status: int, reason: str = "") -> None:
        super().__init__(url, f"HTTP {status} {reason}".strip())
        self.status = status


class ServerError(FetchError):
    """The server kept answering 5xx (or 429) on every attempt."""

    def __init__(self, url: str, status: int, reason: str = "", attempts: int = 1) -> None:
        answer = f"HTTP {status} {reason}".strip()
        super().__init__(url, f"{answer} after {attempts} attempts")
        self.status = status


class FetchTimeout(FetchError):
    """The server did not answer within ``CALACCESS_HTTP_TIMEOUT`` seconds on any attempt."""


class ConnectionFailed(FetchError):
    """No connection could be made (or it broke) on any attempt."""


class BotBlocked(FetchError):
    """The site's firewall answered with a block or challenge page instead of the page."""


class NotCached(FetchError):
    """``--cache-only`` was asked for and this page has never been downloaded."""
