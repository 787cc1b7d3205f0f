"""The loader's error log: one CSV row per value it could not store as written.

Columns ``file,line,column,value,reason``: ``line`` is the CSV line on which the row ends (the
header is line 1), ``column`` the export's column name (empty for a whole row), ``value`` the
text as found. The file is only created when there is something to log, and a clean load removes
the log of an earlier one, so an existing log always belongs to the latest load.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

HEADER = ("file", "line", "column", "value", "reason")


class ErrorLog:
    """Collects load errors of one file, writing them to ``path`` (or only counting them)."""

    def __init__(self, path: Path | None, file_name: str) -> None:
        self.path = path
        self.file_name = file_name
        self.count = 0
        self._handle: IO[str] | None = None
        self._writer = None
        if path is not None:
            path.unlink(missing_ok=True)

    def add(self, line: int, column: str, value: str, reason: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "w", newline="", encoding="utf-8")
            self._writer = csv.writer(self._handle, lineterminator="\n")
            self._writer.writerow(HEADER)
        self._writer.writerow((self.file_name, line, column, value, reason))

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    @property
    def written(self) -> Path | None:
        """The log file, if anything was logged to one."""
        return self.path if self.count and self.path is not None else None

    def __enter__(self) -> ErrorLog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
