"""Helpers for the load, verify and total tests: real cleaned CSVs and small hand-made ones."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from calaccess_raw import paths
from calaccess_toolkit.testing.fixtures import fixture

#: How the databases other than PostgreSQL load every file: typed by the helper as they read it.
HELPER_METHODS = {"sqlite": "insert-select", "mysql": "load-data"}


def reference_zip() -> zipfile.ZipFile:
    return zipfile.ZipFile(fixture("calaccess-export", "reference-cleaned.zip"))


def reference_tables() -> list[str]:
    """Tables the reference cleaner wrote a CSV for (76: the four empty ones have none)."""
    with reference_zip() as archive:
        return sorted(
            name[: -len(".csv")].upper()
            for name in archive.namelist()
            if name.endswith(".csv") and not name.endswith(".errors.csv")
        )


def reference_csv(table: str, destination: Path | None = None) -> Path:
    """Copy the reference cleaner's CSV of ``table`` to ``destination`` (default: csv_path)."""
    destination = destination or paths.csv_path(table)
    with reference_zip() as archive:
        destination.write_bytes(archive.read(f"{table.lower()}.csv"))
    return destination


def reference_rows(table: str) -> list[dict[str, str]]:
    with reference_zip() as archive, archive.open(f"{table.lower()}.csv") as handle:
        text = handle.read().decode("utf-8")
    return list(csv.DictReader(text.splitlines(keepends=True)))


def reference_cells(table: str) -> tuple[list[str], list[list[str]]]:
    """The reference CSV of ``table`` as its header and a list of rows of values, to edit."""
    rows = reference_rows(table)
    header = list(rows[0])
    return header, [[row[column] for column in header] for row in rows]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """Write a CSV the way the cleaner does (default dialect, ``\\n`` line ends)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def error_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
