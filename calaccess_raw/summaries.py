"""Roll the per-file counts and times of a release up into its :class:`RawDataVersion`."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Sum

from calaccess_raw.models import RawDataVersion


def summarize_version(version: RawDataVersion) -> RawDataVersion:
    """Fill the release's clean and load counts and stage times from its files (not saved)."""
    files = version.files.all()
    totals = files.aggregate(
        clean_files=Count("clean_finish_datetime"),
        clean_records=Sum("clean_records_count"),
        clean_errors=Sum("error_count"),
        load_files=Count("load_finish_datetime"),
        load_records=Sum("load_records_count"),
        load_errors=Sum("load_error_count"),
        clean_start=Min("clean_start_datetime"),
        clean_finish=Max("clean_finish_datetime"),
        load_start=Min("load_start_datetime"),
        load_finish=Max("load_finish_datetime"),
    )
    version.clean_file_count = totals["clean_files"]
    version.clean_record_count = totals["clean_records"] or 0
    version.error_count = totals["clean_errors"] or 0
    version.load_file_count = totals["load_files"]
    version.load_record_count = totals["load_records"] or 0
    version.load_error_count = totals["load_errors"] or 0
    version.clean_start_datetime = totals["clean_start"]
    version.clean_finish_datetime = totals["clean_finish"]
    version.load_start_datetime = totals["load_start"]
    version.load_finish_datetime = totals["load_finish"]
    return version
