"""Keeping to a maximum number of requests per second, on a clock that tests can replace."""

from __future__ import annotations

import time
from collections.abc import Callable


class RateLimiter:
    """Space request starts at least ``1 / rate`` seconds apart (no limit when rate <= 0)."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None

    def wait(self) -> float:
        """Block until the next request may start; return the seconds waited."""
        waited = 0.0
        if self._last is not None and self.interval:
            waited = max(0.0, self._last + self.interval - self._clock())
            if waited:
                self._sleep(waited)
        self._last = self._clock()
        return waited
