"""What the server says about the export it offers now: its size, Last-Modified and ETag.

A release is identified by those three headers (and the URL). Two descriptions count as the same
release when sizes and ETags are equal and the Last-Modified dates lie within five minutes of each
other: CDN edges are known to disagree by a few seconds about the date of one file, never about a
new nightly export.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from calaccess_raw.downloading.errors import DownloadError, ReleaseChanged
from calaccess_toolkit.sizes import format_size

LAST_MODIFIED_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class Release:
    """One nightly export as the server describes it."""

    url: str
    size: int
    last_modified: datetime
    etag: str | None

    @classmethod
    def from_headers(cls, url: str, headers: Mapping[str, str]) -> Release:
        """Read a HEAD answer; the size and the date are required to tell releases apart."""
        size = headers.get("Content-Length")
        if size is None or not size.strip().isdigit():
            raise DownloadError(f"{url} did not report the size of the export (Content-Length)")
        return cls(
            url=url,
            size=int(size),
            last_modified=_required_date(url, headers),
            etag=headers.get("ETag"),
        )

    def differences(self, last_modified: datetime | None, etag: str | None) -> list[str]:
        """Why an answer with these headers belongs to another release (empty when it does not)."""
        reasons = []
        if etag and self.etag and etag != self.etag:
            reasons.append(f"ETag {self.etag} became {etag}")
        if last_modified and abs(last_modified - self.last_modified) > LAST_MODIFIED_TOLERANCE:
            before, after = format_date(self.last_modified), format_date(last_modified)
            reasons.append(f"Last-Modified {before} became {after}")
        return reasons

    def is_same_as(self, other: Release) -> bool:
        """True when ``other`` describes this very release (see the module docstring)."""
        return (
            other.url == self.url
            and other.size == self.size
            and not self.differences(other.last_modified, other.etag)
        )

    def check_answer(self, headers: Mapping[str, str]) -> None:
        """Refuse a GET answer whose Last-Modified or ETag says it is not this release."""
        reasons = self.differences(parse_date(headers.get("Last-Modified")), headers.get("ETag"))
        if reasons:
            raise ReleaseChanged(
                f"the export at {self.url} changed during the download ({'; '.join(reasons)}); "
                "run the download again to fetch the new release"
            )

    def to_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "size": self.size,
            "last_modified": self.last_modified.isoformat(),
            "etag": self.etag,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Release:
        return cls(
            url=str(data["url"]),
            size=int(data["size"]),  # type: ignore[arg-type]
            last_modified=datetime.fromisoformat(str(data["last_modified"])),
            etag=None if data.get("etag") is None else str(data["etag"]),
        )

    def describe(self) -> str:
        """One line for users: the release date and its size."""
        return f"release of {format_date(self.last_modified)} ({format_size(self.size)})"


def parse_date(value: str | None) -> datetime | None:
    """An HTTP date as an aware UTC datetime, or None when missing or unreadable."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _required_date(url: str, headers: Mapping[str, str]) -> datetime:
    parsed = parse_date(headers.get("Last-Modified"))
    if parsed is None:
        raise DownloadError(f"{url} did not report the date of the export (Last-Modified)")
    return parsed


def format_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
