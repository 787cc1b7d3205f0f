"""Serving the real captured pages of the CAL-ACCESS website at their real paths.

``manifest.tsv`` of the shared fixtures gives each page's original URL; every page is served at
that URL's path and query. The site's entry pages (the lists without ``electNav``/``session``) were
not captured, and on the live site they show the newest list, so the newest captured page of each
kind is also served at its entry path. Like a real server, each page has an ``ETag`` of its own
that changes with its body (:func:`serve_page`), so conditional GETs see edits.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from calaccess_scraped.scraping.urls import CANDIDATES_ENTRY, INCUMBENTS_ENTRY, MEASURES_ENTRY
from calaccess_toolkit.testing.fixtures import fixture
from calaccess_toolkit.testing.httpserver import LocalHTTPServer, Resource

WEBSITE = "calaccess-website"
HTML_TYPE = "text/html; charset=utf-8"

# The newest capture of each list, served where the live site shows the newest list.
ENTRY_PAGES = {
    CANDIDATES_ENTRY: "html/candidates/195.html",
    INCUMBENTS_ENTRY: "html/incumbents/2025.html",
    MEASURES_ENTRY: "html/propositions/2023.html",
}


@dataclass(frozen=True)
class CapturedPage:
    """One captured page: its kind, its id (election, session or measure), file and real path."""

    kind: str
    key: int
    file: Path
    path: str
    capture: str

    def body(self) -> bytes:
        return self.file.read_bytes()

    def expected(self) -> dict:
        """The reference scraper's rows for this page."""
        return json.loads(fixture(WEBSITE, "expected", self.kind, f"{self.key}.json").read_text())


def captured_pages(kind: str | None = None) -> list[CapturedPage]:
    """Every captured page of the manifest (of one kind, if given)."""
    pages = []
    with fixture(WEBSITE, "manifest.tsv").open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            if not row["file"].startswith("html/"):
                continue
            _, page_kind, name = row["file"].split("/")
            if kind and page_kind != kind:
                continue
            source = urlsplit(row["source_url"])
            pages.append(
                CapturedPage(
                    kind=page_kind,
                    key=int(name.removesuffix(".html")),
                    file=fixture(WEBSITE, row["file"]),
                    path=f"{source.path}?{source.query}",
                    capture=row["capture"],
                )
            )
    return pages


def serve_page(server: LocalHTTPServer, path: str, body: bytes) -> Resource:
    """Serve (or replace) one page, with an ETag drawn from its body."""
    etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
    return server.add(path, body, content_type=HTML_TYPE, etag=etag)


def serve_website(server: LocalHTTPServer) -> list[CapturedPage]:
    """Serve every captured page at its real path, and the entry pages; return the pages."""
    pages = captured_pages()
    for page in pages:
        serve_page(server, page.path, page.body())
    for path, file in ENTRY_PAGES.items():
        serve_page(server, path, fixture(WEBSITE, file).read_bytes())
    return pages
