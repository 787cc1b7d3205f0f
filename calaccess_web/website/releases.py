"""A release's downloadable files, gathered from Django's default storage into the build folder.

The raw update (with ``CALACCESS_STORE_ARCHIVE``) keeps the downloaded ZIP, a ZIP of the cleaned
CSVs, a ZIP of the error logs and each table's logs; processing keeps a ZIP of every processed
model (the *relational* files). This module copies them to ``downloads/<release>/`` of the build
folder, adds the *flat* ZIP (:mod:`.flat`), and writes ``files.json`` (size, rows, SHA-256 of
each) last, so a folder without it is a half-finished copy and never linked as ``latest/``.
Release files never change once written, so a folder with its ``files.json`` is not copied again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC
from pathlib import Path

from django.core.files.storage import default_storage

from calaccess_processed.models import ProcessedDataVersion, SkippedRawRow
from calaccess_raw.models import RawDataFile, RawDataVersion
from calaccess_toolkit import conf

from . import flat

MANIFEST = "files.json"
#: Skipped raw rows that are faults of the data (the processed files' errors); rows of forms or
#: summary lines no model takes are outside the processed files' scope, not errors.
ERROR_REASONS = (
    SkippedRawRow.NO_COVER,
    SkippedRawRow.DUPLICATE_COVER,
    SkippedRawRow.DUPLICATE_LINE,
)
CHUNK = 1 << 20


@dataclass(frozen=True)
class ReleaseFile:
    """One downloadable file of a release, as the pages describe it."""

    kind: str
    title: str
    name: str
    size: int
    sha256: str
    row_count: int | None
    error_count: int | None

    @property
    def error_rate(self) -> float | None:
        """Share of the rows that were logged as errors (``None`` when not counted)."""
        if self.row_count is None or self.error_count is None:
            return None
        total = self.row_count + self.error_count
        return self.error_count / total if total else 0.0

    @property
    def error_rate_text(self) -> str:
        rate = self.error_rate
        return "" if rate is None else f"{rate:.3%}"


@dataclass(frozen=True)
class TableErrata:
    """A table with rows its cleaner or loader logged, and the logs' file names."""

    table: str
    row_count: int
    error_count: int
    load_error_count: int
    logs: tuple[str, ...]


@dataclass(frozen=True)
class Release:
    """One raw release, its processing, and its files in the build folder (if gathered)."""

    raw: RawDataVersion
    processed: ProcessedDataVersion | None
    files: tuple[ReleaseFile, ...]
    errata: tuple[TableErrata, ...]

    @property
    def stamp(self) -> str:
        return release_stamp(self.raw)

    @property
    def complete(self) -> bool:
        """Loaded whole, processed to the end, and its files all gathered.

        Processing marks itself finished before its archive step, so with
        ``CALACCESS_STORE_ARCHIVE`` on a release whose processed (and flat) ZIP is missing, the
        archive having failed, is not complete: ``latest/`` keeps the release before it.
        """
        needed = {"raw", "processed", "flat"} if conf.get("CALACCESS_STORE_ARCHIVE") else {"raw"}
        return (
            self.raw.update_completed
            and self.processed is not None
            and self.processed.completed
            and needed <= {file.kind for file in self.files}
        )

    def file(self, kind: str) -> ReleaseFile | None:
        return next((file for file in self.files if file.kind == kind), None)


def release_stamp(version: RawDataVersion) -> str:
    """The release's folder name: its publication time in UTC, ``2017-07-10_08-14-31``."""
    return f"{version.release_datetime.astimezone(UTC):%Y-%m-%d_%H-%M-%S}"


def release_dir(build_dir: Path, version: RawDataVersion) -> Path:
    return build_dir / "downloads" / release_stamp(version)


def processed_version(version: RawDataVersion) -> ProcessedDataVersion | None:
    return ProcessedDataVersion.objects.filter(
        raw_release_datetime=version.release_datetime
    ).first()


def _sources(version: RawDataVersion, processed: ProcessedDataVersion | None) -> list[dict]:
    """What to copy: the stored file, its name in the release folder, title and counts."""
    errors = (version.error_count or 0) + (version.load_error_count or 0)
    sources = [
        dict(
            kind="raw",
            title="The export as the state published it (ZIP of TSV files)",
            field=version.download_zip_archive,
            name="dbwebexport.zip",
            row_count=version.download_record_count,
            error_count=version.error_count,
        ),
        dict(
            kind="clean",
            title="Cleaned CSV files, one per table (ZIP)",
            field=version.clean_zip_archive,
            name="clean.zip",
            row_count=version.clean_record_count,
            error_count=version.error_count,
        ),
        dict(
            kind="errors",
            title="Every error log of the clean and load (ZIP)",
            field=version.error_log_zip_archive,
            name="errors.zip",
            row_count=errors,
            error_count=None,
        ),
    ]
    for file in RawDataFile.objects.filter(version=version).order_by("file_name"):
        for field, suffix, count in (
            (file.error_log_archive, "errors.csv", file.error_count),
            (file.load_error_log_archive, "load-errors.csv", file.load_error_count),
        ):
            sources.append(
                dict(
                    kind="error_log",
                    title=f"{file.file_name}: rows the {suffix.split('-')[0].split('.')[0]}"
                    " step logged",
                    field=field,
                    name=f"errors/{file.file_name}.{suffix}",
                    row_count=count,
                    error_count=None,
                )
            )
    if processed is not None:
        skipped = processed_error_count(processed)
        sources.append(
            dict(
                kind="processed",
                title="Processed filings, relational: one CSV per model (ZIP)",
                field=processed.archive,
                name="processed.zip",
                row_count=processed.row_count,
                error_count=skipped,
            )
        )
    return sources


def processed_error_count(processed: ProcessedDataVersion) -> int:
    """Raw rows processing could not place for a fault of the data (see :data:`ERROR_REASONS`)."""
    return SkippedRawRow.objects.filter(version=processed, reason__in=ERROR_REASONS).count()


def _copy_hashed(source, target: Path) -> tuple[int, str]:
    """Stream ``source`` to ``target`` (via a temporary name); returns its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    partial = target.with_name(target.name + ".part")
    partial.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as reader, partial.open("wb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            writer.write(chunk)
    os.replace(partial, target)
    return size, digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _errata(version: RawDataVersion, files: tuple[ReleaseFile, ...]) -> tuple[TableErrata, ...]:
    names = {file.name for file in files}
    errata = []
    for file in RawDataFile.objects.filter(version=version).order_by("file_name"):
        if not (file.error_count or file.load_error_count):
            continue
        logs = tuple(
            name
            for name in (
                f"errors/{file.file_name}.errors.csv",
                f"errors/{file.file_name}.load-errors.csv",
            )
            if name in names
        )
        errata.append(
            TableErrata(
                file.file_name,
                file.download_records_count or 0,
                file.error_count or 0,
                file.load_error_count or 0,
                logs,
            )
        )
    return tuple(errata)


def read_release(build_dir: Path, version: RawDataVersion) -> Release:
    """The release as gathered so far: its files from ``files.json`` (none before gathering)."""
    manifest = release_dir(build_dir, version) / MANIFEST
    files: tuple[ReleaseFile, ...] = ()
    if manifest.exists():
        files = tuple(
            ReleaseFile(**row) for row in json.loads(manifest.read_text(encoding="utf-8"))
        )
    return Release(version, processed_version(version), files, _errata(version, files))


def gather_release(build_dir: Path, version: RawDataVersion) -> Release:
    """Copy the release's stored files into its folder of the build (once) and describe them."""
    folder = release_dir(build_dir, version)
    processed = processed_version(version)
    manifest = folder / MANIFEST
    if manifest.exists():
        gathered = read_release(build_dir, version)
        waiting = processed is not None and processed.completed and bool(processed.archive)
        if not waiting or gathered.file("processed") is not None:
            return gathered  # whole, or nothing new to gather since
    files = []
    for source in _sources(version, processed):
        field = source.pop("field")
        if not field or not default_storage.exists(field.name):
            continue  # not archived (CALACCESS_STORE_ARCHIVE off when it was loaded)
        size, sha256 = _copy_hashed(default_storage.open(field.name, "rb"), folder / source["name"])
        files.append(ReleaseFile(size=size, sha256=sha256, **source))
    relational = folder / "processed.zip"
    if processed is not None and processed.completed and relational.exists():
        rows = flat.write_flat_zip(relational, folder / "flat.zip")
        path = folder / "flat.zip"
        files.append(
            ReleaseFile(
                kind="flat",
                title="Processed filings, flat: each form's items with their filing's cover (ZIP)",
                name="flat.zip",
                size=path.stat().st_size,
                sha256=file_sha256(path),
                row_count=rows,
                error_count=processed_error_count(processed),
            )
        )
    partial = folder / (MANIFEST + ".part")
    folder.mkdir(parents=True, exist_ok=True)
    partial.write_text(json.dumps([asdict(file) for file in files], indent=2), encoding="utf-8")
    os.replace(partial, manifest)  # written last: the folder is whole from here on
    return read_release(build_dir, version)


def gather_all(build_dir: Path) -> list[Release]:
    """Every finished release, newest first, gathered into the build folder."""
    return [
        gather_release(build_dir, version)
        for version in RawDataVersion.objects.finished().order_by("-release_datetime")
    ]
