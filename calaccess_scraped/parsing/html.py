"""Decoding, tree building, text and link helpers shared by the page parsers.

CAL-ACCESS pages declare ``windows-1252`` but are served as UTF-8, so the declared charset is
ignored: the bytes are decoded by the toolkit's one lossless rule
(:func:`calaccess_toolkit.text.decode_text`: UTF-8, else windows-1252 with no byte lost). Text is
normalised the way a browser renders it: runs of whitespace (including the non-breaking spaces the
site indents with and the line breaks of its source) become one space, and surrounding whitespace
is dropped.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from calaccess_toolkit.text import decode_text

_WHITESPACE = re.compile(r"[\s\u00a0]+")
_PLACEHOLDER_ORIGIN = "http://calaccess.invalid"


def decode(body: bytes) -> str:
    """The page's text: UTF-8 (what the server really sends), else lossless windows-1252."""
    return decode_text(body)


def parse(body: bytes) -> BeautifulSoup:
    """The document tree of a page, built by lxml from the correctly decoded text."""
    return BeautifulSoup(decode(body), "lxml")


def text(node: Tag | None) -> str:
    """The visible text of a node with whitespace collapsed and stripped ('' for no node)."""
    if node is None:
        return ""
    return clean(node.get_text(" "))


def clean(value: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WHITESPACE.sub(" ", value).strip()


def site_path(href: str, page_path: str) -> str:
    """The path and query of a link on the site, resolved against the page it appears on.

    Works the same for relative links (``Detail.aspx?id=1``), root-relative links and the absolute
    links of browser-saved pages (``https://cal-access.sos.ca.gov/...``): the host is dropped, so
    URLs built from it can never carry the host twice.
    """
    parts = urlsplit(urljoin(_PLACEHOLDER_ORIGIN + page_path, href.strip()))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def query_value(href: str, name: str) -> str | None:
    """One query parameter of a link, matched case-insensitively (``electNav``, ``ID``…)."""
    for key, values in parse_qs(urlsplit(href.strip()).query).items():
        if key.lower() == name.lower() and values:
            return values[0]
    return None


def query_int(href: str, name: str) -> int | None:
    """A numeric query parameter of a link, or None when absent or not a number."""
    value = query_value(href, name)
    return int(value) if value is not None and value.strip().isdigit() else None


def is_selected(link: Tag) -> bool:
    """Whether a navigation link shows the site's 'selected' bullet (``selected.gif``)."""
    image = link.find("img")
    source = image.get("src", "") if image else ""
    return bool(re.search(r"(^|[/\\])selected(\(\d+\))?\.gif$", source))


def label_after(link: Tag) -> str:
    """The label the site prints right after a navigation bullet link (the next ``span``)."""
    return text(link.find_next_sibling("span"))
