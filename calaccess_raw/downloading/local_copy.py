"""The files a download keeps on disk, and the rules that keep a good copy good.

Beside the ZIP (``dbwebexport.zip``) live:

- ``dbwebexport.zip.json``: the release the ZIP holds, written when a download completes. A ZIP
  counts as complete for a release only when this record matches it and the size is right.
- ``dbwebexport.zip.part``: the download in progress. Bytes are only ever appended to it.
- ``dbwebexport.zip.part.json``: the release the ``.part`` belongs to. A later run resumes the
  ``.part`` only when the server still offers that release; otherwise it starts again.

The ZIP itself is only ever replaced by a validated ``.part`` through an atomic rename, so a failed
or bad download never damages the previous good copy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from calaccess_raw.downloading.release import Release


class LocalCopy:
    """The ZIP at ``path`` and its companions."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.release_record = self._beside(".json")
        self.part = self._beside(".part")
        self.part_record = self._beside(".part.json")

    def _beside(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def complete_release(self) -> Release | None:
        """The release the ZIP holds, if the ZIP is there and recorded."""
        if not self.path.is_file():
            return None
        return _read_release(self.release_record)

    def is_complete(self, release: Release) -> bool:
        """True when the ZIP on disk is the whole of ``release``."""
        held = self.complete_release()
        return (
            held is not None
            and held.is_same_as(release)
            and self.path.stat().st_size == release.size
        )

    def partial_size(self) -> int:
        return self.part.stat().st_size if self.part.is_file() else 0

    def resumable_bytes(self, release: Release) -> int | None:
        """Bytes of ``release`` already in the ``.part``; None when the ``.part`` must be discarded
        (it belongs to another release, or is longer than this one); 0 when there is none."""
        if not self.part.exists():
            return 0
        recorded = _read_release(self.part_record)
        size = self.partial_size()
        if recorded is None or not recorded.is_same_as(release) or size > release.size:
            return None
        return size

    def start_partial(self, release: Release) -> tuple[int, bool]:
        """Prepare the ``.part`` for ``release``.

        Returns the bytes to resume from and whether a ``.part`` of another release was discarded.
        """
        resumable = self.resumable_bytes(release)
        if resumable is None:
            self.discard_partial()
        _write_json(self.part_record, release.to_json())
        self.part.touch()
        return resumable or 0, resumable is None

    def restart_partial(self) -> None:
        """Empty the ``.part`` but keep its release record (the server ignored a Range request)."""
        self.part.write_bytes(b"")

    def discard_partial(self) -> None:
        self.part.unlink(missing_ok=True)
        self.part_record.unlink(missing_ok=True)

    def promote(self, release: Release) -> None:
        """Replace the ZIP with the finished ``.part`` in one atomic rename, then record it."""
        with open(self.part, "rb+") as handle:
            os.fsync(handle.fileno())
        self.release_record.unlink(missing_ok=True)
        os.replace(self.part, self.path)
        timestamp = release.last_modified.timestamp()
        os.utime(self.path, (timestamp, timestamp))
        _write_json(self.release_record, release.to_json())
        self.part_record.unlink(missing_ok=True)

    def remove(self) -> None:
        """Delete the ZIP and its record (after extraction, to save disk)."""
        self.path.unlink(missing_ok=True)
        self.release_record.unlink(missing_ok=True)


def _read_release(path: Path) -> Release | None:
    try:
        return Release.from_json(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_json(path: Path, data: dict[str, object]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2))
    os.replace(temporary, path)
