"""Read a file as blocks of whole lines, so the cleaner can work on many lines per call."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from .errors import LineTooLong

#: Bytes read per block: large enough that per-block work is negligible, small enough to stay
#: cache- and memory-friendly.
BLOCK_SIZE = 1 << 20
#: A "line" longer than this means the file is not a line-based TSV; reading on would hold it
#: all in memory.
MAX_LINE_BYTES = 1 << 26


def ends_lines_with_cr(head: bytes) -> bool:
    """Whether a file starting with ``head`` ends its lines with a bare CR (old Mac style).

    Some releases (2015) hold such files. The header line decides: its first line end is a CR
    that no LF follows. A CR elsewhere, in a file of LF or CRLF lines, is a stray byte.
    """
    first_cr, first_lf = head.find(b"\r"), head.find(b"\n")
    if first_cr == -1 or first_lf != -1 and first_lf < first_cr:
        return False
    return head[first_cr + 1 : first_cr + 2] != b"\n"


def _lf_line_ends(stream: BinaryIO, block_size: int) -> Iterator[bytes]:
    """The stream's chunks with every CR (and CRLF) line end made an LF."""
    pending_cr = b""
    while chunk := stream.read(block_size):
        chunk = pending_cr + chunk
        pending_cr = b"\r" if chunk.endswith(b"\r") else b""
        if pending_cr:
            chunk = chunk[:-1]  # a CR at the end of a chunk may be the first half of a CRLF
        yield chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if pending_cr:
        yield b"\n"


def iter_line_blocks(
    stream: BinaryIO, block_size: int = BLOCK_SIZE, *, cr_line_ends: bool = False
) -> Iterator[bytes]:
    """Yield the stream's bytes in blocks that each end with a line feed.

    A last line without a line feed is yielded with one added, so every physical line of the
    file is exactly one ``\\n``-terminated line of exactly one block. With ``cr_line_ends``
    (see :func:`ends_lines_with_cr`) every CR is read as a line end.
    """
    if cr_line_ends:
        chunks = _lf_line_ends(stream, block_size)
    else:
        chunks = iter(lambda: stream.read(block_size), b"")
    tail = b""
    for chunk in chunks:
        block = tail + chunk
        cut = block.rfind(b"\n") + 1
        tail = block[cut:]
        if len(tail) > MAX_LINE_BYTES:
            raise LineTooLong(f"a line is longer than {MAX_LINE_BYTES:,} bytes; not a TSV file?")
        if cut:
            yield block[:cut]
    if tail:
        yield tail + b"\n"
