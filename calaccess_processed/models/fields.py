"""Model fields of the processed app: documentation kept out of migrations, as in the raw app.

The raw app's documentation-free fields are reused; the processed app adds the kinds the raw
export never stores (booleans, counts, slugs, URLs and JSON extras of the OCD models).
"""

from __future__ import annotations

from django.db import models

from calaccess_raw.models.fields import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    DocumentationFreeMixin,
    FileField,
    ForeignKey,
    IntegerField,
    TextField,
)


class BooleanField(DocumentationFreeMixin, models.BooleanField):
    pass


class PositiveIntegerField(DocumentationFreeMixin, models.PositiveIntegerField):
    pass


class SlugField(DocumentationFreeMixin, models.SlugField):
    pass


class URLField(DocumentationFreeMixin, models.URLField):
    pass


class JSONField(DocumentationFreeMixin, models.JSONField):
    pass


__all__ = [
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "FileField",
    "ForeignKey",
    "IntegerField",
    "JSONField",
    "PositiveIntegerField",
    "SlugField",
    "TextField",
    "URLField",
]
