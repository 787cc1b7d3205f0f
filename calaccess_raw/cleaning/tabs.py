"""Repair a row split by tabs typed inside its values, when the schema leaves one reading.

The export separates fields with tabs and does not escape a tab typed inside a value, so
``TV Ads; … Act<TAB>(Cumulative: $31,125.00)`` arrives as two fields and its row has one field too
many. Each extra field is one such tab: joining back ``k`` pairs of adjacent fields (with the tab
they had) gives a row of the header's width. The line does not say which pairs, but the declared
schema often leaves a single choice. The rule, "repair without guessing":

* consider every way of joining adjacent fields back into a row of the header's width;
* keep those where every value fits its column (type, documented length:
  :mod:`calaccess_raw.values.column_rules`)
  and every joined value lands in a text column;
* repair if exactly one row remains; log the line, as before, if none or several remain.

In S496_CD (12 columns) the 13-field row ``… | 5625 | 9/29/2014 12:00:00 AM | TV Ads; … Act |
(Cumulative: $31,125.00) | | |`` has one reading: joined anywhere else, a text lands in the
date or amount, or a value overflows the one-letter MEMO_CODE or four-letter FORM_TYPE. In LEXP_CD,
``Aris | Evia | Assemblymember Jackson`` in BENE_NAME and BENE_POSIT joins either way, so the line
stays logged. Two different joinings never give the same row (the tabs inside the values say
where each was joined), so "one surviving row" and "one surviving joining" are the same thing.

More than :data:`MAX_EXTRA_FIELDS` extra fields are logged without trying: the more tabs are
missing, the more readings fit by chance, and a row that broken is better read by a person.
Tables or columns the schema does not declare are never repaired (nothing to check them by).

The search does not list the ``C(n + k - 1, k)`` candidate rows (43,680 for RCPT_CD's 63
columns and 3 extra fields): it counts, column by column from the last, the readings of "columns
``j…`` from field ``i`` on", capped at two. That is at most ``(k + 1)²`` value checks per column,
and memory bounded by the row. Only lines with too many fields come here, never the fast path.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from calaccess_raw.values.column_rules import ColumnRule, column_rules

#: Most extra fields (tabs inside values) a row may have and still be repaired.
MAX_EXTRA_FIELDS = 3

#: Counts of readings are capped here: two already means "several".
_SEVERAL = 2


class TabRepair:
    """The repair of one table's over-long rows: ``repair(fields)`` is the row, or None."""

    def __init__(
        self, table: str, header: Sequence[str], max_extra_fields: int = MAX_EXTRA_FIELDS
    ) -> None:
        self.table = table
        self.header = tuple(header)
        self.max_extra_fields = max_extra_fields

    @functools.cached_property
    def rules(self) -> tuple[ColumnRule, ...] | None:
        """The header's column rules, read from the schema when the first over-long row comes."""
        return column_rules(self.table, self.header)

    def __call__(self, fields: Sequence[str]) -> list[str] | None:
        extra = len(fields) - len(self.header)
        if not 0 < extra <= self.max_extra_fields or self.rules is None:
            return None
        return unique_reading(fields, self.rules)


def unique_reading(fields: Sequence[str], rules: Sequence[ColumnRule]) -> list[str] | None:
    """The one row of ``len(rules)`` values that ``fields`` joins back to, or None (none/several).

    Going from the last column to the first, ``counts[used]`` is how many readings fit columns
    ``column…`` read from field ``column + used`` on (``used``: tabs already joined back), capped
    at 2 ("several"), and ``taken[column][used]`` how many fields ``column`` takes in the last
    reading found there, which is *the* reading when there is one.
    """
    columns, extra = len(rules), len(fields) - len(rules)
    if extra < 0:
        raise ValueError(f"{len(fields)} fields cannot fill {columns} columns")
    counts = [0] * extra + [1]  # past the last column, a reading must have joined every tab
    taken = [[0] * (extra + 1) for _ in range(columns)]
    for column in reversed(range(columns)):
        rule, following, counts = rules[column], counts, [0] * (extra + 1)
        for used in range(extra + 1):
            start = column + used
            for joined in range(extra - used + 1 if rule.is_text else 1):
                after = following[used + joined]
                if after and rule.accepts("\t".join(fields[start : start + joined + 1])):
                    counts[used] = min(counts[used] + after, _SEVERAL)
                    taken[column][used] = joined + 1
    if counts[0] != 1:
        return None
    row, used = [], 0
    for column in range(columns):
        start, span = column + used, taken[column][used]
        row.append("\t".join(fields[start : start + span]))
        used += span - 1
    return row
