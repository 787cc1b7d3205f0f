"""Raw responses of the website kept on disk under ``<CALACCESS_DATA_DIR>/.scraper_cache/``.

One page is two files side by side: the body exactly as received (``.html``) and a small JSON
record of where and when it came from, the SHA-256 of the body, and the validators the server gave
with it (``ETag``, ``Last-Modified``), which a later run sends back in a conditional GET to learn
whether the page changed (see :mod:`.client`). File names are readable (host, path, query) with a
short hash of the full URL so two URLs never share a file. Files are written to a temporary name
and renamed, so a crash never leaves half a page in the cache.

A copy older than :data:`MAX_AGE` is downloaded again whatever its validators say, so a server
whose validators do not change with the page cannot hide a change for longer than that.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from calaccess_toolkit import conf

CACHE_FOLDER = ".scraper_cache"
#: How long a cached copy may be kept on its validators alone before it is downloaded again.
MAX_AGE = timedelta(days=7)
_UNSAFE = re.compile(r"[^A-Za-z0-9._=&-]+")


@dataclass(frozen=True)
class Validators:
    """What the server said identifies this version of a page (HTTP's cache validators)."""

    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> Validators:
        return cls(etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"))

    def conditional_headers(self) -> dict[str, str]:
        """The headers of a GET that the server may answer ``304 Not Modified``."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class CachedPage:
    """A page body from the cache and what was known about it when it was downloaded."""

    url: str
    body: bytes
    validators: Validators
    sha256: str | None
    fetched_at: datetime

    def can_be_validated(self, now: datetime, max_age: timedelta = MAX_AGE) -> bool:
        """Whether a conditional GET may keep this copy: the server gave validators, the copy
        is not older than ``max_age`` and its body is the one that was downloaded."""
        return (
            bool(self.validators.conditional_headers())
            and now - self.fetched_at <= max_age
            and self.sha256 == body_hash(self.body)
        )


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
            validators=Validators(record.get("etag"), record.get("last_modified")),
            sha256=record.get("sha256"),
            fetched_at=datetime.fromisoformat(record["fetched_at"]),
        )

    def write(self, url: str, body: bytes, validators: Validators, fetched_at: datetime) -> None:
        """Store a good page, replacing any older copy atomically."""
        body_path = self.path_for(url)
        body_path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "url": url,
            "etag": validators.etag,
            "last_modified": validators.last_modified,
            "sha256": body_hash(body),
            "fetched_at": fetched_at.isoformat(),
            "bytes": len(body),
        }
        _replace(body_path, body)
        _replace(body_path.with_suffix(".json"), json.dumps(record, indent=1).encode("utf-8"))


def body_hash(body: bytes) -> str:
    """The SHA-256 of a body: proves a cached body is the one downloaded, whole."""
    return hashlib.sha256(body).hexdigest()


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
