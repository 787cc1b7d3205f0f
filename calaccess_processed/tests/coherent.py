"""The coherent fixture export and its manifest: raw rows that make whole filings."""

from __future__ import annotations

import functools
import json
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from calaccess_toolkit.testing.fixtures import fixture

EXPORT = ("calaccess-export", "coherent-dbwebexport.zip")
MANIFEST = ("calaccess-export", "coherent-dbwebexport.zip.json")


def export_bytes() -> bytes:
    return fixture(*EXPORT).read_bytes()


@functools.cache
def manifest() -> dict[str, Any]:
    return json.loads(fixture(*MANIFEST).read_text(encoding="utf-8"))


def expected() -> dict[str, Any]:
    return manifest()["expected"]


def money(value: object) -> Decimal:
    """A sum as two-place decimal (SQLite may hand back floats)."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def tsv_rows(table: str) -> Iterator[dict[str, str]]:
    """The rows of one table of the coherent export, straight from the ZIP (for cross-checks)."""
    with zipfile.ZipFile(fixture(*EXPORT)) as archive:
        name = next(n for n in archive.namelist() if n.upper().endswith(f"/{table}.TSV"))
        text = archive.read(name).decode("utf-8", errors="replace")
    lines = text.split("\r\n")
    header = lines[0].split("\t")
    for line in lines[1:]:
        values = line.split("\t")
        if len(values) == len(header):
            yield dict(zip(header, values, strict=True))
