"""Yes/no flags in integer columns, rewritten as numbers on their way into PostgreSQL's COPY.

The export writes flags (``Y``, ``X``, ``N``) into some columns documented as integers
(``CONTROL_YN``, ``SPONSOR_YN``…), and PostgreSQL's integer input refuses them. Typing the whole
file in Python would cost more than COPY itself, and reading the flags in SQL (COPY into a
staging table, then ``INSERT … SELECT``) costs a second pass through the server. Instead the
cleaned file streams through :func:`rewrite_flags`, which touches the integer columns only:

* a flag, with or without spaces around it, becomes its number by the rule of
  :data:`~calaccess_raw.values.rules.FLAGS`;
* a value of spaces only becomes empty, which COPY reads as NULL (as the typing rules do);
* every other value, and every other column, passes byte for byte, for COPY to type as on the
  fast path. A value that is neither a number nor a flag still makes COPY refuse the file.

The work per line is one split up to the last integer column: a line without a double quote is
split at its commas; in a record with one, a regular expression finds the integer columns' fields
(quoted fields and all), and only their bytes are replaced. A record whose quoted field holds a
line break is put together from its lines first. The header line passes unchanged: no column name
is a flag or blank. A quoted integer value is left as it is (COPY refuses it as it would before).

:func:`flags_rewritten` runs the rewrite in a helper (:mod:`calaccess_raw.loading.background`),
so that it neither waits for PostgreSQL nor competes for the interpreter with the next table's
clean, which the update runs beside the load.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from io import BufferedReader
from pathlib import Path

from calaccess_raw.values.lines import iter_line_blocks
from calaccess_raw.values.rules import FLAGS

from .background import piped

#: The characters PostgreSQL's integer input, and Python's ``int``, ignore around a number.
_SPACES = b" \t\n\r\f\v"
_FLAG_NUMBER_BYTES = {flag.encode(): str(number).encode() for flag, number in FLAGS.items()}


@contextlib.contextmanager
def flags_rewritten(path: Path, positions: Sequence[int]) -> Iterator[BufferedReader]:
    """The cleaned CSV at ``path`` with its flags rewritten, as a helper writes it."""
    with piped(functools.partial(_write_rewritten, path, positions), path) as output:
        yield output.stream


def _write_rewritten(path: Path, positions: Sequence[int], pipe: int) -> None:
    with open(path, "rb") as source, open(pipe, "wb") as out:
        for block in rewrite_flags(iter_line_blocks(source), positions):
            out.write(block)


def rewrite_flags(blocks: Iterable[bytes], positions: Sequence[int]) -> Iterator[bytes]:
    """The CSV's blocks (each ending with a line feed) with the flags in the columns at
    ``positions`` (0-based) rewritten as numbers; one block out per block in that ends a record."""
    positions = tuple(sorted(positions))
    last = positions[-1]
    partial: list[bytes] = []  # the lines so far of a record whose quoted field goes on
    for block in blocks:
        lines = block.split(b"\n")
        lines.pop()  # the empty piece after the block's final line feed
        records = []
        quoted = bool(partial) or b'"' in block
        for line in lines:
            if quoted and (partial or line.count(b'"') % 2):
                partial.append(line)
                record = b"\n".join(partial)
                if record.count(b'"') % 2:
                    continue
                partial.clear()
                line = record
            records.append(_rewritten(line, positions, last))
        if records:
            yield b"\n".join(records) + b"\n"
    if partial:  # quotes never closed: COPY refuses it, as it would the file as written
        yield b"\n".join(partial) + b"\n"


def _rewritten(record: bytes, positions: tuple[int, ...], last: int) -> bytes:
    if b'"' in record:
        return _rewritten_quoted(record, positions)
    fields = record.split(b",", last + 1)
    if len(fields) <= last:
        return record  # too few fields: COPY refuses the row whatever its flags
    changed = False
    for position in positions:
        number = _number_for(fields[position])
        if number is not None:
            fields[position] = number
            changed = True
    return b",".join(fields) if changed else record


def _rewritten_quoted(record: bytes, positions: tuple[int, ...]) -> bytes:
    """The same for a record with quoted fields, which a split at commas cannot follow."""
    match = _fields_pattern(positions).match(record)
    if match is None:
        return record  # not CSV as the cleaner writes it: COPY judges it as written
    pieces: list[bytes] = []
    written = 0
    for group in range(1, len(positions) + 1):
        number = _number_for(match[group])
        if number is not None:
            start, end = match.span(group)
            pieces += (record[written:start], number)
            written = end
    return b"".join(pieces) + record[written:] if pieces else record


def _number_for(value: bytes) -> bytes | None:
    """What an integer column's value becomes: a flag its number, spaces nothing; None: as is."""
    number = _FLAG_NUMBER_BYTES.get(value)
    if number is not None or not value or value.isdigit():
        return number
    bare = value.strip(_SPACES)
    if not bare:
        return b""
    return _FLAG_NUMBER_BYTES.get(bare)


#: One CSV field as the cleaner writes it: quoted (quotes doubled inside), or without quotes.
_FIELD = rb'(?:"(?:[^"]|"")*"|[^,"]*)'


@functools.cache
def _fields_pattern(positions: tuple[int, ...]) -> re.Pattern[bytes]:
    """Matches a record's fields up to its last integer column; each integer column a group."""
    fields = [
        b"(" + _FIELD + b")" if index in positions else _FIELD
        for index in range(max(positions) + 1)
    ]
    return re.compile(b",".join(fields) + rb"(?=,|\Z)")
