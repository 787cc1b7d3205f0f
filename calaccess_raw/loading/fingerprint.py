"""Per-column fingerprints of a raw table: what its cleaned CSV says, and what the database holds.

Comparing every value through the ORM costs more than the load itself. A fingerprint instead
sums up each column in a few numbers, which Python computes from the typed rows a column batch at
a time (in C: ``map``, ``sum``, ``str.join``, ``hashlib``), while the load's helper streams them
to the database (:mod:`.background`) or from the CSV when verifying, and the database computes in
aggregate queries (:mod:`.stored`: one per run of rows), so no stored value passes through
Python:

- ``values``: the non-NULL values (a NULL stored where the file has a value, or the reverse);
- ``total``: for text, the characters (a value cut short); for integers the exact sum; for
  decimals the exact sum in units of the last decimal place (a value rounded); for floats the
  sum; for dates the sum of their ordinal days; for date-times the sum of their Unix seconds;
- ``empties``: for text, the empty values (an empty value swapped for another);
- ``digest``: for text, the MD5 of the hexadecimal MD5s of consecutive runs of
  :data:`CHUNK_ROWS` values in load order (the surrogate ``id``), each run's values joined by
  ``\\x1f``: one changed character anywhere, or rows swapped. The database computes one run's
  MD5 per query (PostgreSQL ``md5(string_agg(…))``, MySQL ``MD5(GROUP_CONCAT(…))``, SQLite
  ``crypto_md5(group_concat(…))`` of sqlean), so the text it holds in memory at once is a run's,
  whatever the table's length: over a whole column of the full export, PostgreSQL and SQLite
  would hold gigabytes, and MariaDB cuts a ``GROUP_CONCAT`` at ``max_allowed_packet`` (16 MB by
  default), which a run of the export's text stays far under (where one does not, the
  verification says so instead of reporting a false difference).

With the row count, a row dropped or duplicated changes every column's ``values``; a changed
number changes its column's sum. Two changes of one column that cancel out in its sum (one
amount up by a cent, another down by a cent) pass; the full comparison
(:func:`calaccess_raw.loading.verify.verify_table` with ``full=True``) catches those too.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from calaccess_raw.schema import Field

#: Between two values of a text column in its digest (a character the cleaned export never holds).
SEPARATOR = "\x1f"
#: Values of a text column per run of its ``digest``.
CHUNK_ROWS = 1000
EMPTY_DIGEST = hashlib.md5(b"").hexdigest()
#: Whether a typed value is not NULL, in C (``filter`` with it keeps the zeros).
IS_VALUE = functools.partial(operator.is_not, None)


@dataclass(frozen=True)
class ColumnPrint:
    """One column summed up; ``empties`` and ``digest`` concern text columns only."""

    column: str
    values: int
    total: int | float
    empties: int = 0
    digest: str = ""

    def differences(self, found: ColumnPrint) -> list[str]:
        """What differs in ``found`` (the database's), in words: empty when nothing does."""
        said = []
        for name, measure in MEASURES:
            wanted, stored = getattr(self, name), getattr(found, name)
            same = (
                math.isclose(wanted, stored, rel_tol=1e-9, abs_tol=1e-6)
                if isinstance(wanted, float) or isinstance(stored, float)
                else wanted == stored
            )
            if not same:
                said.append(f"{measure} {wanted!r} in the file, {stored!r} in the database")
        return said


#: The measures of a column print in the order a difference is reported, with their names.
MEASURES = (
    ("values", "non-NULL values"),
    ("empties", "empty values"),
    ("total", "total"),
    ("digest", "checksum"),
)


@dataclass(frozen=True)
class Fingerprint:
    rows: int
    columns: tuple[ColumnPrint, ...]


class TableSums:
    """The running fingerprint of typed rows, fed a batch at a time as one sequence of values
    per column (:meth:`calaccess_raw.loading.rows.TypedRows.column_batches`)."""

    def __init__(self, fields: tuple[Field, ...]) -> None:
        self.rows = 0
        self.columns = [_ColumnSum(field) for field in fields]

    def add(self, columns: Sequence[Sequence[object]]) -> None:
        self.rows += len(columns[0]) if columns else 0
        for column_sum, column in zip(self.columns, columns, strict=True):
            column_sum.add(column)

    def fingerprint(self) -> Fingerprint:
        return Fingerprint(self.rows, tuple(column.result() for column in self.columns))


@functools.lru_cache(maxsize=1 << 16)
def _date_days(text: str) -> int:
    """Ordinal days of a typed date (cached: dates repeat, and a cache hit stays in C)."""
    return date.fromisoformat(text).toordinal()


def _datetime_seconds(text: str) -> int:
    """Unix seconds of a typed date-time (UTC, ``1998-03-23 08:00:00``)."""
    return calendar.timegm(datetime.fromisoformat(text).timetuple())


def _decimal_sum(places: int) -> Callable[[Sequence[object]], int]:
    def total(values: Sequence[object]) -> int:
        return int(sum(map(Decimal, values), Decimal(0)).scaleb(places))  # type: ignore[arg-type]

    return total


def _total_of(field: Field) -> Callable[[Sequence[object]], int | float]:
    """How a typed column's non-NULL values add up (values as typed: text or numbers)."""
    if field.type == "IntegerField":
        return lambda values: sum(map(int, values))  # type: ignore[arg-type]
    if field.type == "DecimalField":
        assert field.decimal_places is not None
        return _decimal_sum(field.decimal_places)
    if field.type == "FloatField":
        return lambda values: math.fsum(map(float, values))  # type: ignore[arg-type]
    if field.type == "DateField":
        return lambda values: sum(map(_date_days, values))  # type: ignore[arg-type]
    return lambda values: sum(map(_datetime_seconds, values))  # type: ignore[arg-type]


class _ColumnSum:
    """The running fingerprint of one column, fed a column batch at a time."""

    def __init__(self, field: Field) -> None:
        self.field = field
        self.values = 0
        self.total: int | float = 0
        self.empties = 0
        self.digest = _RunDigest()
        self.total_of = None if field.is_text else _total_of(field)

    def add(self, column: Sequence[object]) -> None:
        if self.field.is_text:
            texts: Sequence[str] = column  # type: ignore[assignment]
            joined = SEPARATOR.join(texts)
            self.values += len(texts)
            self.total += len(joined) - max(len(texts) - 1, 0)  # less the separators
            self.empties += texts.count("")
            self.digest.add(texts, joined)
            return
        assert self.total_of is not None
        present = list(filter(IS_VALUE, column))
        self.values += len(present)
        self.total += self.total_of(present)

    def result(self) -> ColumnPrint:
        if not self.field.is_text:
            return ColumnPrint(self.field.column, self.values, self.total)
        return ColumnPrint(
            self.field.column, self.values, self.total, self.empties, self.digest.hexdigest()
        )


class _RunDigest:
    """The ``digest`` of a text column, fed its values a batch at a time (batches need not line
    up with the runs: a batch that skipped a malformed row is shorter)."""

    def __init__(self) -> None:
        self.outer = hashlib.md5()
        self.run = hashlib.md5()
        self.in_run = 0

    def add(self, texts: Sequence[str], joined: str) -> None:
        """Add ``texts``; ``joined`` is them joined by the separator, reused when the batch
        falls in one run (the usual case: batches and runs are both 1,000 rows)."""
        start = 0
        while start < len(texts):
            part = texts[start : start + CHUNK_ROWS - self.in_run]
            encoded = (joined if len(part) == len(texts) else SEPARATOR.join(part)).encode()
            self.run.update(SEPARATOR.encode() + encoded if self.in_run else encoded)
            self.in_run += len(part)
            start += len(part)
            if self.in_run == CHUNK_ROWS:
                self._end_run()

    def _end_run(self) -> None:
        self.outer.update(self.run.hexdigest().encode())
        self.run = hashlib.md5()
        self.in_run = 0

    def hexdigest(self) -> str:
        """The digest of the values added so far (more may be added after)."""
        if not self.in_run:
            return self.outer.hexdigest()
        outer = self.outer.copy()
        outer.update(self.run.hexdigest().encode())
        return outer.hexdigest()
