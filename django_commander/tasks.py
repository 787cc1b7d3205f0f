"""Celery tasks: run any framework command on a worker, with the task id in its log.

Celery comes with the ``[celery]`` extra. Without it this module still imports, and any use of
:data:`run_command_task` raises :class:`~calaccess_toolkit.extras.MissingExtra`: one line saying
which extra to install.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from calaccess_toolkit.extras import CELERY, Unavailable

from . import log_connection
from .registry import commands


def run_command(
    name: str,
    parameters: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    task_id: str = "",
) -> Any:
    """Run command ``name``; its return value (JSON-serialisable) becomes the task's result.

    A failure is logged by the framework and re-raised, so the task fails too. Workers never
    prompt: ``noinput`` is on unless the options say otherwise. A value JSON cannot carry (a
    dataclass, a path, a date) is sent as what it holds: dataclasses as dicts, the rest as text.
    """
    options = {"noinput": True, **(options or {})}
    command = commands[name](**(parameters or {}), celery_task_id=task_id, **options)
    try:
        return json.loads(json.dumps(command.run(), default=_plain))
    finally:
        log_connection.flush()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


if CELERY.installed():
    from celery import shared_task

    @shared_task(bind=True, name="django_commander.run_command")
    def run_command_task(
        self,
        name: str,
        parameters: dict[str, Any] | None = None,
        options: dict[str, Any] | None = None,
    ) -> Any:
        """Run command ``name`` on a worker (see :func:`run_command`)."""
        return run_command(name, parameters, options, task_id=self.request.id or "")

else:
    run_command_task = Unavailable(CELERY)
