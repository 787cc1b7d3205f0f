"""Model fields of the processed app: documentation kept out of migrations, as in the raw app.

The raw app's documentation-free fields are reused; the processed app adds the kinds the raw
export never stores (booleans, plain dates of date-times).
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
    "TextField",
]
