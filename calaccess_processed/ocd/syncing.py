"""Set-based writes for the big loaders: create what is missing, update what changed, in bulk.

Row by row, the candidate lists' thousands of people and candidacies take tens of thousands of
queries; here each table takes a few. A rerun over the same scrape writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

BATCH = 500


def sync_by_id(model: type[models.Model], rows: Mapping[str, Mapping[str, Any]]) -> int:
    """Make the rows with these primary keys hold these fields; return how many were created."""
    fields = sorted({name for row in rows.values() for name in row})
    stored = {
        row["pk"]: row
        for row in model._default_manager.filter(pk__in=list(rows)).values("pk", *fields)
    }
    new = [model(pk=pk, **row) for pk, row in rows.items() if pk not in stored]
    changed = [
        model(pk=pk, **row)
        for pk, row in rows.items()
        if pk in stored and any(stored[pk][name] != value for name, value in row.items())
    ]
    model._default_manager.bulk_create(new, batch_size=BATCH)
    if changed:
        model._default_manager.bulk_update(changed, fields, batch_size=BATCH)
    return len(new)


def add_missing(
    model: type[models.Model], key_fields: tuple[str, ...], rows: Iterable[tuple]
) -> int:
    """Create the rows (values of ``key_fields``) the table lacks; return how many."""
    stored = set(model._default_manager.values_list(*key_fields))
    new = [model(**dict(zip(key_fields, row, strict=True))) for row in set(rows) - stored]
    model._default_manager.bulk_create(new, batch_size=BATCH)
    return len(new)
