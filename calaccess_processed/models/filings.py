"""Concrete filing models, derived from the mapping declared in :mod:`calaccess_processed.specs`.

No field is written by hand: each declared model pair becomes ``<name>Version`` (every
amendment) and ``<name>`` (the latest), with one field per declared column or summary line.
Field kinds follow the conversion (text → nullable text as long as the raw column stores,
decimal → decimal with cents, date → date, flag → nullable boolean). Every model is importable by
name from :mod:`calaccess_processed.models`; ``PROCESSED_MODELS`` maps each name to its class.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.db import models

from calaccess_processed import decoding, specs
from calaccess_processed.specs import FieldSpec, ModelSpec, SummaryLineSpec
from calaccess_raw import schema

from . import base, fields

AMOUNT_DIGITS, AMOUNT_PLACES = 14, 2


def build_field(spec: FieldSpec, source_table: str) -> models.Field:
    """The model field of one declared column."""
    options: dict[str, Any] = {"null": True, "blank": True, "help_text": spec.description}
    raw = schema.load().table(source_table).field(spec.column)
    if spec.conversion == "text":
        return fields.CharField(max_length=raw.db_max_length or 255, **options)
    if spec.conversion in {"integer", "filer_xref"}:
        return fields.IntegerField(db_index=spec.conversion == "filer_xref", **options)
    if spec.conversion in {"decimal", "net_of_returns"}:
        return fields.DecimalField(
            max_digits=raw.max_digits or AMOUNT_DIGITS,
            decimal_places=raw.decimal_places or AMOUNT_PLACES,
            **options,
        )
    if spec.conversion in {"lookup", "party"}:
        return fields.CharField(max_length=decoding.max_length(spec, source_table), **options)
    if spec.conversion == "date":
        return fields.DateField(**options)
    if spec.conversion == "flag":
        return fields.BooleanField(**options)
    raise ValueError(f"no field for conversion {spec.conversion!r}")


def build_summary_field(spec: SummaryLineSpec) -> models.Field:
    return fields.DecimalField(
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        help_text=spec.description,
    )


def build_check_field(name: str, description: str) -> models.Field:
    """A field of a reconciliation: a flag (``…_reconciled``) or an amount."""
    if name.endswith("_reconciled"):
        return fields.BooleanField(
            null=True, blank=True, help_text=f"Whether it adds up (NULL: no summary). {description}"
        )
    return fields.DecimalField(
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        help_text=description,
    )


if TYPE_CHECKING:
    # The django-stubs pattern for a model mixin: a Model to the checker, a plain class at run
    # time, so the migrations' ``bases`` keep naming the mixin alone.
    _MixinBase = models.Model
else:
    _MixinBase = object


class ProcessedModel(_MixinBase):
    """Marks a derived model and keeps its declaration."""

    spec: ClassVar[ModelSpec]
    is_version: ClassVar[bool]
    filing_id: int
    amend_id: int


def _model(
    name: str,
    bases: tuple[type[models.Model], ...],
    spec: ModelSpec,
    meta: dict[str, Any],
    is_version: bool,
) -> type[ProcessedModel]:
    attributes: dict[str, Any] = {
        "__module__": __name__,
        "__doc__": spec.description,
        "spec": spec,
        "is_version": is_version,
        "Meta": type("Meta", (), meta),
    }
    for field in spec.fields:
        attributes[field.field] = build_field(field, spec.source_table)
    for line in spec.summary_lines:
        attributes[line.field] = build_summary_field(line)
    for check in spec.reconciliations:
        for field_name in check.fields:
            attributes[field_name] = build_check_field(field_name, check.description)
    # type() builds the class from a runtime list of fields, which the checker cannot follow.
    return cast("type[ProcessedModel]", type(name, (*bases, ProcessedModel), attributes))


def build_indexes(spec: ModelSpec, table: str) -> list[models.Index]:
    """The declared extra indexes of one model (``indexes.csv``), named from a digest (≤ 30)."""
    return [
        models.Index(
            fields=list(columns),
            name="ix_" + hashlib.sha1(f"{table} {' '.join(columns)}".encode()).hexdigest()[:20],
        )
        for columns in spec.indexes
    ]


def build_pair(spec: ModelSpec) -> tuple[type[ProcessedModel], type[ProcessedModel]]:
    """The version model and the latest model of one declaration."""
    table = spec.name.lower()
    version_bases: tuple[type[models.Model], ...]
    latest_bases: tuple[type[models.Model], ...]
    version_key: tuple[str, ...]
    latest_key: tuple[str, ...] | None
    if spec.kind == "filing":
        version_bases, latest_bases = (base.FilingVersion,), (base.Filing,)
        version_key, latest_key = ("filing_id", "amend_id"), None
    elif spec.kind == "summary":
        version_bases, latest_bases = (base.SummaryVersion,), (base.Summary,)
        version_key, latest_key = ("filing_id", "amend_id"), None
    else:
        version_bases, latest_bases = (base.ItemVersion,), (base.Item,)
        # An A and an A-1 row may share a line number: the schedule tells them apart (as in
        # the raw tables' unique key; see transforming.statements.item_key).
        version_key = ("filing_id", "amend_id", "line_item", "form_type")
        latest_key = ("filing_id", "line_item", "form_type")
    version_meta: dict[str, Any] = {
        "db_table": f"calaccess_processed_{table}version",
        "constraints": [models.UniqueConstraint(fields=version_key, name=f"{table}_version_key")],
        "ordering": version_key,
        "indexes": build_indexes(spec, f"{table}version"),
    }
    latest_meta: dict[str, Any] = {
        "db_table": f"calaccess_processed_{table}",
        "ordering": latest_key or ("filing_id",),
        "indexes": build_indexes(spec, table),
    }
    if latest_key:
        latest_meta["constraints"] = [
            models.UniqueConstraint(fields=latest_key, name=f"{table}_latest_key")
        ]
    version = _model(spec.version_name, version_bases, spec, version_meta, is_version=True)
    latest = _model(spec.latest_name, latest_bases, spec, latest_meta, is_version=False)
    return version, latest


PROCESSED_MODELS: dict[str, type[ProcessedModel]] = {}
for _spec in specs.load().models:
    for _model_class in build_pair(_spec):
        PROCESSED_MODELS[_model_class.__name__] = _model_class


def get_processed_model(name: str) -> type[ProcessedModel]:
    """A processed filing model by its name, any case (``form460filing``)."""
    wanted = name.strip().lower()
    for model_name, model in PROCESSED_MODELS.items():
        if model_name.lower() == wanted:
            return model
    raise LookupError(f"no processed model named {name!r}")
