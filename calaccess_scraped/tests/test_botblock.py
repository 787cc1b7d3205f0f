"""Bot-block pages are told apart from every real captured page."""

from __future__ import annotations

from calaccess_scraped.fetching.botblock import block_reason
from calaccess_scraped.tests.website import captured_pages

PAGES = captured_pages()


def test_the_captured_bot_block_page_is_a_block():
    blocked = [page for page in PAGES if block_reason(page.body())]
    assert [(page.kind, page.key) for page in blocked] == [("proposition_committees", 1438975)]
    assert "_Incapsula_Resource" in block_reason(blocked[0].body())
    assert "317 bytes" in block_reason(blocked[0].body())


def test_a_real_page_with_the_firewall_script_injected_is_not_a_block():
    page = next(p for p in PAGES if p.kind == "incumbents" and p.key == 2015)
    assert b"_Incapsula_Resource" in page.body()
    assert block_reason(page.body()) is None


def test_short_pages_without_the_site_frame_are_blocks_only_when_answered_200():
    assert block_reason(b"<html><body>Bad Request</body></html>") is not None
    assert block_reason(b"<html><body>Please wait</body></html>") is not None
    assert block_reason(b"Bad Request", status=400) is None
    assert block_reason(b"not found", status=404) is None
    assert block_reason(b"<script src='/_Incapsula_Resource?x=1'></script>", status=403)
