from django.db import models

from django_commander.models import LoggedExtendedModel


class Widget(LoggedExtendedModel):
    name = models.CharField(max_length=50, unique=True)
    size = models.IntegerField(default=0)


class Reading(models.Model):
    """Rows written in bulk, with a plain provenance column instead of a link per row."""

    value = models.IntegerField()
    run_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"reading {self.value} of run {self.run_id}"
