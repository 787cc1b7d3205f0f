"""Clean a table of the export where the pipeline keeps it (:mod:`calaccess_raw.paths`)."""

from __future__ import annotations

from calaccess_raw import paths, schema

from .cleaner import clean_file
from .errors import EmptySourceFile, UnknownTableName
from .result import CleanResult


def table_name(file_name: str) -> str:
    """The export's table name for a file name: ``rcpt_cd.tsv``, ``RCPT_CD.TSV``, ``RCPT_CD``.

    Only tables of the schema are accepted: the name becomes a path in the data folders, so
    anything else (``../EVIL/X``) is refused before a file is touched.
    """
    name = file_name.strip()
    if name.upper().endswith(".TSV"):
        name = name[: -len(".TSV")]
    name = name.upper()
    if name not in schema.load().table_names:
        raise UnknownTableName(f"{file_name!r} is not a table of the CAL-ACCESS export")
    return name


def clean_table(table: str, *, keep_file: bool = False) -> CleanResult:
    """Clean ``tsv/<TABLE>.TSV`` into ``csv/<TABLE>.csv`` (and ``csv/<TABLE>.errors.csv``).

    The export ships some tables as empty files (no header, no rows). :func:`clean_file` refuses
    those with :class:`EmptySourceFile`; here, in the pipeline, an empty TSV is an empty table
    and becomes an empty CSV, which the loader reads as an empty table.

    The source TSV is deleted after cleaning to save disk space, unless ``keep_file``; after a
    failure it is always kept.
    """
    table = table_name(table)
    source = paths.tsv_path(table)
    destination = paths.csv_path(table)
    try:
        result = clean_file(source, destination, paths.clean_errors_path(table), table=table)
    except EmptySourceFile:
        destination.touch()
        result = CleanResult.of_empty_source(table, source, destination)
    if not keep_file:
        source.unlink()
    return result
