"""The pinned mmap threshold: a large buffer gets its own mapping, however many were freed.

Measured in a fresh interpreter: in the test process, threads left by other tests allocate and
free mappings of their own meanwhile.
"""

from __future__ import annotations

import subprocess
import sys

#: Frees two large buffers (after which glibc would serve smaller ones from its heaps), then
#: prints how much malloc's own mappings (``hblkhd``) grow with a 1 MiB buffer and after its free.
MEASURE = """
import ctypes
from calaccess_toolkit.allocator import return_large_buffers

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd",
        "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
mallinfo2.restype = MallInfo2
pinned = {pin}
if pinned:
    assert return_large_buffers() is True
for size in (3 << 20, 2 << 20):
    freed = bytearray(size)
    del freed
before = mallinfo2().hblkhd
buffer = bytearray(1 << 20)
held = mallinfo2().hblkhd - before
del buffer
print(held, mallinfo2().hblkhd - before)
"""


def _mapped_growth(pin: bool) -> tuple[int, int]:
    finished = subprocess.run(
        [sys.executable, "-c", MEASURE.format(pin=pin)], capture_output=True, text=True, check=True
    )
    held, after_free = finished.stdout.split()
    return int(held), int(after_free)


def test_a_megabyte_buffer_is_its_own_mapping_once_pinned():
    held, after_free = _mapped_growth(pin=True)
    assert held >= 1 << 20
    assert after_free == 0  # unmapped when freed


def test_without_the_pin_glibc_serves_it_from_its_heaps():
    assert _mapped_growth(pin=False) == (0, 0)
