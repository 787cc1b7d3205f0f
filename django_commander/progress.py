"""The one progress-reporting facility for long steps.

A thin wrapper over tqdm so every step shows the same kind of bar, on standard error, and none at
all when output is not a terminal (logs, Celery workers, CI) or verbosity is 0.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import IO, Any

from tqdm import tqdm


def progress_bar(
    iterable: Iterable[Any] | None = None,
    *,
    total: float | None = None,
    desc: str | None = None,
    unit: str = "it",
    unit_scale: bool = False,
    verbosity: int = 1,
    stream: IO[str] | None = None,
) -> tqdm:
    """Wrap ``iterable`` (or make a manual bar) that only draws on an interactive terminal."""
    stream = stream or sys.stderr
    interactive = hasattr(stream, "isatty") and stream.isatty()
    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=unit_scale,
        file=stream,
        disable=verbosity < 1 or not interactive,
        dynamic_ncols=True,
        leave=False,
    )
