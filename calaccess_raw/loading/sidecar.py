"""The fingerprint a load streamed, kept next to its CSV for the verification.

When a load types the rows in Python (every load on SQLite and MySQL, PostgreSQL's typed path),
the helper sums them up as it streams them (:mod:`.fingerprint`); where PostgreSQL types the file
itself (COPY of the file as it is, or with its flags rewritten), a helper sums up the file's rows
alongside the COPY. The loader saves that fingerprint as ``<TABLE>.fingerprint.json`` beside the
CSV, with the CSV's size and modification time. Verifying then needs only the database's
aggregate queries. A saved fingerprint counts only for the very file it was made from (same size,
same modification time, same columns); for any other file verifying types the CSV instead.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .fingerprint import CHUNK_ROWS, ColumnPrint, Fingerprint

#: The fingerprint's make-up (with the runs of its text digests): a sidecar of another, an
#: earlier version's, does not count.
FORMAT = f"3/{CHUNK_ROWS}"


def sidecar_path(csv_path: Path) -> Path:
    return csv_path.with_name(f"{csv_path.stem}.fingerprint.json")


def forget(csv_path: Path) -> None:
    """Remove the fingerprint kept for ``csv_path`` (with the CSV, or when a load typed nothing)."""
    sidecar_path(csv_path).unlink(missing_ok=True)


def save(csv_path: Path, fingerprint: Fingerprint | None) -> None:
    """Keep ``fingerprint`` as that of ``csv_path``; None removes an earlier one."""
    path = sidecar_path(csv_path)
    if fingerprint is None:
        forget(csv_path)
        return
    status = csv_path.stat()
    document = {
        "format": FORMAT,
        "size": status.st_size,
        "modified_ns": status.st_mtime_ns,
        "rows": fingerprint.rows,
        "columns": [asdict(column) for column in fingerprint.columns],
    }
    path.write_text(json.dumps(document), encoding="utf-8")


def saved(csv_path: Path, columns: tuple[str, ...]) -> Fingerprint | None:
    """The fingerprint saved for ``csv_path`` as it is now, in ``columns``; else None."""
    try:
        document = json.loads(sidecar_path(csv_path).read_text(encoding="utf-8"))
        status = csv_path.stat()
    except (OSError, ValueError):
        return None
    if document.get("format") != FORMAT:
        return None
    prints = tuple(ColumnPrint(**column) for column in document["columns"])
    if (document["size"], document["modified_ns"]) != (status.st_size, status.st_mtime_ns) or tuple(
        column.column for column in prints
    ) != columns:
        return None
    return Fingerprint(document["rows"], prints)
