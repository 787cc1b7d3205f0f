"""Keep glibc's malloc from holding on to freed megabyte buffers in a long, threaded run.

The raw update streams every table through buffers of about a megabyte (download and extract
chunks, the cleaner's blocks, COPY's chunks) on several threads at once. glibc serves a request of
that size with its own ``mmap``, returned to the system on ``free``, only until the first such
buffer is freed: then it raises its mmap threshold (up to 32 MiB) and serves them from its heaps,
where smaller long-lived allocations land between them. The holes left around those are reused
only for what fits, so the heaps' free memory grows with the run: measured on the benchmark's 4x
input (4,054,674 rows), 43.7 MB free of 68.8 MB in malloc's heaps at the update's peak, which is
what made its peak grow with the input (and its forked helpers', which start from its pages).

:func:`return_large_buffers` pins the threshold at :data:`MMAP_THRESHOLD` (which also stops the
adjustment): each large buffer is its own mapping again, gone when freed, and the heaps stay
small (2.7 MB free at the same point with the threshold at 128 KiB). The benchmark's update peaked
at 119 MB at 1x and 124 MB at 4x with it (131 and 142 MB without), its helper at 103 and 107 MB
(124 and 135 MB). The cost is a fresh mapping's page faults per buffer: the cleaner alone runs
slower (1.4 s to 2.4 s for 1.4M RCPT_CD rows), hidden in the update behind the database's COPY,
so only the update pins it, and only where its tables' steps run side by side (not on
SQLite). Elsewhere than glibc, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

#: ``mallopt``'s parameter number for the mmap threshold (glibc's ``malloc.h``).
M_MMAP_THRESHOLD = -3
#: Requests from this size up get a mapping of their own: glibc's starting value, above the
#: 128 KiB pieces psycopg cuts COPY data into, which are freed at once and reuse their slot.
MMAP_THRESHOLD = 256 * 1024


@functools.cache
def return_large_buffers() -> bool:
    """Pin glibc's mmap threshold for the rest of the process; whether it could (glibc only)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt), or no C library
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
