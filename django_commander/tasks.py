"""Celery tasks: run any framework command on a worker, with the task id in its log."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from . import log_connection
from .registry import commands


@shared_task(bind=True, name="django_commander.run_command")
def run_command_task(
    self, name: str, parameters: dict[str, Any] | None = None, options: dict[str, Any] | None = None
) -> Any:
    """Run command ``name``; its return value (JSON-serialisable) becomes the task's result.

    A failure is logged by the framework and re-raised, so the task fails too. Workers never
    prompt: ``noinput`` is on unless the options say otherwise.
    """
    options = {"noinput": True, **(options or {})}
    command = commands[name](**(parameters or {}), celery_task_id=self.request.id, **options)
    try:
        return command.run()
    finally:
        log_connection.flush()
