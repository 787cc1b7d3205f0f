"""The pinned mmap threshold: a large buffer gets its own mapping, however many were freed."""

from __future__ import annotations

import ctypes

from calaccess_toolkit.allocator import return_large_buffers

MEGABYTE = 1 << 20


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _mapped_bytes() -> int:
    """Bytes malloc holds in mappings of their own (``hblkhd``)."""
    mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    mallinfo2.restype = _MallInfo2
    return mallinfo2().hblkhd


def test_a_megabyte_buffer_stays_mapped_after_others_were_freed():
    assert return_large_buffers() is True
    for size in (3 * MEGABYTE, 2 * MEGABYTE):  # each freed at once: glibc would then serve
        freed = bytearray(size)  # buffers below its size from its heaps
        del freed
    before = _mapped_bytes()
    buffer = bytearray(MEGABYTE)
    assert _mapped_bytes() - before >= MEGABYTE  # its own mapping, not a slot in a heap
    del buffer
    assert _mapped_bytes() == before  # and unmapped when freed
