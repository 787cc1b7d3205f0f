"""What every Open Civic Data object keeps: its OCD id, extras and when the row was written.

The ``opencivicdata`` package's models use PostgreSQL-only fields (``ArrayField``, ``JSONField``
of ``django.contrib.postgres``); these keep the spec's model and field names with portable fields,
so SQLite, PostgreSQL and MariaDB hold the same tables. Ids are made by
:mod:`calaccess_processed.ocd.ids` from each object's natural key, so a rebuild from scratch
yields the same ids.
"""

from django.db import models

from calaccess_processed.models import fields

OCD_ID_LENGTH = 150


class OCDBase(models.Model):
    """Abstract base of the primary objects: an OCD id as primary key."""

    id = fields.CharField(max_length=OCD_ID_LENGTH, primary_key=True, help_text="The OCD id.")
    extras = fields.JSONField(
        default=dict, blank=True, help_text="Facts the spec has no field for."
    )
    created_at = fields.DateTimeField(auto_now_add=True)
    updated_at = fields.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return getattr(self, "name", "") or self.id


class IdentifierBase(models.Model):
    """An identifier of the object in another system (a CAL-ACCESS filer or measure id…)."""

    scheme = fields.CharField(max_length=100, help_text="calaccess_filer_id, calaccess_measure_id…")
    identifier = fields.CharField(max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.scheme}: {self.identifier}"


class SourceBase(models.Model):
    """A page the facts about the object were read from."""

    url = fields.URLField(max_length=500)
    note = fields.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.url
