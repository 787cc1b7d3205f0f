"""Let any model record which command runs created or changed its rows."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from django_commander import log_connection
from django_commander.current import current_log

from .command import Command


class LoggedExtendedModel(models.Model):
    """Abstract base: saving a row while a command runs links the row to that run.

    The link is a many-to-many row, so every saved row costs one more INSERT: right for rows
    saved one by one, wrong for bulk writers. A table written in bulk takes a plain provenance
    column instead (``run_id = BigIntegerField(null=True)``) set in the same bulk statement from
    :func:`django_commander.current.current_run_id` (example: the tests' ``bulk_readings``).
    :meth:`link_to_current_run` links rows already written in bulk, in one more bulk INSERT.

    On MySQL/MariaDB inside a transaction of the caller the links wait for the run's row to be
    closed (:func:`django_commander.log_connection.links_wait_for_close`).
    """

    command_logs = models.ManyToManyField(
        "django_commander.CommandLog", related_name="%(app_label)s_%(class)s_rows", blank=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        log = current_log()
        if log is not None and log.pk is not None:  # (a run whose row is buffered has no pk)
            _link(log, lambda: self.command_logs.add(log))

    @classmethod
    def link_to_current_run(cls, rows) -> None:
        """Link rows written in bulk to the command run in progress, if any."""
        log = current_log()
        if log is None or log.pk is None:
            return
        through = cls.command_logs.through
        owner = f"{cls._meta.model_name}_id"
        links = [through(**{owner: row.pk, "commandlog_id": log.pk}) for row in rows]
        _link(log, lambda: through.objects.bulk_create(links, ignore_conflicts=True))

    @property
    def commands(self):
        """The commands whose runs touched this row."""
        return Command.objects.filter(logs__in=self.command_logs.all()).distinct()


def _link(log, make: Callable[[], object]) -> None:
    """Make the link rows now, or after the run's row is closed when they would lock it."""
    if log_connection.links_wait_for_close(log._state.db):
        log.__dict__.setdefault(LINKS_AFTER_CLOSE, []).append(make)
    else:
        make()


#: Attribute of a ``CommandLog`` holding the link writes waiting for its close.
LINKS_AFTER_CLOSE = "_links_after_close"
