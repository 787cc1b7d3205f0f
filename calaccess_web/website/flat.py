"""The *flat* processed files: each form's latest line items with their filing's cover columns.

The relational ZIP keeps one CSV per model, joined by ``filing_id``; most users want one sheet
per schedule. This reads the relational ZIP itself (not the database), so any archived release
can be flattened; the covers of one form are held in memory while its items stream through.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from calaccess_processed import specs

csv.field_size_limit(1 << 30)


def _rows(archive: zipfile.ZipFile, name: str):
    with archive.open(name) as handle:
        yield from csv.reader(io.TextIOWrapper(handle, encoding="utf-8", newline=""))


def write_flat_zip(relational: Path, destination: Path) -> int:
    """Write ``<Item>.csv`` per latest item model, each row prefixed by its filing's cover
    columns (``filing_<column>``); returns the rows written."""
    written = 0
    partial = destination.with_name(destination.name + ".part")
    with (
        zipfile.ZipFile(relational) as source,
        zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        members = set(source.namelist())
        for form in specs.load().forms:
            cover_name = f"{form.filing.latest_name}.csv"
            if cover_name not in members:
                continue
            covers = _rows(source, cover_name)
            cover_header = next(covers)
            key = cover_header.index("filing_id")
            by_filing = {row[key]: row for row in covers}
            blank = [""] * len(cover_header)
            for item in form.items:
                item_name = f"{item.latest_name}.csv"
                if item_name not in members:
                    continue
                items = _rows(source, item_name)
                header = next(items)
                item_key = header.index("filing_id")
                with (
                    target.open(item_name, "w") as raw,
                    io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle,
                ):
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerow([f"filing_{column}" for column in cover_header] + header)
                    for row in items:
                        writer.writerow(by_filing.get(row[item_key], blank) + row)
                        written += 1
    partial.replace(destination)
    return written
