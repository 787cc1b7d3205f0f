"""How a scraper tells its caller what it is doing: messages and progress over pages.

A framework command already has ``say`` and ``progress(iterable, total=…, desc=…, unit=…)``, so a
command passes itself; library callers and tests use :data:`SILENT`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Reporter(Protocol):
    def say(self, message: str) -> None: ...

    def progress(self, iterable: Iterable[T], **options: Any) -> Iterable[T]: ...


class SilentReporter:
    """Says nothing and shows no progress."""

    def say(self, message: str) -> None:
        return None

    def progress(self, iterable: Iterable[T], **options: Any) -> Iterable[T]:
        return iterable


SILENT = SilentReporter()
