"""The ``extract_raw_files`` step: unpack the export's tables (logic in :mod:`extracting`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from calaccess_raw import paths
from calaccess_raw.downloading import LocalCopy
from calaccess_raw.downloading.recording import record_release
from calaccess_raw.epochs import RAW_RELEASE
from calaccess_raw.extracting import extract_tables
from calaccess_raw.extracting.errors import CorruptArchive
from calaccess_raw.extracting.extract import tables_size
from calaccess_raw.extracting.recording import record_extract_finish
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


@contextlib.contextmanager
def discarded_when_damaged(local: LocalCopy) -> Iterator[None]:
    """Delete a ZIP found damaged (a byte changed in transit passes the download's checks), so
    the next run downloads it again instead of extracting the same bad copy."""
    try:
        yield
    except CorruptArchive as error:
        local.remove()
        raise CorruptArchive(f"{error}; the download was deleted, run again to fetch it") from error


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
        with discarded_when_damaged(local):
            total = tables_size(local.path)  # also refuses a missing or unreadable ZIP at once
        release = local.complete_release()
        version = record_release(release) if release else None
        if version is None:
            self.say(f"{local.path} was not downloaded by this toolkit; tracking is skipped.")
        else:
            version.mark_started("extract", timezone.now())
        with self.progress(total=total, desc="Extracting", unit="B", unit_scale=True) as bar:
            with discarded_when_damaged(local):
                result = extract_tables(local.path, on_progress=bar.update)
        if version is not None:
            record_extract_finish(version, result)
        self.say(
            f"Extracted {len(result.files)} files ({result.total_size:,} bytes) "
            f"to {paths.tsv_dir()}."
        )
        for member in result.unknown:
            self.logger.warning("skipped unknown table %s", member)
            self.say(f"Skipped {member}: the schema has no such table (not loaded).")
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
            "unknown": result.unknown,
            "kept_zip": bool(self.options["keep_files"]),
        }
