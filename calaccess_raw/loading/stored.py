"""The fingerprint of a loaded raw table, computed by its database in aggregate queries.

Each measure of :mod:`calaccess_raw.loading.fingerprint` is one SQL expression per database,
declared below. The table is read a run of :data:`~.fingerprint.CHUNK_ROWS` rows at a time, in
``id`` order (the order the load stored the file's rows), one query per run, in one
transaction; this module adds up the runs' sums, and each text column's run digests make its
``digest``. So the text a database holds at once is one run's, however long the table (over a
whole column, PostgreSQL and SQLite held the column's text in memory, and MariaDB cut it at
``max_allowed_packet``); the runs cost some 6 % more than one query on PostgreSQL, a fifth more
on MariaDB. A run ends at the ``id`` of its last row, found by the primary key, so runs are
counted in rows whatever the ids are. Text is aggregated in ``id`` order: PostgreSQL from a
subquery ordered by ``id``; MySQL scanning the primary key's range (an ``ORDER BY`` inside each
``GROUP_CONCAT`` sorted the values once per text column), SQLite ``NOT INDEXED``, that is the
rowid (``id``) range in order. Before any of it, the table's NOT NULL columns are read from the
database's catalogue.
SQLite has no MD5 of its own: the query runs on a connection of
`sqlean.py <https://pypi.org/project/sqlean.py/>`_ (as the loader's does), whose ``crypto``
extension has one.
"""

from __future__ import annotations

import contextlib
import functools
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
#: Per database: the rows of one run that a query reads (after the id ``{after}``, and ``{upto}``
#: the condition on its last id, if any), in ``id`` order where text is aggregated in scan order.
SOURCES = {
    "postgresql": "(SELECT * FROM {table} WHERE {id} > {after}{upto} ORDER BY {id}) AS loaded",
    "mysql": "{table} FORCE INDEX (PRIMARY) WHERE {id} > {after}{upto}",
    "sqlite": "{table} NOT INDEXED WHERE {id} > {after}{upto}",
}
#: Per database: the query parameter's placeholder (SQLite's is sqlean's own cursor's).
PLACEHOLDERS = {"postgresql": "%s", "mysql": "%s", "sqlite": "?"}
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
    measures = ", ".join(_measures(fields, quote, vendor, not_null))
    with _cursor(connection) as cursor:
        sums = _sums_by_run(cursor, vendor, measures, fields, quote(table), quote("id"))
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


def _sums_by_run(
    cursor: Any, vendor: str, measures: str, fields: tuple[Field, ...], table: str, id_: str
) -> list[Any]:
    """The measures of each run of CHUNK_ROWS rows (see the module's docstring), added up; the
    text columns' run digests made into their digests."""
    mark = PLACEHOLDERS[vendor]
    run_end = f"SELECT {id_} FROM {table} WHERE {id_} > {mark} ORDER BY {id_} LIMIT 1 OFFSET "
    run_end += str(CHUNK_ROWS - 1)
    source = functools.partial(SOURCES[vendor].format, table=table, id=id_, after=mark)
    every_run = f"SELECT {measures} FROM {source(upto='')}"
    one_run = f"SELECT {measures} FROM {source(upto=f' AND {id_} <= {mark}')}"
    digests = {position: hashlib.md5() for position in _digest_positions(fields)}
    sums: list[Any] = [0] * (1 + sum(map(_width, fields)))
    with _snapshot(cursor, vendor):
        after: int | None = 0
        while after is not None:
            cursor.execute(run_end, [after])
            found = cursor.fetchone()
            last = found[0] if found else None
            if last is None:  # the last run: what is left
                cursor.execute(every_run, [after])
            else:
                cursor.execute(one_run, [after, last])
            row = cursor.fetchone()
            if vendor == "mysql":
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


@contextlib.contextmanager
def _snapshot(cursor: Any, vendor: str) -> Iterator[None]:
    """One transaction around the runs' queries, so that they read one state of the table
    (MySQL's InnoDB and SQLite from its first read; PostgreSQL's default, READ COMMITTED,
    statement by statement, where only another update's load could change the table meanwhile,
    and the update lock keeps those apart)."""
    if vendor != "sqlite":
        with transaction.atomic(using=cursor.db.alias):
            yield
        return
    cursor.execute("BEGIN")  # sqlean's own connection: no transaction of Django's to meet
    try:
        yield
    finally:
        cursor.execute("COMMIT")


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


def _width(field: Field) -> int:
    """A column's measures in a row of them: ``TEXTS``' four, or a count and a total."""
    return 4 if field.is_text else 2


def _digest_positions(fields: tuple[Field, ...]) -> set[int]:
    """Where the text digests are in a row of measures (after the row count), the last of a text
    column's."""
    positions, position = set(), 1
    for field in fields:
        position += _width(field)
        if field.is_text:
            positions.add(position - 1)
    return positions


def _prints(fields: tuple[Field, ...], sums: list, vendor: str) -> Iterator[ColumnPrint]:
    """The column prints of the query's row (its sums in ``fields`` order)."""
    position = 0
    for field in fields:
        measures = sums[position : position + _width(field)]
        position += _width(field)
        if field.is_text:
            values, length, empties, digest = measures
            yield ColumnPrint(
                field.column,
                int(values or 0),
                int(length or 0),
                int(empties or 0),
                digest or EMPTY_DIGEST,
            )
            continue
        values, total = measures
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
