"""Let any model record which command runs created or changed its rows."""

from __future__ import annotations

from django.db import models

from django_commander.current import current_log

from .command import Command


class LoggedExtendedModel(models.Model):
    """Abstract base: saving a row while a command runs links the row to that run.

    The link is a many-to-many row, so every saved row costs one more INSERT: right for rows
    saved one by one, wrong for bulk writers. A table written in bulk takes a plain provenance
    column instead (``run_id = BigIntegerField(null=True)``) set in the same bulk statement from
    :func:`django_commander.current.current_run_id` (example: the tests' ``bulk_readings``).
    :meth:`link_to_current_run` links rows already written in bulk, in one more bulk INSERT.
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
            self.command_logs.add(log)

    @classmethod
    def link_to_current_run(cls, rows) -> None:
        """Link rows written in bulk to the command run in progress, if any."""
        log = current_log()
        if log is None or log.pk is None:
            return
        through = cls.command_logs.through
        owner = f"{cls._meta.model_name}_id"
        through.objects.bulk_create(
            [through(**{owner: row.pk, "commandlog_id": log.pk}) for row in rows],
            ignore_conflicts=True,
        )

    @property
    def commands(self):
        """The commands whose runs touched this row."""
        return Command.objects.filter(logs__in=self.command_logs.all()).distinct()
