"""A command together with the parameters that identify its runs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import models

from django_commander.registry import commands

if TYPE_CHECKING:  # for annotations only
    from django_commander.core import BasicCommand


class Command(models.Model):
    """One (command name, parameters) pair; its runs are :class:`CommandLog` rows."""

    name = models.CharField(max_length=200, db_index=True)
    parameters = models.TextField(help_text="Canonical JSON of the parameters.")
    parameters_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "parameters_hash"], name="unique_command_run")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        params = self.parameter_values
        return f"{self.name} {params}" if params else self.name

    @property
    def parameter_values(self) -> dict[str, Any]:
        return json.loads(self.parameters or "{}")

    @property
    def command_class(self) -> type[BasicCommand]:
        """The command class of this name, as discovered now."""
        return commands[self.name]

    def build(self, **options: Any) -> BasicCommand:
        """Rebuild the command with the logged parameters, ready to ``run()`` again."""
        return self.command_class(**self.parameter_values, **options)

    @property
    def last_log(self):
        return self.logs.order_by("-start_time").first()
