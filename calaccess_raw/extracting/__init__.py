"""Extract the tables of the export ZIP: every ``.TSV``, flat, streamed, checked, atomically placed.

:func:`extract_tables` takes the ZIP's path and returns an :class:`ExtractResult` (names, sizes and
line counts); the ``extract_raw_files`` command only shows progress, records the result and deletes
the ZIP unless asked to keep it.
"""

from calaccess_raw.extracting.errors import CorruptArchive, ExtractError, NotAnExport, UnsafeMember
from calaccess_raw.extracting.extract import ExtractedFile, ExtractResult, extract_tables
from calaccess_raw.extracting.members import TableMember, table_members

__all__ = [
    "CorruptArchive",
    "ExtractError",
    "ExtractResult",
    "ExtractedFile",
    "NotAnExport",
    "TableMember",
    "UnsafeMember",
    "extract_tables",
    "table_members",
]
