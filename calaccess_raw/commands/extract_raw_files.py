"""The ``extract_raw_files`` step: unpack the export's tables (logic in :mod:`extracting`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from calaccess_raw import paths
from calaccess_raw.downloading import LocalCopy
from calaccess_raw.downloading.recording import record_release
from calaccess_raw.epochs import RAW_RELEASE
from calaccess_raw.extracting import extract_tables
from calaccess_raw.extracting.extract import tables_size
from calaccess_raw.extracting.recording import record_extract_finish
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class ExtractRawFiles(BasicCommand):
    """Extract every table (.TSV) of the downloaded export into the TSV folder.

    The ZIP is deleted afterwards to save disk (the full export is about 1 GB), unless
    `--keep-files`. Deleting it never affects resuming: a partial download lives in its own
    `.part` file. Keeping it makes running the download again for the same release free; with
    `CALACCESS_STORE_ARCHIVE` the download step has already archived it.
    """

    dependencies = [Dependency("download_raw_data", since=RAW_RELEASE)]

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--keep-files",
            action="store_true",
            help="Keep the downloaded ZIP after extracting it.",
        )

    def run(self) -> dict[str, Any]:
        local = LocalCopy(paths.zip_path())
        total = tables_size(local.path)  # also refuses a missing or unreadable ZIP at once
        release = local.complete_release()
        version = record_release(release) if release else None
        if version is None:
            self.say(f"{local.path} was not downloaded by this toolkit; tracking is skipped.")
        else:
            version.mark_started("extract", timezone.now())
        with self.progress(total=total, desc="Extracting", unit="B", unit_scale=True) as bar:
            result = extract_tables(local.path, on_progress=bar.update)
        if version is not None:
            record_extract_finish(version, result)
        self.say(
            f"Extracted {len(result.files)} files ({result.total_size:,} bytes) "
            f"to {paths.tsv_dir()}."
        )
        for stale in result.removed:
            self.say(f"Removed {stale.name}: this release has no such table.")
        if not self.options["keep_files"]:
            local.remove()
            self.say(f"Deleted {local.path} (keep it with --keep-files).")
        return {
            "files": [
                {"table": f.table, "size": f.size, "records": f.records} for f in result.files
            ],
            "total_size": result.total_size,
            "removed": [stale.name for stale in result.removed],
            "kept_zip": bool(self.options["keep_files"]),
        }
