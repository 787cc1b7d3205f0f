"""Record an extraction in the tracking models: the release's counts and one row per table."""

from __future__ import annotations

from calaccess_raw.extracting.extract import ExtractResult
from calaccess_raw.models import RawDataFile, RawDataVersion


def record_extract_finish(version: RawDataVersion, result: ExtractResult) -> None:
    """Counts per release and per table; the record count is lines after each file's header."""
    for extracted in result.files:
        RawDataFile.objects.update_or_create(
            version=version,
            file_name=extracted.table,
            defaults={
                "download_file_size": extracted.size,
                "download_records_count": extracted.records,
            },
        )
    version.download_file_count = len(result.files)
    version.download_record_count = result.total_records
    version.extract_finish_datetime = result.finished
    version.save(
        update_fields=["download_file_count", "download_record_count", "extract_finish_datetime"]
    )
