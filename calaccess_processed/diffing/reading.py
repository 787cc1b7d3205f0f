"""Every version of one filing read in as few queries as its page and its diffs need.

The filing's versions come with one ``EXISTS`` per schedule summary and item model, so that
only the models holding rows of the filing are read after them, each once for every version: a
Form 460 has three summary and fourteen item models and a filing uses a few (the filing page of
a three-version Form 460 went from 34 queries to 10). Rows are plain dicts (``.values()``),
shared by the filing page's items and the amendment diffs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef

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


def _present(name: str) -> str:
    """The annotation telling whether a version has rows of model ``name``."""
    return f"has_{name}"


def _read(form: specs.FormSpec, filing_id: int, amend_id: int | None) -> FilingRows:
    wanted = {"filing_id": filing_id, **({} if amend_id is None else {"amend_id": amend_id})}
    parts = (*form.summaries, *form.items)
    presence = {
        _present(part.name): Exists(
            PROCESSED_MODELS[part.version_name]._default_manager.filter(
                filing_id=OuterRef("filing_id"), amend_id=OuterRef("amend_id")
            )
        )
        for part in parts
    }
    cover = PROCESSED_MODELS[form.filing.version_name]
    fields = [f.attname for f in cover._meta.concrete_fields]
    versions = list(
        cover._default_manager.filter(**wanted).order_by("amend_id").values(*fields, **presence)
    )
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
