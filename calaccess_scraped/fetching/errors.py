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


class ServerFailed(FetchError):
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


class SiteBlocked(ToolkitError):
    """The firewall refused page after page: the whole site is blocking this client.

    Not a :class:`FetchError`: it is not one page to skip but the end of the scrape, and of the
    scrape pipeline too (``halts_pipeline``): the next scraper would be refused the same way.
    """

    halts_pipeline = True

    def __init__(self, pages: int, requests: int, last: FetchError) -> None:
        super().__init__(
            f"The website is blocking this client: {pages} pages in a row were answered with a "
            f"bot-block page, so the scrape stopped after {requests} requests (last: "
            f"{last.reason}: {last.url}); try again later or lower CALACCESS_SCRAPER_RATE"
        )
        self.pages = pages
        self.requests = requests
