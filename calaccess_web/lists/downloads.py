"""Downloads of a whole list, streamed from a server-side cursor, in flat memory and uncapped.

PostgreSQL reads through a named (server-side) cursor: Django's ``.iterator(chunk_size=…)``.
SQLite's cursor already steps through the result as it is fetched. MySQL/MariaDB drivers buffer a
whole result on the client unless asked otherwise, and Django's ``.iterator()`` does not ask, so
there the query's SQL (compiled by Django, parameters apart) runs on an unbuffered ``SSCursor``
of the same connection and Django's own converters type each row. Every format can prove it is
complete: NDJSON ends with a summary object holding the row count, and the manifest gives the row
count and SHA-256 of the CSV of the same query.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from . import keyset
from .spec import Query

CHUNK_ROWS = 2000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ndjson": "application/x-ndjson",
}


def rows(query: Query) -> Iterator[tuple[Any, ...]]:
    """Every row of the query, in the list's order, as tuples of the list's columns."""
    names = tuple(column.name for column in query.spec.columns)
    for phase in keyset.walk(query, names):
        yield from _stream(phase.values_list(*names))


def _stream(rows: QuerySet) -> Iterator[tuple[Any, ...]]:
    connection = connections[rows.db]
    if connection.vendor != "mysql":
        yield from rows.iterator(chunk_size=CHUNK_ROWS)
        return
    from pymysql.cursors import SSCursor  # the project's MySQL driver (installed as MySQLdb)

    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters(
        [expression for expression, _, _ in compiler.select[: compiler.col_count]]
    )
    connection.ensure_connection()
    cursor = connection.connection.cursor(SSCursor)
    try:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK_ROWS):
            if converters:
                batch = compiler.apply_converters(batch, converters)
            yield from (tuple(row) for row in batch)
    finally:
        cursor.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def csv_chunks(query: Query, counter: list[int] | None = None) -> Iterator[str]:
    """The CSV (header first), in pieces of :data:`CHUNK_ROWS` rows; counts rows in ``counter``.

    The csv module writes None as empty, numbers and dates by ``str`` (ISO dates, decimals with
    their cents); only flags need turning into ``true``/``false``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in query.spec.columns])
    flags = [i for i, column in enumerate(query.spec.columns) if column.type == "boolean"]
    count = 0
    batch: list[Any] = []
    for row in rows(query):
        if flags:
            cells = list(row)
            for index in flags:
                cells[index] = _text(cells[index])
            row = tuple(cells)
        batch.append(row)
        if len(batch) == CHUNK_ROWS:
            writer.writerows(batch)
            count += len(batch)
            batch = []
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(batch)
    count += len(batch)
    yield buffer.getvalue()
    if counter is not None:
        counter.append(count)


def json_chunks(query: Query) -> Iterator[str]:
    """One JSON array of row objects."""
    names = [column.name for column in query.spec.columns]
    yield "["
    separator = "\n"
    for row in rows(query):
        yield separator + json.dumps(dict(zip(names, map(_json_value, row), strict=True)))
        separator = ",\n"
    yield "\n]\n"


def ndjson_chunks(query: Query, summary: dict[str, Any]) -> Iterator[str]:
    """One row object per line, then ``{"summary": {...,"rows": N}}`` as the last line."""
    names = [column.name for column in query.spec.columns]
    count = 0
    for row in rows(query):
        count += 1
        yield json.dumps(dict(zip(names, map(_json_value, row), strict=True))) + "\n"
    yield json.dumps({"summary": {**summary, "rows": count}}) + "\n"


def chunks(query: Query, file_format: str, summary: dict[str, Any]) -> Iterator[str]:
    if file_format == "csv":
        return csv_chunks(query)
    if file_format == "json":
        return json_chunks(query)
    return ndjson_chunks(query, summary)


def csv_manifest(query: Query) -> dict[str, Any]:
    """Row count, byte size and SHA-256 of the query's CSV, computed by streaming it."""
    digest = hashlib.sha256()
    size = 0
    counter: list[int] = []
    for piece in csv_chunks(query, counter):
        data = piece.encode("utf-8")
        digest.update(data)
        size += len(data)
    return {"rows": counter[0], "bytes": size, "sha256": digest.hexdigest()}
