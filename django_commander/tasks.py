"""Celery tasks: run any framework command on a worker, with the task id in its log.

Celery comes with the ``[celery]`` extra. Without it this module still imports, and any use of
:data:`run_command_task` raises :class:`~calaccess_toolkit.extras.MissingExtra`: one line saying
which extra to install.
"""

from __future__ import annotations

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
    prompt: ``noinput`` is on unless the options say otherwise.
    """
    options = {"noinput": True, **(options or {})}
    command = commands[name](**(parameters or {}), celery_task_id=task_id, **options)
    try:
        return command.run()
    finally:
        log_connection.flush()


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
