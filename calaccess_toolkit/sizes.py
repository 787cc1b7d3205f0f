"""Byte counts as people read them, one convention everywhere: decimal units (1 KB = 1,000 bytes).

Decimal, because the CDN that serves the export, browsers and the progress bars (tqdm's
``unit_scale``) all count that way, so a size in the admin, a message and a bar agree.
"""

from __future__ import annotations

UNITS = ("KB", "MB", "GB", "TB")


def format_size(size: int | None) -> str:
    """``512 B``, ``1.9 MB``, ``1.0 GB``; empty when the size is unknown."""
    if size is None:
        return ""
    if abs(size) < 1000:
        return f"{size} B"
    amount = size / 1000
    for unit in UNITS[:-1]:
        if abs(round(amount, 1)) < 1000:  # 999,999 bytes are 1.0 MB, not 1000.0 KB
            return f"{amount:.1f} {unit}"
        amount /= 1000
    return f"{amount:.1f} {UNITS[-1]}"
