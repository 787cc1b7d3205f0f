"""A filing's versions, items and amendment diffs, and a filer's filings list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from calaccess_processed import specs
from calaccess_processed.diffing import diff_versions, snapshots_of
from calaccess_processed.diffing.reading import find_filing
from calaccess_processed.models import PROCESSED_MODELS
from calaccess_processed.models.base import PDF_URL

from . import NotFound
from .filing_tables import DiffTables, Schedule, diff_tables, schedule

VERSION_FIELDS = (
    "filing_id",
    "amend_id",
    "version_number",
    "version_count",
    "original_amend_id",
    "is_latest",
    "superseded_by_amend_id",
    "date_filed",
)


def version_status(row: dict[str, Any]) -> str:
    """``original`` or ``amendment n``, then ``current`` or ``superseded by amendment m``."""
    place = "original" if row["amend_id"] == 0 else f"amendment {row['amend_id']}"
    if row["is_latest"]:
        return f"{place}, current"
    return f"{place}, superseded by amendment {row['superseded_by_amend_id']}"


def _with_status(row: dict[str, Any], form: str) -> dict[str, Any]:
    row["status"] = version_status(row)
    row["form"] = form
    row["pdf_url"] = PDF_URL.format(filing_id=row["filing_id"], amend_id=row["amend_id"])
    return row


def filer_filings(internal_ids: set[int]) -> list[dict[str, Any]]:
    """Every version of every filing a filer made (one indexed query per form), newest first."""
    rows = []
    for form in specs.load().forms:
        model = PROCESSED_MODELS[form.filing.version_name]
        names = {f.name for f in model._meta.concrete_fields}
        wanted = [*VERSION_FIELDS, *(n for n in ("from_date", "thru_date") if n in names)]
        versions = model._default_manager.filter(filer_internal_id__in=internal_ids)
        for row in versions.values(*wanted):
            rows.append(_with_status(row, form.id))
    rows.sort(key=lambda r: (r["filing_id"], r["amend_id"]), reverse=True)
    return rows


@dataclass
class FilingPage:
    form: str
    form_description: str
    filing_id: int
    versions: list[dict[str, Any]]
    version: dict[str, Any]
    summary: list[tuple[str, Any]]
    schedules: list[Schedule]
    diffs: list[DiffTables]

    @property
    def filer_id(self) -> str:
        return self.version.get("filer_id") or ""


def filing_page(filing_id: int, amend_id: int | None = None) -> FilingPage:
    """A filing's versions, one version's summary and items, and every amendment's diff.

    Every version's rows are read once (see :mod:`calaccess_processed.diffing.reading`): the
    chosen version's items and the diffs are both built from them.
    """
    try:
        rows = find_filing(filing_id)
    except LookupError:
        raise NotFound(f"no processed filing {filing_id}") from None
    form = specs.load().form(rows.form)
    model = PROCESSED_MODELS[form.filing.version_name]
    versions = [_with_status(dict(row), rows.form) for row in rows.versions]
    chosen = amend_id if amend_id is not None else versions[-1]["amend_id"]
    version = next((row for row in versions if row["amend_id"] == chosen), None)
    if version is None:
        raise NotFound(f"filing {filing_id} has no amendment {chosen}")
    decimals = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)]
    labels = {f.name: str(f.help_text or f.name) for f in model._meta.concrete_fields}
    summary = [(labels[name], version[name]) for name in decimals]
    chosen_items = {
        name: [row for row in item_rows if row["amend_id"] == chosen]
        for name, item_rows in rows.items.items()
    }
    schedules = [
        schedule(item, chosen_items[item.name])
        for item in form.items
        if chosen_items.get(item.name)
    ]
    return FilingPage(
        rows.form,
        form.filing.description,
        filing_id,
        versions,
        version,
        [(label, value) for label, value in summary if value is not None],
        schedules,
        [diff_tables(diff) for diff in diff_versions(filing_id, snapshots_of(rows))]
        if len(versions) > 1
        else [],
    )
