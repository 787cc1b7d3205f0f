"""Read a cleaned CSV: check its header against the table, then stream its rows typed.

The cleaned CSV is UTF-8, Python's default CSV dialect, header row first with the export's column
names (in any order). An empty file (the export ships some tables as empty files) is an empty
table. Errors are handled per value, never per table:

- a value that breaks its column's rule (:mod:`calaccess_raw.values.rules`) is logged and stored
  empty; the rest of the row loads;
- a row with the wrong number of fields cannot be assigned to columns safely: it is logged whole
  (column empty, value = the row's fields joined by tabs) and skipped, and counted in
  ``skipped_rows``;
- NUL characters (which PostgreSQL cannot store in text) are taken out of their line, and the
  line is logged.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from calaccess_raw.cleaning.dialect import csv_reader
from calaccess_raw.schema import Field, Table
from calaccess_raw.values.rules import BadValue, converter

from .columns import column_typer
from .errorlog import ErrorLog
from .errors import CleanFileMissing, HeaderMismatch, NotUTF8
from .fingerprint import Fingerprint, TableSums

#: Column index of errors that concern a whole row (sorts before the row's value errors).
WHOLE_ROW = -1


def read_header(path: Path, table: Table) -> tuple[Field, ...]:
    """The table's fields in the CSV's column order; checked before any database work."""
    if not path.is_file():
        raise CleanFileMissing(f"{path}: no cleaned file to load into {table.name}")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            header = next(csv_reader(handle), [])
    except UnicodeDecodeError as error:
        raise NotUTF8(f"{path.name}: header is not UTF-8 ({error.reason})") from None
    if not header:
        return ()
    known = set(table.columns)
    seen: set[str] = set()
    for column in header:
        if column not in known:
            raise HeaderMismatch(f"{path.name}: column {column!r} is not a column of {table.name}")
        if column in seen:
            raise HeaderMismatch(f"{path.name}: column {column} appears twice in the header")
        seen.add(column)
    for column in table.columns:
        if column not in seen:
            raise HeaderMismatch(f"{path.name}: column {column} of {table.name} is missing")
    return tuple(table.field(column) for column in header)


@dataclass(frozen=True)
class Tally:
    """What an iteration of :class:`TypedRows` counted, to hand from one process to another."""

    rows: int
    skipped_rows: int
    errors: int
    #: Of the rows as written, where the writer summed them up (:mod:`.fingerprint`).
    fingerprint: Fingerprint | None = None


class TypedRows:
    """Iterate the typed rows of a cleaned CSV (tuples in header order), logging what fails.

    Rows are typed a batch at a time, column by column: a column batch spelled the plain way is
    checked and passed on in C (:mod:`calaccess_raw.loading.columns`); any other is typed value by
    value (:mod:`calaccess_raw.values.rules`). Errors are logged in line order either way.
    After iteration, ``rows`` counts the rows yielded and ``skipped_rows`` those dropped; errors
    are counted by the log.
    """

    batch_size = 1000

    def __init__(self, path: Path, fields: tuple[Field, ...], log: ErrorLog) -> None:
        self.path = path
        self.fields = fields
        self.log = log
        self.rows = 0
        self.skipped_rows = 0
        self.fingerprint: Fingerprint | None = None
        self._lines_read = 0
        self._batch_lines: list[int] = []
        self._pending: list[tuple[int, int, str, str]] = []  # row errors, logged with the batch's
        self._converters = [
            (index, column_typer(field), converter(field))
            for index, field in enumerate(fields)
            if not field.is_text
        ]
        self._text_limits = [
            (index, field.db_max_length) for index, field in enumerate(fields) if field.is_text
        ]

    def line_of(self, row_number: int) -> int:
        """The CSV line on which a row of the latest batch ends (rows numbered from 1)."""
        return self._batch_lines[row_number - (self.rows - len(self._batch_lines)) - 1]

    def tally(self) -> Tally:
        return Tally(self.rows, self.skipped_rows, self.log.count)

    def adopt(self, tally: Tally) -> None:
        """Take over the counts of an iteration done elsewhere (a helper process)."""
        self.rows, self.skipped_rows, self.log.count = tally.rows, tally.skipped_rows, tally.errors
        self.fingerprint = tally.fingerprint

    def write_csv(self, out: TextIO, **csv_format: Any) -> Fingerprint:
        """Write the typed rows to ``out`` with :func:`csv.writer` (NULL as an empty value);
        their fingerprint, for verifying the load without reading the file again."""
        writer = csv.writer(out, **csv_format)
        sums = TableSums(self.fields)
        for columns in self.column_batches():
            writer.writerows(zip(*columns, strict=True))
            sums.add(columns)
        return sums.fingerprint()

    def _has_nul(self) -> bool:
        """Whether the file holds a NUL byte (a fast pass that spares clean files the filter)."""
        with open(self.path, "rb") as handle:
            while chunk := handle.read(1 << 22):
                if b"\x00" in chunk:
                    return True
        return False

    def _lines(self, handle) -> Iterator[str]:
        """The file's lines, NUL characters taken out (and logged) before CSV parsing."""
        for line in handle:
            self._lines_read += 1
            if "\x00" in line:
                self._pending.append(
                    (self._lines_read, WHOLE_ROW, line.rstrip("\n"), "NUL character removed")
                )
                line = line.replace("\x00", "")
            yield line

    def __iter__(self) -> Iterator[tuple]:
        with contextlib.closing(self.batches()) as batches:  # a closed iteration closes the file
            for batch in batches:
                yield from batch

    def batches(self) -> Iterator[list[tuple]]:
        """The typed rows a batch at a time: a consumer taking them whole
        (``csv.writer.writerows``) iterates in C, without a Python frame per row."""
        for columns in self.column_batches():
            yield list(zip(*columns, strict=True))

    def column_batches(self) -> Iterator[list[Sequence[object]]]:
        """The typed rows a batch at a time, as one sequence per column (in header order): what
        sums up a column (:mod:`.fingerprint`) takes them so, without turning them into rows
        and back. Each batch is read in C, every row paired with the line it ends on; only a
        batch holding a row of the wrong width is looked at row by row."""
        width = len(self.fields)
        with open(self.path, newline="", encoding="utf-8-sig") as handle:
            reader = csv_reader(self._lines(handle) if self._has_nul() else handle)
            ending_line = map(operator.attrgetter("line_num"), itertools.repeat(reader))
            # zip reads the row, then the reader's line; the line map never ends on its own
            numbered = zip(reader, ending_line, strict=False)
            try:
                next(reader, None)
                while chunk := list(itertools.islice(numbered, self.batch_size)):
                    batch, lines = map(list, zip(*chunk, strict=True))
                    if set(map(len, batch)) != {width}:
                        batch, lines = self._skip_wrong_widths(batch, lines, width)
                    if batch:
                        yield self._typed(batch, lines)
            except UnicodeDecodeError as error:
                raise NotUTF8(
                    f"{self.path.name}: not UTF-8 after line {reader.line_num} ({error.reason})"
                ) from None
        self._log_sorted([])

    def _skip_wrong_widths(
        self, batch: list[list[str]], lines: list[int], width: int
    ) -> tuple[list[list[str]], list[int]]:
        """Keep the rows of the header's width; log the others (to go out with the batch's)."""
        kept_rows, kept_lines = [], []
        for row, line in zip(batch, lines, strict=True):
            if len(row) == width:
                kept_rows.append(row)
                kept_lines.append(line)
                continue
            self.skipped_rows += 1
            self._pending.append(
                (
                    line,
                    WHOLE_ROW,
                    "\t".join(row),
                    f"expected {width} fields, found {len(row)}; row skipped",
                )
            )
        return kept_rows, kept_lines

    def _typed(self, batch: list[list[str]], lines: list[int]) -> list[Sequence[object]]:
        """The batch's columns, typed; errors logged."""
        columns: list[Sequence[object]] = list(zip(*batch, strict=True))
        errors: list[tuple[int, int, str, str]] = []  # position in batch, column, value, reason
        for index, limit in self._text_limits:
            column = columns[index]
            if max(map(len, column)) > limit:  # type: ignore[arg-type]
                columns[index] = self._blank_overlong(column, index, limit, errors)
        for index, fast, convert in self._converters:
            typed = fast(columns[index]) if fast is not None else None
            if typed is None:
                typed = self._one_by_one(columns[index], index, convert, errors)
            columns[index] = typed
        self._log_sorted([(lines[position], *details) for position, *details in errors])
        self.rows += len(batch)
        self._batch_lines = lines
        return columns

    def _log_sorted(self, errors: list[tuple[int, int, str, str]]) -> None:
        """Log (line, column index, value, reason) errors in line order, with pending row errors."""
        for line, index, text, reason in sorted(self._pending + errors):
            column = "" if index == WHOLE_ROW else self.fields[index].column
            self.log.add(line, column, text, reason)
        self._pending = []

    @staticmethod
    def _blank_overlong(column, index: int, limit: int, errors: list) -> list[str]:
        kept = list(column)
        for position, text in enumerate(column):
            if len(text) > limit:
                errors.append((position, index, text, f"longer than {limit} characters"))
                kept[position] = ""
        return kept

    @staticmethod
    def _one_by_one(column, index: int, convert, errors: list) -> list[object]:
        typed: list[object] = []
        for position, text in enumerate(column):
            if not text:
                typed.append(None)
                continue
            try:
                typed.append(convert(text))
            except BadValue as error:
                errors.append((position, index, text, str(error)))
                typed.append(None)
        return typed


def expected_fingerprint(path: Path, fields: tuple[Field, ...]) -> Fingerprint:
    """The fingerprint of the CSV's rows typed by the loader's rules (bad values as empty),
    summed up column by column without forming rows."""
    sums = TableSums(fields)
    for columns in TypedRows(path, fields, ErrorLog(None, path.name)).column_batches():
        sums.add(columns)
    return sums.fingerprint()
