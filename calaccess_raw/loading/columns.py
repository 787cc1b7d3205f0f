"""Type a whole column of a batch at once, in C, when every value is spelled the plain way.

Typing value by value in Python costs more than SQLite's insert itself. Almost every column batch
of the export is spelled plainly, though: digits, blanks, ``M/D/YYYY`` dates. For those, one
regular-expression match over the joined column (or a ``map`` over a cached parser) proves every
value valid without a Python loop, and the values pass on as text that every database parses
exactly as :mod:`calaccess_raw.values.rules` would type them. Anything else returns None, and
the caller types that column batch value by value, logging what breaks its rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from calaccess_raw.schema import Field
from calaccess_raw.values.rules import BadValue, decimal_pattern, to_date, to_datetime

ColumnTyper = Callable[[Sequence[str]], Sequence[object] | None]


def _blanks_to_none(column: Sequence[str]) -> Sequence[object]:
    return [text or None for text in column] if "" in column else column


def _plain(pattern: str) -> ColumnTyper:
    """A typer passing the column on when every value is blank or matches ``pattern``."""
    every_line = re.compile(rf"(?:(?:{pattern})?\n)*").fullmatch

    def typed(column: Sequence[str]) -> Sequence[object] | None:
        joined = "\n".join(column) + "\n"
        if joined.count("\n") != len(column) or every_line(joined) is None:
            return None  # a line break inside a value, or a value needing a closer look
        return _blanks_to_none(column)

    return typed


def _cached(parse: Callable[[str], object]) -> ColumnTyper:
    """A typer mapping a cached parser (dates repeat) over the column, in C on cache hits."""

    def typed(column: Sequence[str]) -> Sequence[object] | None:
        try:
            return list(map(parse, column))
        except BadValue:
            return None

    return typed


def column_typer(field: Field) -> ColumnTyper | None:
    """The fast typer of a non-text column."""
    if field.type == "IntegerField":
        return _plain("[0-9]{1,9}")  # nine digits cannot leave the 32-bit range
    if field.type == "DecimalField":
        assert field.max_digits is not None and field.decimal_places is not None
        return _plain(decimal_pattern(field.max_digits, field.decimal_places))
    if field.type == "FloatField":
        return _plain(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")
    if field.type == "DateField":
        return _cached(to_date)
    if field.type == "DateTimeField":
        return _cached(to_datetime)
    return None
