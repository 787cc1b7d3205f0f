"""The per-file report of a release: what each stage counted, and what share of rows survived."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from calaccess_raw.models import RawDataFile, RawDataVersion

COLUMNS = (
    "file_name",
    "download_records",
    "download_columns",
    "clean_records",
    "clean_columns",
    "clean_errors",
    "blank_lines",
    "repaired_records",
    "repaired_lines",
    "repaired_tab_records",
    "load_records",
    "load_columns",
    "load_errors",
    "clean_share",
    "load_share",
)


def _share(part: int | None, whole: int | None) -> str:
    """``part / whole`` as a percentage with two decimals; ``100.00`` when ``whole`` is 0 (nothing
    to lose), empty when either count is unknown."""
    if whole == 0:
        return "100.00"
    if part is None or whole is None:
        return ""
    return f"{100 * part / whole:.2f}"


def report_rows(version: RawDataVersion) -> Iterator[dict[str, object]]:
    """One row per file of the release, in file-name order."""
    files: list[RawDataFile] = list(version.files.order_by("file_name"))
    for file in files:
        yield {
            "file_name": file.file_name,
            "download_records": file.download_records_count,
            "download_columns": file.download_columns_count,
            "clean_records": file.clean_records_count,
            "clean_columns": file.clean_columns_count,
            "clean_errors": file.error_count,
            "blank_lines": file.blank_line_count,
            "repaired_records": file.repaired_records_count,
            "repaired_lines": file.repaired_lines_count,
            "repaired_tab_records": file.repaired_tab_records_count,
            "load_records": file.load_records_count,
            "load_columns": file.load_columns_count,
            "load_errors": file.load_error_count,
            "clean_share": _share(file.clean_records_count, file.download_records_count),
            "load_share": _share(file.load_records_count, file.clean_records_count),
        }


def write_report(version: RawDataVersion, path: Path) -> int:
    """Write the report as CSV; returns the number of file rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in report_rows(version):
            writer.writerow(row)
            count += 1
    return count
