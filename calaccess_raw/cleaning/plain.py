"""The fast path: a block of lines that are all plain records, converted with whole-block calls.

Most of the export is plain: every line has the header's field count, ends with CRLF, and is
ASCII or valid UTF-8. For such a block no Python code runs per field, or even per line:

* the block's *skeleton* (every byte but tab, CR and LF deleted) must be the header's ``n - 1``
  tabs and one line end (CRLF or LF), repeated once per line: one bytes comparison proves every
  line has ``n`` fields and at most one CR (dropped wherever it sits, like any stray CR);
* no NUL byte, no blank line, ASCII or valid UTF-8 (checked on the whole block);
* CRs go and tabs become commas in whole-block ``translate`` calls. Only a field holding a comma
  or a double quote needs CSV quoting (a line break cannot occur inside a line): such fields are
  found with ``find`` and quoted as Python's ``csv`` module does (QUOTE_MINIMAL, quotes doubled).

The result is byte for byte what ``csv.writer`` with :data:`~.dialect.CSV_DIALECT` would write for
the same lines; the tests check this over every table of the sample export.
"""

from __future__ import annotations

import functools

_NOT_A_SEPARATOR = bytes(byte for byte in range(256) if byte not in b"\t\r\n")
_TAB_TO_COMMA = bytes.maketrans(b"\t", b",")
_QUOTE_TO_COMMA = bytes.maketrans(b'"', b",")


def plain_record_lines(block: bytes, fields: int) -> int:
    """How many lines ``block`` holds if each is a plain record of ``fields`` fields, else 0."""
    if b"\x00" in block:
        return 0
    crlf_line, lf_line = _line_skeletons(fields)
    skeleton = block.translate(None, _NOT_A_SEPARATOR)
    lines = _repetitions(skeleton, crlf_line) or _repetitions(skeleton, lf_line)
    if not lines:
        return 0
    if fields == 1 and _has_blank_line(block):
        return 0  # in a one-column table a blank line has the header's field count
    if not (block.isascii() or _is_utf8(block)):
        return 0
    return lines


def plain_records_as_csv(block: bytes) -> bytes:
    """The CSV lines of a block of plain records (see :func:`plain_record_lines`)."""
    plain = block.translate(None, b"\r") if b"\r" in block else block
    converted = memoryview(plain.translate(_TAB_TO_COMMA))
    probe = plain.translate(_QUOTE_TO_COMMA) if b'"' in plain else plain
    find, rfind = plain.find, plain.rfind
    pieces = []
    written = 0
    position = probe.find(b",")
    while position != -1:
        start = max(rfind(b"\t", written, position), rfind(b"\n", written, position)) + 1
        line_end = find(b"\n", position)
        end = find(b"\t", position, line_end)
        if end == -1:
            end = line_end
        pieces += (converted[written:start], b'"', plain[start:end].replace(b'"', b'""'), b'"')
        written = end
        position = probe.find(b",", end)
    pieces.append(converted[written:])
    return b"".join(pieces)


@functools.cache
def _line_skeletons(fields: int) -> tuple[bytes, bytes]:
    tabs = b"\t" * (fields - 1)
    return tabs + b"\r\n", tabs + b"\n"


def _repetitions(data: bytes, unit: bytes) -> int:
    """How many times ``unit`` repeats to make ``data``; 0 if it does not."""
    count, remainder = divmod(len(data), len(unit))
    return count if not remainder and data == unit * count else 0


def _has_blank_line(block: bytes) -> bool:
    """A line of at most one CR, in a block where no line holds more than one CR."""
    return block.startswith((b"\n", b"\r\n")) or b"\n\n" in block or b"\n\r\n" in block


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
