"""Record a table's load on the latest release's :class:`RawDataFile`, when a release is tracked."""

from __future__ import annotations

from datetime import datetime

from calaccess_raw.models import RawDataFile

from .base import LoadResult


def record_load_finish(raw_file: RawDataFile, result: LoadResult, finished: datetime) -> None:
    """Store the loader's counts; the finish time is written with them."""
    raw_file.load_records_count = result.rows
    raw_file.load_columns_count = result.columns
    raw_file.load_error_count = result.errors
    raw_file.load_finish_datetime = finished
    raw_file.save(
        update_fields=[
            "load_records_count",
            "load_columns_count",
            "load_error_count",
            "load_finish_datetime",
        ]
    )
