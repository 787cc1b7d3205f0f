"""Each captured page parsed once per test session, however many tests read it.

Parsing is what the scraper tests spend their time on (a candidate list takes a few hundred
milliseconds), and they read the same captured pages again and again: the parser tests check
every page, and the scrape tests read them all on a first run, a cached re-run, ``--cache-only``,
``--force-download``, ``--flush``… The parsers are pure functions of a page's bytes (the page's
URL only names it in error messages), so a result is kept per parser, body and further arguments
and handed out again. A body that differs (a bot-block page, a page without its tables) is parsed
for real, and a parse that fails is never kept, so every failure is raised afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_RESULTS: dict[tuple, Any] = {}


def parse_once(parser: Callable[..., T], body: bytes, page: str, *args: Any) -> T:
    """``parser(body, page, *args)``, computed the first time only."""
    key = (parser, body, args)
    if key not in _RESULTS:
        _RESULTS[key] = parser(body, page, *args)
    return _RESULTS[key]
