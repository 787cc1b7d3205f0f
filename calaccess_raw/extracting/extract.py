"""Extract every table of the export ZIP, flat, into the TSV folder.

Members are streamed (never held in memory) into a staging folder beside the TSVs; only when every
member has been read to its end with a correct CRC and size do they replace the previous files, each
by an atomic rename. A damaged archive therefore leaves the previous release's files as they were.
(In a normal update the cleaner has already removed the previous TSVs, so staging costs no extra
disk; only a re-extraction over kept files briefly holds both copies.)
TSVs of tables the new release no longer has are removed, so no stale table is loaded later.
A ``.TSV`` member whose table the schema does not know (the state added a table) is not
extracted: it is reported in :attr:`ExtractResult.unknown`, and the known tables go on.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from calaccess_raw import paths, schema
from calaccess_raw.extracting.errors import CorruptArchive, ExtractError, NotAnExport
from calaccess_raw.extracting.members import TableMember, table_members
from calaccess_toolkit.reporting import ProgressCallback, no_progress

CHUNK_SIZE = 1024 * 1024
STAGING_FOLDER = ".extracting"


@dataclass(frozen=True)
class ExtractedFile:
    """One extracted table."""

    table: str
    member: str  # its path inside the ZIP
    path: Path
    size: int  # bytes
    lines: int  # physical lines, header included (records may span lines; the cleaner counts them)

    @property
    def records(self) -> int:
        """Lines after the header: the record count as the file came from the state."""
        return max(self.lines - 1, 0)


@dataclass(frozen=True)
class ExtractResult:
    """What an extraction produced, for the tracking models and the user."""

    files: list[ExtractedFile]
    removed: list[Path]  # stale TSVs of tables the release no longer has
    unknown: list[str]  # members holding a table the schema does not know, not extracted
    started: datetime
    finished: datetime

    @property
    def total_size(self) -> int:
        return sum(extracted.size for extracted in self.files)

    @property
    def total_records(self) -> int:
        return sum(extracted.records for extracted in self.files)


def extract_tables(
    archive_path: Path,
    destination: Callable[[str], Path] = paths.tsv_path,
    on_progress: ProgressCallback | None = None,
) -> ExtractResult:
    """Extract every ``.TSV`` of ``archive_path`` to ``destination(TABLE)``.

    ``on_progress`` receives the number of uncompressed bytes written after each chunk.
    """
    started = datetime.now(UTC)
    report = on_progress or no_progress
    archive = _open(archive_path)
    with archive:
        members, unknown = _known_members(archive)
        folder = destination(members[0].table).parent
        staging = folder / STAGING_FOLDER
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            staged = [_extract_member(archive, member, staging, report) for member in members]
            files = [_put_in_place(extracted, destination) for extracted in staged]
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    removed = _remove_stale(folder, {extracted.path for extracted in files})
    return ExtractResult(files, removed, unknown, started, datetime.now(UTC))


def tables_size(archive_path: Path) -> int:
    """Uncompressed bytes of every known table in the archive (the total of a progress bar)."""
    with _open(archive_path) as archive:
        return sum(member.info.file_size for member in _known_members(archive)[0])


def _known_members(archive: zipfile.ZipFile) -> tuple[list[TableMember], list[str]]:
    """The members holding tables of the schema, and the names of the others."""
    known = schema.load().table_names
    members = table_members(archive)
    unknown = [member.info.filename for member in members if member.table not in known]
    members = [member for member in members if member.table in known]
    if not members:
        raise NotAnExport(
            f"the archive holds no table of the CAL-ACCESS schema (only {', '.join(unknown)})"
        )
    return members, unknown


def _open(archive_path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(archive_path)
    except FileNotFoundError as error:
        raise ExtractError(f"no export to extract at {archive_path}; download it first") from error
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise CorruptArchive(f"{archive_path} is not a readable ZIP archive ({error})") from error


def _extract_member(
    archive: zipfile.ZipFile, member: TableMember, staging: Path, report: ProgressCallback
) -> ExtractedFile:
    target = staging / f"{member.table}.TSV"
    size = lines = 0
    last = b"\n"
    try:
        with archive.open(member.info) as source, open(target, "wb") as output:
            while chunk := source.read(CHUNK_SIZE):
                output.write(chunk)
                size += len(chunk)
                lines += chunk.count(b"\n")
                last = chunk[-1:]
                report(len(chunk))
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as error:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
        raise CorruptArchive(f"cannot extract {member.info.filename}: {error}") from error
    if size != member.info.file_size:
        raise CorruptArchive(
            f"{member.info.filename} gave {size:,} bytes; "
            f"the archive says {member.info.file_size:,}"
        )
    if last != b"\n":
        lines += 1  # a last line without a line end
    return ExtractedFile(member.table, member.info.filename, target, size, lines)


def _put_in_place(staged: ExtractedFile, destination: Callable[[str], Path]) -> ExtractedFile:
    final = destination(staged.table)
    os.replace(staged.path, final)
    return dataclasses.replace(staged, path=final)


def _remove_stale(folder: Path, kept: set[Path]) -> list[Path]:
    stale = [path for path in sorted(folder.glob("*.TSV")) if path not in kept]
    for path in stale:
        path.unlink()
    return stale
