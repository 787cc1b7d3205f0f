"""The command run in progress in this context, so saved rows can link to it."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_commander.models import CommandLog

_current_log: ContextVar[CommandLog | None] = ContextVar("django_commander_log", default=None)


def current_log() -> CommandLog | None:
    """The log row of the innermost command running here, or None outside any command."""
    return _current_log.get()


def current_run_id() -> int | None:
    """The id of the run in progress, for provenance columns set in bulk SQL (None outside a
    run, or while its row waits for the caller's transaction on SQLite)."""
    log = _current_log.get()
    return log.pk if log is not None else None


def set_current_log(log: CommandLog | None):
    """Make ``log`` current; returns a token for :func:`reset_current_log`."""
    return _current_log.set(log)


def reset_current_log(token) -> None:
    _current_log.reset(token)
