"""An epoch for the tests: a moment the test sets, as an app would derive it from its data."""

from __future__ import annotations

from datetime import datetime

EXAMPLE_EPOCH = "example_epoch"

#: The moment the epoch began; tests set it (None: nothing has begun).
began: list[datetime | None] = [None]


def example_epoch_began() -> datetime | None:
    return began[0]
