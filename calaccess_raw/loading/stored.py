"""The fingerprint of a loaded raw table, computed by its database in aggregate queries.

Each measure of :mod:`calaccess_raw.loading.fingerprint` is one SQL expression per database,
declared below. PostgreSQL and SQLite read the table once, in one query of which only one row of
sums comes back. Text digests join the values in ``id`` order (the order the load stored the
file's rows): PostgreSQL aggregates a subquery ordered by ``id``; SQLite reads ``NOT INDEXED``,
that is in rowid (``id``) order (an ordered subquery cost it half as much again). MySQL, whose
``GROUP_CONCAT`` stops at ``max_allowed_packet``, reads each run of
:data:`~.fingerprint.CHUNK_ROWS` rows in a query of its own, a range of its primary key (read in
key order: an ``ORDER BY`` inside each ``GROUP_CONCAT`` sorted the values once per text column),
and this module adds up the runs' sums (the ``chunk_digest`` of :mod:`.fingerprint`); that costs
it a fifth more than one query did. Before any of it, the table's NOT NULL columns are read from
the database's catalogue.
SQLite has no MD5 of its own: the query runs on a connection of
`sqlean.py <https://pypi.org/project/sqlean.py/>`_ (as the loader's does), whose ``crypto``
extension has one.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import sqlean
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from calaccess_raw.schema import Field

from .errors import VerifyError
from .fingerprint import CHUNK_ROWS, EMPTY_DIGEST, SEPARATOR, ColumnPrint, Fingerprint

#: Per database: a text column's measures (non-NULL values, characters, empty values, digest),
#: ``{values}`` being how its non-NULL values are counted (see :func:`_not_null_columns`).
#: SQLite counts the characters of the digest's ``group_concat`` (one aggregate serves both).
TEXTS = {
    "postgresql": "{values}, SUM(CHAR_LENGTH({c})), SUM(CASE WHEN {c} = '' THEN 1 ELSE 0 END), "
    "md5(string_agg({c}, chr(31)))",
    "mysql": "{values}, SUM(CHAR_LENGTH({c})), SUM(CHAR_LENGTH({c}) = 0), "
    f"MD5(GROUP_CONCAT({{c}} SEPARATOR '{SEPARATOR}'))",
    "sqlite": "{values}, LENGTH(group_concat({c}, char(31))) - {values} + 1, "
    "SUM(LENGTH({c}) = 0), lower(hex(crypto_md5(group_concat({c}, char(31)))))",
}

#: Per database: how a typed column's total is computed, by field type (see :mod:`.fingerprint`).
TOTALS: dict[str, dict[str, str]] = {
    "postgresql": {
        "IntegerField": "SUM({c})",
        "DecimalField": "SUM({c})",
        "FloatField": "SUM({c})",
        "DateField": "SUM({c} - DATE '0001-01-01' + 1)",
        "DateTimeField": "SUM(CAST(EXTRACT(EPOCH FROM {c}) AS BIGINT))",
    },
    "mysql": {
        "IntegerField": "SUM({c})",
        "DecimalField": "SUM({c})",
        "FloatField": "SUM({c})",
        "DateField": "SUM(TO_DAYS({c}) - 365)",
        "DateTimeField": "SUM(TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', {c}))",
    },
    "sqlite": {  # decimals are stored with NUMERIC affinity (as REAL): summed as exact units
        "IntegerField": "SUM({c})",
        "DecimalField": "SUM(CAST(ROUND({c} * {scale}) AS INTEGER))",
        "FloatField": "SUM({c})",
        "DateField": "SUM(CAST(julianday({c}) - 1721424.5 AS INTEGER))",
        "DateTimeField": "SUM(CAST(strftime('%s', {c}) AS INTEGER))",
    },
}
#: Per database: the rows the query reads, in ``id`` order where it aggregates text in scan order.
SOURCES = {
    "postgresql": "(SELECT * FROM {table} ORDER BY {id}) AS loaded",
    "mysql": "{table} FORCE INDEX (PRIMARY)",
    "sqlite": "{table} NOT INDEXED",
}
#: MySQL's warning that a GROUP_CONCAT was cut short (at ``max_allowed_packet``).
MYSQL_CUT_BY_GROUP_CONCAT = 1260
#: MySQL's GROUP_CONCAT cuts its result at 1,024 bytes unless told otherwise (this is its maximum).
MYSQL_CONCAT_LENGTH = 4294967295


def stored_fingerprint(
    table: str, fields: tuple[Field, ...], connection: BaseDatabaseWrapper
) -> Fingerprint:
    """The fingerprint of what ``table`` holds in ``fields``, computed by ``connection``'s
    database (see the module's docstring)."""
    vendor = connection.vendor
    quote = connection.ops.quote_name
    not_null = _not_null_columns(table, connection)
    query = f"SELECT {', '.join(_measures(fields, quote, vendor, not_null))} FROM "
    query += SOURCES[vendor].format(table=quote(table), id=quote("id"))
    with _cursor(connection) as cursor:
        if vendor == "mysql":
            sums = _sums_by_run(cursor, query, fields, quote(table))
        else:
            cursor.execute(query)
            sums = list(cursor.fetchone())
    return Fingerprint(int(sums.pop(0) or 0), tuple(_prints(fields, sums, vendor)))


def _measures(fields: tuple[Field, ...], quote, vendor: str, not_null: set[str]) -> list[str]:
    """The query's measures: the rows, then each column's (see ``TEXTS`` and ``TOTALS``)."""
    measures = ["COUNT(*)"]
    for field in fields:
        column = quote(field.column)
        if field.is_text:
            values = "COUNT(*)" if field.column in not_null else f"COUNT({column})"
            measures.append(TEXTS[vendor].format(c=column, values=values))
        else:
            scale = 10 ** (field.decimal_places or 0)
            measures.append(
                f"COUNT({column}), " + TOTALS[vendor][field.type].format(c=column, scale=scale)
            )
    return measures


def _not_null_columns(table: str, connection: BaseDatabaseWrapper) -> set[str]:
    """The columns of ``table`` that the database declares NOT NULL, as it says now.

    Such a column holds a value in every row, so its non-NULL values are the rows: counting the
    rows costs the database nothing, counting a column's values a test of each (an eighth of
    MariaDB's work on RCPT_CD). A column made NULL-able since (by hand) is counted again.
    """
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
    return {column.name for column in description if not column.null_ok}


def _sums_by_run(cursor: Any, query: str, fields: tuple[Field, ...], table: str) -> list[Any]:
    """MySQL: the measures of each run of CHUNK_ROWS rows in ``id`` order (one query each, a
    range of the primary key read in its order), added up; each text column's run digests make
    its ``chunk_digest``. Runs are counted in rows, not ids, whatever the ids are. In one query
    grouped by run, MySQL gathered a run's values out of order. The runs are read in one
    transaction, so they see one snapshot of the table."""
    digests = {position: hashlib.md5() for position in _digest_positions(fields)}
    sums: list[Any] = [0] * (1 + sum(4 if field.is_text else 2 for field in fields))
    run_end = f"SELECT id FROM {table} WHERE id > %s ORDER BY id LIMIT 1 OFFSET {CHUNK_ROWS - 1}"
    with transaction.atomic(using=cursor.db.alias):
        after: int | None = 0
        while after is not None:
            cursor.execute(run_end, [after])
            found = cursor.fetchone()
            last = found[0] if found else None
            if last is None:  # the last run: what is left
                cursor.execute(f"{query} WHERE id > %s", [after])
            else:
                cursor.execute(f"{query} WHERE id > %s AND id <= %s", [after, last])
            row = cursor.fetchone()
            _refuse_cut_digests(cursor, table)
            for position, value in enumerate(row):
                if position not in digests:
                    sums[position] += value or 0
                elif value is not None:
                    digests[position].update(value.encode())
            after = last
    for position, digest in digests.items():
        sums[position] = digest.hexdigest()
    return sums


def _refuse_cut_digests(cursor: Any, table: str) -> None:
    """Raise when MySQL cut a run's ``GROUP_CONCAT`` (warning 1260): its digest would then
    differ from the file's for want of room, not because the data does."""
    cursor.execute("SHOW WARNINGS")
    for _level, code, _message in cursor.fetchall():
        if int(code) == MYSQL_CUT_BY_GROUP_CONCAT:
            raise VerifyError(
                f"{table}: a run of {CHUNK_ROWS} rows holds more text than the server's "
                "max_allowed_packet: raise it to verify this table"
            )


def _digest_positions(fields: tuple[Field, ...]) -> set[int]:
    """Where the text digests are in a row of measures (after the row count)."""
    positions, position = set(), 1
    for field in fields:
        if field.is_text:
            positions.add(position + 3)
        position += 4 if field.is_text else 2
    return positions


def _prints(fields: tuple[Field, ...], sums: list, vendor: str) -> Iterator[ColumnPrint]:
    """The column prints of the query's row (its sums in ``fields`` order)."""
    position = 0
    for field in fields:
        if field.is_text:
            values, length, empties, digest = sums[position : position + 4]
            position += 4
            digest = digest or EMPTY_DIGEST
            yield ColumnPrint(
                field.column,
                int(values or 0),
                int(length or 0),
                int(empties or 0),
                None if vendor == "mysql" else digest,
                digest if vendor == "mysql" else None,
            )
            continue
        values, total = sums[position : position + 2]
        position += 2
        yield ColumnPrint(field.column, int(values or 0), _total(field, total, vendor))


def _total(field: Field, total: object, vendor: str) -> int | float:
    if field.type == "FloatField":
        return float(total or 0)  # type: ignore[arg-type]
    if field.type == "DecimalField" and vendor != "sqlite":
        return int(Decimal(str(total or 0)).scaleb(field.decimal_places or 0))
    return int(total or 0)  # type: ignore[call-overload]


@contextlib.contextmanager
def _cursor(connection: BaseDatabaseWrapper) -> Iterator[Sequence]:
    """A cursor that can run the query: SQLite's on a sqlean connection to the same file."""
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            if connection.vendor == "mysql":
                cursor.execute(f"SET SESSION group_concat_max_len = {MYSQL_CONCAT_LENGTH}")
            yield cursor
        return
    sqlean.extensions.enable("crypto")
    with contextlib.closing(sqlean.connect(str(connection.settings_dict["NAME"]))) as database:
        yield database.cursor()
