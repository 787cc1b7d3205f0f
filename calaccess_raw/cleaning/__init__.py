"""The streaming cleaner: one tab-separated file of the export into one clean CSV.

``clean_table("RCPT_CD")`` reads ``<data>/tsv/RCPT_CD.TSV`` and writes ``<data>/csv/RCPT_CD.csv``
in the format of :data:`CSV_DIALECT`, logging the lines it cannot repair to
``<data>/csv/RCPT_CD.errors.csv`` (columns :data:`ERRORS_HEADER`). It returns a
:class:`CleanResult` whose counts account for every line of the source.

What is done to the data, and why, is documented where it is done: decoding in
:mod:`.decoding`, repairs and logging in :mod:`.records` (values split by tabs in :mod:`.tabs`),
the fast path in :mod:`.plain`.
"""

from .cleaner import clean_file
from .dialect import CSV_DIALECT, CSV_ENCODING, ERRORS_HEADER
from .errors import (
    CleaningError,
    CountsDoNotReconcile,
    EmptySourceFile,
    LineTooLong,
    MalformedHeader,
    MissingHeader,
    SourceFileMissing,
    UnknownTableName,
    UnreadableSourceFile,
)
from .result import CleanResult
from .tables import clean_table, table_name

__all__ = [
    "CSV_DIALECT",
    "CSV_ENCODING",
    "ERRORS_HEADER",
    "CleanResult",
    "CleaningError",
    "CountsDoNotReconcile",
    "EmptySourceFile",
    "LineTooLong",
    "MalformedHeader",
    "MissingHeader",
    "SourceFileMissing",
    "UnknownTableName",
    "UnreadableSourceFile",
    "clean_file",
    "clean_table",
    "table_name",
]
