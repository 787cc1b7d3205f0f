"""Finding every election or session a list links to, starting from the site's entry page.

The entry page (a list without ``electNav``/``session``) shows the newest list, whose navigation
may be collapsed: recent choices plus an expander ("Prior Elections", "Historical") that points at
an older page listing the rest. The expanders are followed until no page adds a new one. The entry
page must load (without it nothing can be scraped); an expander page that fails is recorded and the
choices found elsewhere are still scraped.
"""

from __future__ import annotations

from collections.abc import Callable

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.parsing.navigation import NavEntry, Navigation
from calaccess_scraped.scraping.recorder import ScrapeRecorder


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


def discover(
    client: WebsiteClient,
    entry_url: str,
    read: Callable[[bytes, str], Navigation],
    url_for: Callable[[int], str],
    recorder: ScrapeRecorder,
) -> NavigationWalk:
    """Every choice reachable from ``entry_url`` through expanders; entry-page errors propagate."""
    walk = NavigationWalk()
    navigation = read(client.get(entry_url).body, entry_url)
    walk.add(navigation)
    pending = list(navigation.expanders)
    expanded: set[int] = set()
    while pending:
        key = pending.pop(0)
        if key in expanded:
            continue
        expanded.add(key)
        url = url_for(key)
        try:
            page = client.get(url)
        except FetchError as error:
            recorder.failed(url, error)
            continue
        navigation = read(page.body, url)
        walk.add(navigation)
        pending.extend(navigation.expanders)
    return walk
