"""Which members of the export ZIP are tables, and whether the archive is safe to read.

The export keeps its tables at ``CalAccess/DATA/<TABLE>.TSV``, but the folder has moved between
releases, so any member whose name ends in ``.tsv`` (any case) is a table named by its file name.
Every member is checked, not only the tables: an archive with an absolute path, a ``..`` step or a
symbolic link anywhere was not made by the Secretary of State's export job and is refused whole.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from calaccess_raw.extracting.errors import NotAnExport, UnsafeMember


@dataclass(frozen=True)
class TableMember:
    """One ``.TSV`` member and the table it holds."""

    table: str  # upper case, as in the schema: ``RCPT_CD``
    info: zipfile.ZipInfo


def table_members(archive: zipfile.ZipFile) -> list[TableMember]:
    """The tables in ``archive``, after checking that every member is safe."""
    tables: dict[str, TableMember] = {}
    for info in archive.infolist():
        check_safe(info)
        name = PurePosixPath(info.filename.replace("\\", "/")).name
        if info.is_dir() or not name.lower().endswith(".tsv"):
            continue
        table = name[: -len(".tsv")].upper()
        if table in tables:
            raise NotAnExport(
                f"two members hold table {table}: {tables[table].info.filename} and {info.filename}"
            )
        tables[table] = TableMember(table, info)
    if not tables:
        raise NotAnExport("the archive holds no .TSV files; is it a CAL-ACCESS export?")
    return sorted(tables.values(), key=lambda member: member.table)


def check_safe(info: zipfile.ZipInfo) -> None:
    """Refuse absolute paths, drive letters, ``..`` steps and symbolic links."""
    name = info.filename
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(name).drive:
        raise UnsafeMember(f"the archive holds a member with an absolute path: {name!r}")
    if ".." in posix.parts:
        raise UnsafeMember(f"the archive holds a member that climbs out of its folder: {name!r}")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeMember(f"the archive holds a symbolic link: {name!r}")
