"""Keyset pagination by an opaque cursor: the 10,000th page costs about what the first does.

A page is ``WHERE (sort, id) < (last sort, last id) ORDER BY sort, id LIMIT n`` on an index of
``(sort, id)``, never an OFFSET. Rows whose sort value is NULL come last in either direction, as
a second phase ordered by id alone (``WHERE sort IS NULL AND id < last id``): each phase is one
range of the same index, on every database, whatever its own NULL ordering. The cursor is the
last row's phase, sort value and id, with the sort it belongs to, as signed JSON (base64): a
cursor that was altered, truncated or made for another sort is refused (400), never guessed at.

Paging back is the same seek in the reverse direction: a ``previous`` cursor holds the first row
of a page and a flag, and the rows before it are read in reverse order (phase 1 then phase 0)
from the same index, then put back in the list's order. Pages reached backwards end exactly
where the forward pages did, so forward then back returns the same pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core import signing
from django.db import connections
from django.db.models import F, Q, QuerySet

# Django 5.2's row comparisons, which django-stubs does not describe yet.
from django.db.models.fields.tuple_lookups import (  # type: ignore[import-untyped]
    TupleGreaterThan,
    TupleLessThan,
)

from .spec import ListError, Query, Sort

SALT = "calaccess_web.lists.cursor"


@dataclass(frozen=True)
class Position:
    """Where a page ends: ``phase`` 0 among the sort values, 1 among the NULLs."""

    phase: int
    value: Any
    id: int
    backward: bool = False


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    next_cursor: str | None
    previous_cursor: str | None = None


def encode(query: Query, position: Position) -> str:
    value = position.value
    if isinstance(value, datetime.date | Decimal):
        value = str(value)
    payload = {"s": query.sort_text, "p": position.phase, "v": value, "k": position.id}
    if position.backward:
        payload["b"] = 1
    return signing.dumps(payload, salt=SALT, compress=False)


def decode(query: Query) -> Position | None:
    """The position a request's cursor names, or :class:`ListError`."""
    if not query.cursor:
        return None
    try:
        payload = signing.loads(query.cursor, salt=SALT)
        if payload["s"] != query.sort_text:
            raise ListError("cursor", "was made for another sort order; start from the first page")
        phase, value, key = int(payload["p"]), payload["v"], int(payload["k"])
        backward = payload.get("b", 0)
        if phase not in (0, 1) or backward not in (0, 1):
            raise ValueError(phase)
        typed = None if phase else _typed(query.sort, value)
        return Position(phase, typed, key, bool(backward))
    except ListError:
        raise
    except (signing.BadSignature, KeyError, TypeError, ValueError, ArithmeticError):
        raise ListError("cursor", "is not a cursor this list gave out") from None


def _typed(sort: Sort, value: Any) -> Any:
    if sort.type == "date":
        return datetime.date.fromisoformat(value)
    if sort.type == "decimal":
        return Decimal(value)
    if sort.type == "integer":
        return int(value)
    return str(value)


def ordered(query: Query, rows: QuerySet, phase: int, reverse: bool = False) -> QuerySet:
    """One phase's rows in the list's order (phase 1: the NULL sort values, by id).

    ``reverse`` reads them the other way round, as paging back does.
    """
    field = query.sort.field
    descending = query.descending != reverse
    if phase == 0:
        keys = [F(field), F("id")]
        rows = rows.filter(**{f"{field}__isnull": False})
    else:
        keys = [F("id")]
        rows = rows.filter(**{f"{field}__isnull": True})
    return rows.order_by(*(key.desc() if descending else key.asc() for key in keys))


def after(query: Query, rows: QuerySet, position: Position, reverse: bool = False) -> QuerySet:
    """The rows of the position's phase that come after it.

    Among the sort values: a row comparison ``(sort, id) < (v, k)`` where the database has them
    (PostgreSQL, MySQL: one range of the index); elsewhere (SQLite, as Django sees it) the bound
    alone, ``sort <= v``, is the index range to seek to, and the OR drops only the rows of that
    one value already shown (Django's own fallback, an OR of two ranges, makes SQLite sort).
    ``reverse``: the rows that come before it, in the reverse order.
    """
    descending = query.descending != reverse
    after_op = "lt" if descending else "gt"
    if position.phase == 1:
        return rows.filter(**{f"id__{after_op}": position.id})
    field = query.sort.field
    if getattr(connections[rows.db].features, "supports_tuple_lookups", False):
        comparison = TupleLessThan if descending else TupleGreaterThan
        return rows.filter(comparison((F(field), F("id")), (position.value, position.id)))
    bound = "lte" if descending else "gte"
    return rows.filter(**{f"{field}__{bound}": position.value}).filter(
        Q(**{f"{field}__{after_op}": position.value}) | Q(**{f"id__{after_op}": position.id})
    )


def walk(query: Query, columns: tuple[str, ...]) -> list[QuerySet]:
    """Both phases of the whole result, in order: what a download streams."""
    rows = query.queryset().values(*columns)
    return [ordered(query, rows, 0), ordered(query, rows, 1)]


def _position(query: Query, row: dict[str, Any], backward: bool = False) -> Position:
    value = row[query.sort.field]
    return Position(int(value is None), value, row["id"], backward)


def page(query: Query, columns: tuple[str, ...]) -> Page:
    """One page of the query from its cursor, with the cursors of the next and previous pages.

    Forward, the page is the rows after the cursor's row; backward (a ``previous`` cursor), the
    rows before it, read in reverse from the cursor's phase down to phase 0.
    """
    position = decode(query)
    backward = bool(position and position.backward)
    base = query.queryset().values(*columns, "id", query.sort.field)
    found: list[dict[str, Any]] = []
    start_phase = position.phase if position else 0
    phases = range(start_phase, -1, -1) if backward else range(start_phase, 2)
    for phase in phases:
        rows = ordered(query, base, phase, reverse=backward)
        if position and position.phase == phase:
            rows = after(query, rows, position, reverse=backward)
        found.extend(rows[: query.limit + 1 - len(found)])
        if len(found) > query.limit:
            break
    more = len(found) > query.limit
    found = found[: query.limit]
    if backward:
        found.reverse()
        # The cursor's own row comes after this page, so there is always a next page.
        next_cursor = encode(query, _position(query, found[-1])) if found else None
        previous_cursor = encode(query, _position(query, found[0], True)) if more else None
        return Page(found, next_cursor, previous_cursor)
    next_cursor = encode(query, _position(query, found[-1])) if more else None
    # Any cursor forward means rows before this page: the previous page starts from its first.
    previous_cursor = None
    if position and found:
        previous_cursor = encode(query, _position(query, found[0], True))
    return Page(found, next_cursor, previous_cursor)
