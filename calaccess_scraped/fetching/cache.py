"""Raw responses of the website kept on disk under ``<CALACCESS_DATA_DIR>/.scraper_cache/``.

One page is two files side by side: the body exactly as received (``.html``) and a small JSON
record of where and when it came from and the ``Content-Length`` the server announced, which is
what a later run compares to decide whether to download the page again. File names are readable
(host, path, query) with a short hash of the full URL so two URLs never share a file. Files are
written to a temporary name and renamed, so a crash never leaves half a page in the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from calaccess_toolkit import conf

CACHE_FOLDER = ".scraper_cache"
_UNSAFE = re.compile(r"[^A-Za-z0-9._=&-]+")


@dataclass(frozen=True)
class CachedPage:
    """A page body from the cache and what was known about it when it was downloaded."""

    url: str
    body: bytes
    content_length: str | None
    fetched_at: datetime


class PageCache:
    """A folder of downloaded pages, keyed by URL."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def from_settings(cls) -> PageCache:
        return cls(Path(conf.get("CALACCESS_DATA_DIR")) / CACHE_FOLDER)

    def path_for(self, url: str) -> Path:
        """Where the body of ``url`` is (or would be) stored."""
        parts = urlsplit(url)
        folders = [_safe(parts.netloc)] + [_safe(p) for p in parts.path.split("/") if p]
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
        return self.root.joinpath(*folders, f"{_safe(parts.query) or 'index'}.{digest}.html")

    def read(self, url: str) -> CachedPage | None:
        """The cached copy of ``url``, or None if there is none (or only half of one)."""
        body_path = self.path_for(url)
        record_path = body_path.with_suffix(".json")
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (FileNotFoundError, ValueError):
            return None
        return CachedPage(
            url=url,
            body=body,
            content_length=record.get("content_length"),
            fetched_at=datetime.fromisoformat(record["fetched_at"]),
        )

    def write(
        self, url: str, body: bytes, content_length: str | None, fetched_at: datetime
    ) -> None:
        """Store a good page, replacing any older copy atomically."""
        body_path = self.path_for(url)
        body_path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "url": url,
            "content_length": content_length,
            "fetched_at": fetched_at.isoformat(),
            "bytes": len(body),
        }
        _replace(body_path, body)
        _replace(body_path.with_suffix(".json"), json.dumps(record, indent=1).encode("utf-8"))


def _safe(part: str) -> str:
    return _UNSAFE.sub("_", part)[:120]


def _replace(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
