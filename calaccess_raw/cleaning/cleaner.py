"""Clean one tab-separated file of the export into a CSV, streaming, in constant memory.

The file is read in blocks of whole lines (:mod:`.blocks`). A block whose lines are all plain
records goes through the fast path (:mod:`.plain`). Any other block is halved until its plain
parts can take the fast path; the odd lines left go one by one through the general rules: CR and
NUL bytes dropped, per-field decoding (:mod:`.decoding`), repair or logging of lines with the
wrong field count (:mod:`.records`, :mod:`.tabs`). Both paths write the same bytes for the same
line.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import BinaryIO

from calaccess_raw.values.lines import BLOCK_SIZE, ends_lines_with_cr, iter_line_blocks
from calaccess_toolkit.text import decode_fields, decode_line

from .dialect import CSV_DIALECT, CSV_ENCODING, ERRORS_HEADER, row_formatter
from .errors import (
    CountsDoNotReconcile,
    EmptySourceFile,
    MalformedHeader,
    MissingHeader,
    SourceFileMissing,
    UnreadableSourceFile,
)
from .plain import plain_record_lines, plain_records_as_csv
from .records import RecordAssembler
from .result import CleanResult
from .tabs import TabRepair

#: Blocks with an odd line are halved until they are this small, then cleaned line by line.
LINE_BY_LINE_BYTES = 1 << 12

#: Bytes read to tell the file's line ends by its header line.
HEADER_BYTES = 1 << 16

_BYTE_ORDER_MARK = "\ufeff"


def clean_file(
    source: Path,
    destination: Path,
    errors_destination: Path,
    *,
    table: str | None = None,
    block_size: int = BLOCK_SIZE,
) -> CleanResult:
    """Clean the TSV ``source`` into the CSV ``destination``; log unrepairable lines.

    Outputs of an earlier run are removed first and the new ones are written under ``.part``
    names, renamed only once complete and reconciled, so a failed run never leaves a CSV that
    looks finished. The error log is only written when some line is logged.
    """
    table = table or source.stem.upper()
    for stale in (destination, errors_destination):
        stale.unlink(missing_ok=True)
    source_size = _readable_size(source)
    if source_size == 0:
        raise EmptySourceFile(f"{source.name} is empty: no header and no rows")
    partial = destination.with_name(destination.name + ".part")
    errors_partial = errors_destination.with_name(errors_destination.name + ".part")
    try:
        with source.open("rb") as stream, partial.open("wb") as out:
            cleaner = _TableCleaner(source.name, table, out, errors_partial)
            try:
                cleaner.run(stream, block_size)
            finally:
                cleaner.close_error_log()
        result = CleanResult(
            table=table,
            source_path=source,
            csv_path=destination,
            errors_path=errors_destination if cleaner.error_log_opened else None,
            source_size=source_size,
            csv_size=partial.stat().st_size,
            errors_size=errors_partial.stat().st_size if cleaner.error_log_opened else 0,
            **cleaner.counts(),
        )
        if not result.reconciles:
            raise CountsDoNotReconcile(
                f"{source.name}: {result.source_lines} lines read but {result.accounted_lines} "
                "accounted for"
            )
        partial.replace(destination)
        if cleaner.error_log_opened:
            errors_partial.replace(errors_destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        errors_partial.unlink(missing_ok=True)
        raise
    return result


def _readable_size(source: Path) -> int:
    try:
        with source.open("rb"):
            return source.stat().st_size
    except FileNotFoundError:
        raise SourceFileMissing(f"{source} does not exist; extract the export first") from None
    except OSError as error:
        raise UnreadableSourceFile(f"cannot read {source}: {error.strerror}") from None


class _TableCleaner:
    """The state of one cleaning run: header, counters, outputs and the record assembler."""

    def __init__(self, source_name: str, table: str, out: BinaryIO, errors_partial: Path) -> None:
        self.source_name = source_name
        self.table = table
        self.out = out
        self.errors_partial = errors_partial
        self.format_row = row_formatter()
        self.expected = 0
        self.assembler: RecordAssembler | None = None
        self.line_number = 0
        self.header_blank_lines = 0
        self.plain_rows = 0
        self.dropped_nul_bytes = 0
        self._error_file = None
        self._error_writer = None

    def run(self, stream: BinaryIO, block_size: int) -> None:
        cr_line_ends = ends_lines_with_cr(stream.read(HEADER_BYTES))
        stream.seek(0)
        for block in iter_line_blocks(stream, block_size, cr_line_ends=cr_line_ends):
            if self.assembler is None:
                block = self._take_header(block)
            if block:
                self._take_block(block)
        if self.assembler is None:
            raise MissingHeader(f"{self.source_name} has only blank lines, no header row")
        self.assembler.finish()

    def counts(self) -> dict[str, int]:
        """The line and row counts of :class:`CleanResult`, once :meth:`run` has finished."""
        assembler = self.assembler
        return {
            "source_lines": self.line_number,
            "header_lines": 1,
            "header_fields": self.expected,
            "clean_rows": self.plain_rows + assembler.rows,
            "repaired_records": assembler.repaired_records,
            "repaired_lines": assembler.repaired_lines,
            "repaired_tab_records": assembler.repaired_tab_records,
            "logged_errors": assembler.logged_errors,
            "blank_lines": self.header_blank_lines + assembler.blank_lines,
            "dropped_nul_bytes": self.dropped_nul_bytes,
        }

    # -- header --------------------------------------------------------------------------------

    def _take_header(self, block: bytes) -> bytes:
        """Consume leading blank lines and the header line; return the rest of the block."""
        start = 0
        while (end := block.find(b"\n", start)) != -1:
            self.line_number += 1
            line = self._scrub(block[start:end])
            start = end + 1
            if line:
                self._set_header(decode_fields(line))
                return block[start:]
            self.header_blank_lines += 1
        return b""

    def _set_header(self, names: list[str]) -> None:
        names[0] = names[0].removeprefix(_BYTE_ORDER_MARK)
        seen: set[str] = set()
        for position, name in enumerate(names, start=1):
            if not name.strip():
                raise MalformedHeader(f"{self.source_name}: header column {position} has no name")
            if name in seen:
                raise MalformedHeader(f"{self.source_name}: header column {name} appears twice")
            seen.add(name)
        self.expected = len(names)
        self.assembler = RecordAssembler(
            self.expected,
            self._write_fields,
            self._log_error,
            repair_split_values=TabRepair(self.table, names),
        )
        self._write_fields(names)

    # -- records -------------------------------------------------------------------------------

    def _take_block(self, block: bytes) -> None:
        """Clean a block of whole lines: fast if all plain, else halve it around the odd lines.

        Halving keeps the few odd lines of a big block from sending all its plain lines down the
        line-by-line path; blocks below :data:`LINE_BY_LINE_BYTES` are not worth halving.
        """
        lines = plain_record_lines(block, self.expected) if self.assembler.idle else 0
        if lines:
            self.out.write(plain_records_as_csv(block))
            self.line_number += lines
            self.plain_rows += lines
            return
        middle = block.rfind(b"\n", 0, len(block) // 2) + 1
        if len(block) > LINE_BY_LINE_BYTES and middle:
            self._take_block(block[:middle])
            self._take_block(block[middle:])
            return
        for raw in block.split(b"\n")[:-1]:
            self.line_number += 1
            self.assembler.feed(self.line_number, self._scrub(raw))

    def _scrub(self, raw: bytes) -> bytes:
        """Remove one line's CR bytes (of CRLF, or stray) and its NULs, counting the NULs."""
        if b"\r" in raw:
            raw = raw.replace(b"\r", b"")
        if b"\x00" in raw:
            self.dropped_nul_bytes += raw.count(b"\x00")
            raw = raw.replace(b"\x00", b"")
        return raw

    # -- output --------------------------------------------------------------------------------

    @property
    def error_log_opened(self) -> bool:
        """Whether some line was logged, so the error log was written."""
        return self._error_file is not None

    def _write_fields(self, fields: list[str]) -> None:
        self.out.write(self.format_row(fields).encode(CSV_ENCODING))

    def _log_error(self, line_number: int, fields: int, line: bytes) -> None:
        if self._error_writer is None:
            self._error_file = self.errors_partial.open("w", encoding=CSV_ENCODING, newline="")
            self._error_writer = csv.writer(self._error_file, dialect=CSV_DIALECT)
            self._error_writer.writerow(ERRORS_HEADER)
        self._error_writer.writerow([line_number, self.expected, fields, decode_line(line)])

    def close_error_log(self) -> None:
        if self._error_file is not None:
            self._error_file.close()
