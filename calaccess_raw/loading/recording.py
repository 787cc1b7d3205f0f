"""Record a table's load on the latest release's :class:`RawDataFile`, when a release is tracked."""

from __future__ import annotations

from datetime import datetime

from calaccess_raw.models import RawDataFile, RawDataVersion

from .base import LoadResult


def tracked_file(table: str) -> RawDataFile | None:
    """The latest release's row for ``table`` (created if missing); None if no release is known."""
    version = RawDataVersion.objects.order_by("-release_datetime").first()
    if version is None:
        return None
    raw_file, _ = RawDataFile.objects.get_or_create(version=version, file_name=table)
    return raw_file


def record_load_start(raw_file: RawDataFile, started: datetime) -> None:
    """Mark the load as started and not finished, so a crash reads as "not done"."""
    raw_file.load_start_datetime = started
    raw_file.load_finish_datetime = None
    raw_file.save(update_fields=["load_start_datetime", "load_finish_datetime"])


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
