"""Whether a value fits its column: the declared schema, read with the loader's typing rules.

The cleaner repairs a row only where the schema leaves one reading of it (:mod:`.tabs`), so what
"fits" means must be strict and must be the project's own rules, not new ones:

* a **text** value fits when it is no longer than the column's *documented* length
  (:attr:`~calaccess_raw.schema.Field.max_length`), the state's own limit, not the doubled
  storage size (``db_max_length``) the database allows so that real over-long values are kept.
  A repair has to be backed by the documentation; storage only has to be generous;
* any **other** value fits when the loader's converter for its column takes it
  (:func:`calaccess_raw.values.rules.converter`): blank is NULL everywhere, integer columns
  also take the export's ``Y``/``N``/``X`` flags, dates are written ``9/29/2014 12:00:00 AM``
  (or ISO), decimals must fit their digits. A repaired row never holds a value the loader
  rejects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from calaccess_raw import schema

from .rules import BadValue, converter


@dataclass(frozen=True)
class ColumnRule:
    """What one column of a table accepts."""

    is_text: bool
    #: Documented length of a text column (None: no documented limit).
    max_length: int | None
    #: The loader's converter of a non-text column.
    convert: Callable[[str], object] | None

    @classmethod
    def of(cls, field: schema.Field) -> ColumnRule:
        return cls(field.is_text, field.max_length, converter(field))

    def accepts(self, value: str) -> bool:
        if self.is_text:
            return self.max_length is None or len(value) <= self.max_length
        assert self.convert is not None  # every column that is not text has a converter
        try:
            self.convert(value)
        except BadValue:
            return False
        return True


def column_rules(table: str, columns: Sequence[str]) -> tuple[ColumnRule, ...] | None:
    """The rules of a file's columns in its header order; None if the schema lacks the table or
    any of the columns (then nothing can be checked, and nothing is repaired)."""
    try:
        declared = schema.load().table(table)
        return tuple(ColumnRule.of(declared.field(column)) for column in columns)
    except KeyError:
        return None
