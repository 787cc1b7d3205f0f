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
