"""Template filters of the browser's pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def joined(row: dict[str, Any], columns: str) -> str:
    """The row's values of the space-separated columns, blanks left out (``—`` when all are)."""
    names = columns.split()
    values = [str(row.get(column) or "").strip() for column in names]
    separator = " " if all(name.endswith("name") for name in names) else " · "
    return separator.join(value for value in values if value) or "—"


@register.filter
def money(value: Any) -> str:
    """Dollars with cents and thousands separators; ``—`` for no figure."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(str(value)):,.2f}"


@register.filter
def field(row: dict[str, Any], name: str | None) -> Any:
    """A row's value by a column name chosen at run time (``None`` without one)."""
    return row.get(name) if name else None


@register.filter
def item_text(values: dict[str, Any]) -> str:
    """An item in a few words for the diff: its name, date and amount."""
    first = next((v for k, v in values.items() if k.endswith("firstname") and v), "")
    last = next((v for k, v in values.items() if k.endswith("lastname") and v), "")
    amount = values.get("net_amount", values.get("amount"))
    parts = [f"{first} {last}".strip()] + ([money(amount)] if amount is not None else [])
    return " · ".join(part for part in parts if part)


@register.filter
def delta(change: tuple[Any, Any]) -> str:
    """After minus before, signed, when both are amounts (empty otherwise)."""
    before, after = change
    if not all(isinstance(v, (Decimal, int, float)) and not isinstance(v, bool) for v in change):
        return ""
    return f"{Decimal(str(after)) - Decimal(str(before)):+,.2f}"
