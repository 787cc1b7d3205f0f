"""How library code tells its caller what it is doing, without knowing who the caller is.

Two shapes of progress, one interface:

- :data:`ProgressCallback`: a stream of work (bytes downloaded, extracted) reports each amount
  done as it happens, ``on_progress(amount)``; a progress bar's ``update`` is one.
- :class:`Reporter`: work over a known list (pages, tables) says what it does (``say``) and wraps
  the list in ``progress(iterable, total=…, desc=…, unit=…)``.

A framework command is a :class:`Reporter` (it has ``say`` and ``progress``), and its progress
bar's ``update`` is a :data:`ProgressCallback`; library callers and tests pass :data:`SILENT`
or :func:`no_progress`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

ProgressCallback = Callable[[int], None]


def no_progress(amount: int) -> None:
    """A :data:`ProgressCallback` that ignores the progress."""
    return None


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
