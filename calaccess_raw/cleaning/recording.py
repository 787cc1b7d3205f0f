"""Record a table's cleaning on the latest release's :class:`RawDataFile`."""

from __future__ import annotations

from datetime import datetime

from calaccess_raw.models import RawDataFile

from .result import CleanResult


def record_clean_finish(raw_file: RawDataFile, result: CleanResult, finished: datetime) -> None:
    """Store the cleaner's counts; the finish time is written last, with them."""
    raw_file.clean_records_count = result.clean_rows
    raw_file.clean_columns_count = result.header_fields
    raw_file.clean_file_size = result.csv_size
    raw_file.error_count = result.logged_errors
    raw_file.blank_line_count = result.blank_lines
    raw_file.repaired_records_count = result.repaired_records
    raw_file.repaired_lines_count = result.repaired_lines
    raw_file.repaired_tab_records_count = result.repaired_tab_records
    raw_file.clean_finish_datetime = finished
    raw_file.save(
        update_fields=[
            "clean_records_count",
            "clean_columns_count",
            "clean_file_size",
            "error_count",
            "blank_line_count",
            "repaired_records_count",
            "repaired_lines_count",
            "repaired_tab_records_count",
            "clean_finish_datetime",
        ]
    )
