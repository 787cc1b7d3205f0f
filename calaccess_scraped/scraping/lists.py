"""Reading every list of one kind (an election's candidates, a session's incumbents or measures).

The scrape starts at the site's entry page (a list without ``electNav``/``session``), which shows
the newest list. Its navigation may be collapsed: recent choices plus an expander ("Prior
Elections", "Historical") that points at an older page listing the rest. The expanders are
followed until no page adds a new one, then every choice's list is read in navigation order; a
choice first named by one of those lists is read after the others. The entry page must load
(without it nothing can be scraped); an expander or list page that fails is recorded and the
other pages are still read. Every list page named is noted in the crawl's coverage, and an
expander that failed other than with a 4xx answer makes it incomplete (see ``--flush`` in
:mod:`.crawl`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from calaccess_scraped.fetching.errors import ClientError, FetchError
from calaccess_scraped.parsing.navigation import NavEntry, Navigation
from calaccess_scraped.scraping.crawl import Crawl
from calaccess_scraped.scraping.rows import Source
from calaccess_scraped.scraping.urls import site_url


@dataclass(frozen=True)
class ListPages:
    """One kind of list: where the site starts it, how to reach and read each of its pages.

    ``read(body, url, key)`` parses the list of choice ``key`` into an object whose
    ``navigation`` names further choices; ``contents`` and ``choices`` name what is listed and
    what the navigation chooses between, for the progress messages.
    """

    entry_path: str
    url: Callable[[str, int], str]
    navigation: Callable[[bytes, str], Navigation]
    read: Callable[[bytes, str, int], Any]
    contents: str
    choices: str


@dataclass(frozen=True)
class Listed:
    """A list page that was read: its choice, its position among the choices, where it came from."""

    entry: NavEntry
    order: int
    source: Source


class NavigationWalk:
    """The choices found so far, in the order first seen, and a way to add more."""

    def __init__(self) -> None:
        self.entries: dict[int, NavEntry] = {}

    def add(self, navigation: Navigation) -> list[NavEntry]:
        """Add a page's choices; return those not seen before."""
        new = [entry for entry in navigation.entries if entry.key not in self.entries]
        for entry in new:
            self.entries[entry.key] = entry
        return new


def discover(crawl: Crawl, lists: ListPages) -> NavigationWalk:
    """Every choice reachable from the entry page through expanders."""
    navigation, _ = crawl.read(site_url(crawl.base_url, lists.entry_path), lists.navigation)
    walk = NavigationWalk()
    walk.add(navigation)
    pending = list(navigation.expanders)
    expanded: set[int] = set()
    while pending:
        key = pending.pop(0)
        if key in expanded:
            continue
        expanded.add(key)
        url = lists.url(crawl.base_url, key)
        try:
            navigation, _ = crawl.read(url, lists.navigation)
        except FetchError as error:
            crawl.recorder.failed(url, error)
            # A page the site says is not there (4xx) lists nothing; any other failure hides
            # choices the site may still list.
            crawl.coverage.complete &= isinstance(error, ClientError)
            continue
        walk.add(navigation)
        pending.extend(navigation.expanders)
    return walk


def crawl_lists(crawl: Crawl, lists: ListPages) -> Iterator[tuple[Listed, Any]]:
    """Each list page that could be read, with what ``lists.read`` made of it."""
    walk = discover(crawl, lists)
    entries = list(walk.entries.values())
    crawl.reporter.say(f"Scraping the {lists.contents} of {len(entries)} {lists.choices}")
    progress = crawl.reporter.progress(
        entries, total=len(entries), desc=lists.choices.capitalize(), unit="pages"
    )
    for order, entry in enumerate(progress):
        url = lists.url(crawl.base_url, entry.key)
        crawl.coverage.listed.add(url)
        read = crawl.read_or_skip(url, lists.read, entry.key)
        if read is None:
            continue
        parsed, source = read
        entries.extend(walk.add(parsed.navigation))
        yield Listed(entry, order, source), parsed
