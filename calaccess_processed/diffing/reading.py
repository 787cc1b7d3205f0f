"""Every version of one filing read in as few queries as its page and its diffs need.

The filing's versions come with an ``EXISTS`` per schedule summary and item model, so that only
the models holding rows of the filing are read after them, each once for every version: a Form
460 has three summary and fourteen item models and a filing uses a few (the filing page of a
three-version Form 460 at 1M rows went from 34 queries to 8). Rows are plain dicts
(``.values()``), shared by the filing page's items and the amendment diffs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from calaccess_processed import specs
from calaccess_processed.models import PROCESSED_MODELS

Row = dict[str, Any]


@dataclass
class FilingRows:
    """One filing's rows of one form, each list ordered by amendment."""

    form: str
    #: The cover of each version, by ``amend_id``.
    versions: list[Row]
    #: Each schedule summary's rows (by ``pk`` within a version), by model name.
    summaries: dict[str, list[Row]] = field(default_factory=dict)
    #: Each schedule's items (by ``line_item`` within a version), by model name.
    items: dict[str, list[Row]] = field(default_factory=dict)


def _parts(form: specs.FormSpec) -> tuple[specs.ModelSpec, ...]:
    return (*form.summaries, *form.items)


def _present(name: str) -> str:
    """The column telling whether a version has rows of model ``name``."""
    return f"has_{name}"


@functools.cache
def _presence_sql(form_id: str, using: str) -> dict[str, str]:
    """``EXISTS (…)`` by column: whether a version has rows of each summary and item model.

    Written once per form and database, not built by the ORM on every page: seventeen
    ``Exists`` annotations took some 20 ms of Python to compile, the query itself well under one.
    """
    quote = connections[using].ops.quote_name
    form = specs.load().form(form_id)

    def table_and_keys(model_name: str) -> tuple[str, str, str]:
        meta = PROCESSED_MODELS[model_name]._meta
        columns = {f.name: f.column for f in meta.concrete_fields}
        table = quote(meta.db_table)
        return (
            table,
            f"{table}.{quote(columns['filing_id'])}",
            f"{table}.{quote(columns['amend_id'])}",
        )

    _cover, outer_filing, outer_amend = table_and_keys(form.filing.version_name)
    tests = {}
    for part in _parts(form):
        table, filing, amend = table_and_keys(part.version_name)
        tests[_present(part.name)] = (
            f"EXISTS (SELECT 1 FROM {table} "
            f"WHERE {filing} = {outer_filing} AND {amend} = {outer_amend})"
        )
    return tests


def _read(form: specs.FormSpec, filing_id: int, amend_id: int | None) -> FilingRows:
    wanted = {"filing_id": filing_id, **({} if amend_id is None else {"amend_id": amend_id})}
    cover = PROCESSED_MODELS[form.filing.version_name]._default_manager
    presence = {
        name: RawSQL(sql, (), output_field=BooleanField())
        for name, sql in _presence_sql(form.id, cover.db).items()
    }
    fields = [f.attname for f in cover.model._meta.concrete_fields]
    versions = list(cover.filter(**wanted).order_by("amend_id").values(*fields, **presence))
    present = {name for row in versions for name in presence if row.pop(name)}
    rows = FilingRows(form.id, versions)
    for part, order, into in (
        *((summary, ("amend_id", "pk"), rows.summaries) for summary in form.summaries),
        *((item, ("amend_id", "line_item", "pk"), rows.items) for item in form.items),
    ):
        if _present(part.name) in present:
            model = PROCESSED_MODELS[part.version_name]._default_manager
            into[part.name] = list(model.filter(**wanted).order_by(*order).values())
    return rows


def read_filing(form_id: str, filing_id: int, amend_id: int | None = None) -> FilingRows:
    """Every version of a filing of a known form (or the one ``amend_id``); none is no rows."""
    return _read(specs.load().form(form_id), filing_id, amend_id)


def find_filing(filing_id: int) -> FilingRows:
    """Every version of a filing, whatever its form (the first form holding it)."""
    for form in specs.load().forms:
        rows = _read(form, filing_id, None)
        if rows.versions:
            return rows
    raise LookupError(f"no processed filing {filing_id}")
