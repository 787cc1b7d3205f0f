"""The ``archive_processed_data`` step: every processed model's CSV and their manifest."""

from __future__ import annotations

from calaccess_processed.archiving import archive_dir, archive_release
from calaccess_processed.releases import current_version
from calaccess_raw.epochs import RAW_RELEASE
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class ArchiveProcessedData(BasicCommand):
    """Write every processed model to CSV with a manifest (rows, SHA-256); with
    CALACCESS_STORE_ARCHIVE, keep their ZIP in Django's default storage."""

    dependencies = [Dependency("load_filings", {}, since=RAW_RELEASE)]

    def run(self) -> int:
        files = archive_release(current_version())
        self.say(f"Wrote {len(files)} CSV files and manifest.json to {archive_dir()}.")
        return len(files)
