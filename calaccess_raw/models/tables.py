"""One Django model per table of the export, built from :mod:`calaccess_raw.schema`.

No field is written by hand: each model is created from its schema table, so the CSV facts are the
only place a column is declared. Each model

- stores its table under the export's own name (``db_table = "RCPT_CD"``) and each column under
  the export's header (``db_column = "AMOUNT"``), so SQL written from the state's documentation
  works;
- has a surrogate ``id`` primary key: the documented unique keys are not unique in practice
  (amendments are re-sent, rows repeat), so they are documentation (``schema.unique_key``), not
  constraints;
- stores text columns NOT NULL (a blank is ``''``) and every other column NULL-able whatever the
  documentation says, because the export leaves any value blank and a blank amount is unknown,
  not zero;
- stores the four documented references to other tables as plain integer columns (no database
  constraint): the export references filers and periods it does not define;
- carries its documentation for the admin and the docs (official definitions as ``help_text``,
  lookup codes as ``choices``, the table's name as ``verbose_name``) without any of it reaching a
  migration (see :mod:`calaccess_raw.models.fields`).

``RAW_DATA_MODELS`` lists them in schema order; they are also importable by name from
:mod:`calaccess_raw.models`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.db import models

from calaccess_raw import schema
from calaccess_raw.schema import Field, Table

from . import fields as doc_free

TYPED_FIELDS: dict[str, type[models.Field]] = {
    "CharField": doc_free.CharField,
    "IntegerField": doc_free.IntegerField,
    "DecimalField": doc_free.DecimalField,
    "FloatField": doc_free.FloatField,
    "DateField": doc_free.DateField,
    "DateTimeField": doc_free.DateTimeField,
}


class RawDataModel(models.Model):
    """Base of every raw-data model; ``schema`` is the table's declaration."""

    schema: ClassVar[Table]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        names = self.unique_key_fields() or (self.schema.fields[0].name,)
        return " ".join(str(getattr(self, name)) for name in names)

    @classmethod
    def unique_key_fields(cls) -> tuple[str, ...]:
        """Model attribute names of the documented unique key (may be empty)."""
        return tuple(cls.schema.field(column).name for column in cls.schema.unique_key)


def _choices(field: Field) -> list[tuple[Any, str]] | None:
    if not field.choices:
        return None
    if field.type == "IntegerField":
        # A blank integer is stored as NULL, so a blank code documents NULL.
        return [
            (int(choice.code) if choice.code else None, choice.meaning) for choice in field.choices
        ]
    return [(choice.code, choice.meaning) for choice in field.choices]


def build_field(field: Field) -> models.Field:
    """The model field that stores one schema column."""
    options: dict[str, Any] = {
        "db_column": field.column,
        "db_index": field.db_index,
        "help_text": field.definition,
        "verbose_name": field.column,
        "choices": _choices(field),
        "blank": True,
    }
    if field.is_text:
        options["max_length"] = field.db_max_length
    else:
        options["null"] = True
    if field.type == "DecimalField":
        options["max_digits"] = field.max_digits
        options["decimal_places"] = field.decimal_places
    return TYPED_FIELDS[field.type](**options)


def build_model(table: Table) -> type[RawDataModel]:
    """Create the model class of one schema table."""
    attributes: dict[str, Any] = {
        "__module__": __name__,
        "__doc__": f"The {table.name} table of the CAL-ACCESS export ({table.group}).",
        "schema": table,
        "Meta": type("Meta", (), {"db_table": table.name}),
    }
    for field in table.fields:
        attributes[field.name] = build_field(field)
    model = type(table.model_name, (RawDataModel,), attributes)
    # Set after creation, so the label reaches the admin but not the migrations' model options.
    model._meta.verbose_name = table.name
    model._meta.verbose_name_plural = table.name
    return model


RAW_DATA_MODELS: tuple[type[RawDataModel], ...] = tuple(
    build_model(table) for table in schema.load().tables
)


def get_raw_model(
    name: str, candidates: Iterable[type[RawDataModel]] = RAW_DATA_MODELS
) -> type[RawDataModel]:
    """The raw-data model named by its class (``RcptCd``) or its table (``RCPT_CD``), any case.

    Among ``candidates``: by default this app's models, one per table of the export.
    """
    wanted = name.strip().lower()
    for model in candidates:
        if wanted in {model.__name__.lower(), model._meta.db_table.lower()}:
            return model
    raise LookupError(f"no CAL-ACCESS raw-data model or table named {name!r}")
