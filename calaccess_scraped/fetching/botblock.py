"""Telling a firewall's block or challenge page from a real page of the site.

The site sits behind an Incapsula web application firewall. When it distrusts a client it answers,
often with status 200, a page of a few hundred bytes: an empty head, a hidden iframe, a script from
``/_Incapsula_Resource`` and the words "Bad Request" or a challenge. Such a page must never be
parsed as "no data" nor replace a good cached copy.

The firewall also injects its script into real pages, so its marker alone proves nothing. Every real
page carries the site's frame (its title names the California Secretary of State); a page without
that frame is a block page when it is small or shows a firewall or block marker. A large frameless
page without any marker is left to the parsers, which reject it as a changed layout.
"""

from __future__ import annotations

import re

# Real CAL-ACCESS pages are 13 KB and more; block pages are a few hundred bytes.
SMALL_PAGE_BYTES = 4096

_SITE_FRAME = re.compile(rb"California Secretary of State", re.IGNORECASE)
_FIREWALL = re.compile(rb"_Incapsula_Resource|Incapsula incident", re.IGNORECASE)
_BLOCK_WORDS = re.compile(
    rb"Bad Request|Request unsuccessful|Access denied|captcha|challenge|are you a robot"
    rb"|Request Rejected",
    re.IGNORECASE,
)


def block_reason(body: bytes, status: int = 200) -> str | None:
    """Why ``body`` looks like a block page (a short phrase), or None for a page of the site.

    An error answer (``status`` other than 200) counts as a block only with the firewall's own
    marker: a short "Bad Request" or "Not Found" body is normal for a real 400 or 404.
    """
    if _SITE_FRAME.search(body):
        return None
    marker = _FIREWALL.search(body) or (status == 200 and _BLOCK_WORDS.search(body))
    if marker:
        words = marker.group(0).decode("ascii", "replace")
        return f"bot-block page ({words!r}, {len(body)} bytes)"
    if status == 200 and len(body) < SMALL_PAGE_BYTES:
        return f"bot-block page (no CAL-ACCESS content, {len(body)} bytes)"
    return None
