"""One honest row per attempt to run a command."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.db import models


class CommandLog(models.Model):
    """A run of a :class:`Command`: when it started and ended, with what options, and how."""

    RUNNING = "running"
    SUCCESS = "success"
    FAILURE = "failure"
    STATUSES = [(RUNNING, "Running"), (SUCCESS, "Succeeded"), (FAILURE, "Failed")]

    command = models.ForeignKey("Command", related_name="logs", on_delete=models.CASCADE)
    start_time = models.DateTimeField(db_index=True)
    end_time = models.DateTimeField(null=True, blank=True)
    options = models.TextField(default="{}", help_text="JSON of the options of this run.")
    status = models.CharField(max_length=10, choices=STATUSES, default=RUNNING, db_index=True)
    error_class = models.CharField(max_length=255, blank=True)
    error_message = models.TextField(blank=True)
    traceback = models.TextField(blank=True)
    celery_task_id = models.CharField(max_length=255, blank=True, db_index=True)
    test_mode = models.BooleanField(
        default=False, help_text="Run with --test; never satisfies a dependency."
    )

    class Meta:
        ordering = ["-start_time"]
        indexes = [models.Index(fields=["command", "status", "start_time"])]

    def __str__(self) -> str:
        return f"{self.command} at {self.start_time:%Y-%m-%d %H:%M:%S} ({self.status})"

    @property
    def option_values(self) -> dict[str, Any]:
        return json.loads(self.options or "{}")

    @property
    def duration(self) -> timedelta | None:
        if self.end_time is None:
            return None
        return self.end_time - self.start_time
