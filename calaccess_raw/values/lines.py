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


def iter_line_blocks(stream: BinaryIO, block_size: int = BLOCK_SIZE) -> Iterator[bytes]:
    """Yield the stream's bytes in blocks that each end with a line feed.

    A last line without a line feed is yielded with one added, so every physical line of the
    file is exactly one ``\\n``-terminated line of exactly one block.
    """
    tail = b""
    while chunk := stream.read(block_size):
        block = tail + chunk
        cut = block.rfind(b"\n") + 1
        tail = block[cut:]
        if len(tail) > MAX_LINE_BYTES:
            raise LineTooLong(f"a line is longer than {MAX_LINE_BYTES:,} bytes; not a TSV file?")
        if cut:
            yield block[:cut]
    if tail:
        yield tail + b"\n"
