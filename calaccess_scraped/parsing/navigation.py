"""The bullet navigation the site prints above every list: one link and label per election/session.

The site renders each choice as a link around a bullet image (``selected.gif`` for the current
one) followed by a ``span`` with its label. Some entries are not choices but expanders ("Prior
Elections", "Historical") that point at an older page whose navigation lists the older choices;
they are kept apart so the scraper can follow them without mistaking them for an election.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bs4 import BeautifulSoup

from calaccess_scraped.parsing.errors import LayoutChanged
from calaccess_scraped.parsing.html import is_selected, label_after, parse, query_int, site_path

SESSION_LABEL = re.compile(r"^(\d{4}) through (\d{4})$")


@dataclass(frozen=True)
class NavEntry:
    """One bullet of a navigation: the number it links to, its label and whether it is current."""

    key: int
    label: str
    selected: bool


@dataclass(frozen=True)
class Navigation:
    """The choices of a navigation in page order, and the numbers its expanders point at."""

    entries: tuple[NavEntry, ...]
    expanders: tuple[int, ...]


def is_session_label(label: str) -> bool:
    """Whether a label names a two-year session ("2019 through 2020")."""
    return SESSION_LABEL.match(label) is not None


def _any_link(_href: str) -> bool:
    return True


@dataclass(frozen=True)
class NavigationStyle:
    """How one kind of list links its choices, and what to call the navigation when it is missing.

    The bullet links go to ``path`` (the list's own page) with the numeric query parameter
    ``param``; ``is_choice`` tells a real choice from an expander by its label, and ``required``
    filters links on their href (e.g. ``view=incumbent``). Every list has at least one choice, so
    a page without any has changed layout.
    """

    path: str
    param: str
    is_choice: Callable[[str], bool]
    missing: str
    required: Callable[[str], bool] = _any_link

    def parse(self, body: bytes, page: str) -> Navigation:
        """The navigation of a page's bytes."""
        return self.read(parse(body), page)

    def read(self, soup: BeautifulSoup, page: str) -> Navigation:
        """The navigation of an already parsed page."""
        entries: list[NavEntry] = []
        expanders: list[int] = []
        seen: set[tuple[int, str]] = set()
        for link in soup.find_all("a", href=True):
            href = link["href"]
            if link.find("img") is None or "#" in href or not self.required(href):
                continue
            if site_path(href, self.path).split("?")[0].lower() != self.path.lower():
                continue
            key = query_int(href, self.param)
            if key is None:
                continue
            label = label_after(link)
            if not self.is_choice(label):
                expanders.append(key)
                continue
            if (key, label) in seen:
                continue
            seen.add((key, label))
            entries.append(NavEntry(key=key, label=label, selected=is_selected(link)))
        if not entries:
            raise LayoutChanged(page, self.missing)
        return Navigation(entries=tuple(entries), expanders=tuple(dict.fromkeys(expanders)))
