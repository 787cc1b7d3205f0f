"""The filing page's item and diff tables as the rows they show, built once in Python.

The template used to find each item's date and amount by a column name chosen at run time
(``row|field:…``), index the diffs' tuples (``change.0``: a dict lookup, an attribute lookup and
a ``dir()`` before the index), sort the summary changes (``dictsort``) and describe each added or
removed item with a filter; on the benchmark's three-version Form 460 that was most of the
page's rendering. The rows keep the raw values the template formats (``date``, ``money``,
``default_if_none``), so the page shows what it did.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from calaccess_processed import specs
from calaccess_processed.diffing import AmendmentDiff
from calaccess_processed.models import PROCESSED_MODELS
from calaccess_web.templatetags.calaccess_browser import money

#: An item's cells: line, transaction, name, date, amount, memo flag.
ItemRow = tuple[Any, Any, str, Any, Any, Any]
#: A changed summary field: its name, before, after and the signed change of an amount.
SummaryRow = tuple[str, Any, Any, str]
#: An added or removed item: its schedule, key and a few words.
ItemChangeRow = tuple[str, str, str]
#: A changed item: its schedule, key and each changed field's name, before and after.
ChangedRow = tuple[str, str, list[tuple[str, Any, Any]]]


@dataclass
class Schedule:
    """One schedule's items in one version, with the columns a reader scans first."""

    name: str
    description: str
    rows: list[ItemRow]


@dataclass
class DiffTables:
    """One amendment's diff as the rows of its summary and items tables, in order."""

    diff: AmendmentDiff
    summary: list[SummaryRow]
    added: list[ItemChangeRow]
    removed: list[ItemChangeRow]
    changed: list[ChangedRow]


def _pick(model: type[models.Model], *suffixes: str) -> str | None:
    names = [f.name for f in model._meta.concrete_fields]
    for suffix in suffixes:
        for name in names:
            if name == suffix or name.endswith("_" + suffix):
                return name
    return None


def _first_and_last(values: dict[str, Any]) -> tuple[str, str]:
    """The first non-blank first name and last name among the row's columns."""
    first = next((v for k, v in values.items() if k.endswith("firstname") and v), "")
    last = next((v for k, v in values.items() if k.endswith("lastname") and v), "")
    return first, last


def schedule(item: specs.ModelSpec, rows: list[dict[str, Any]]) -> Schedule:
    """A schedule's rows of one version (by line) as its table's cells."""
    model = PROCESSED_MODELS[item.version_name]
    date = _pick(model, "date_received", "expense_date", "transaction_date", "date")
    amount = _pick(model, "net_amount", "amount")
    cells = [
        (
            row["line_item"],
            row.get("transaction_id", ""),
            " ".join(part for part in _first_and_last(row) if part),
            row.get(date) if date else None,
            row.get(amount) if amount else None,
            row.get("is_memo"),
        )
        for row in rows
    ]
    return Schedule(item.name, item.description, cells)


def _item_text(values: dict[str, Any]) -> str:
    """An item in a few words for the diff: its name and amount."""
    first, last = _first_and_last(values)
    amount = values.get("net_amount", values.get("amount"))
    parts = [f"{first} {last}".strip()] + ([money(amount)] if amount is not None else [])
    return " · ".join(part for part in parts if part)


def _delta(before: Any, after: Any) -> str:
    """After minus before, signed, when both are amounts (empty otherwise)."""
    amounts = (before, after)
    if not all(isinstance(v, (Decimal, int, float)) and not isinstance(v, bool) for v in amounts):
        return ""
    return f"{Decimal(str(after)) - Decimal(str(before)):+,.2f}"


def diff_tables(diff: AmendmentDiff) -> DiffTables:
    """The diff's summary changes by field name, then its added, removed and changed items."""
    summary = sorted(diff.summary.items(), key=lambda pair: pair[0])
    return DiffTables(
        diff,
        [(name, before, after, _delta(before, after)) for name, (before, after) in summary],
        [(model, key, _item_text(values)) for (model, key), values in diff.added.items()],
        [(model, key, _item_text(values)) for (model, key), values in diff.removed.items()],
        [
            (model, key, [(name, before, after) for name, (before, after) in changes.items()])
            for (model, key), changes in diff.changed.items()
        ],
    )
