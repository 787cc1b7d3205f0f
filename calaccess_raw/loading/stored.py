"""The fingerprint of a loaded raw table, computed by its database in one aggregate query.

Each measure of :mod:`calaccess_raw.loading.fingerprint` is one SQL expression per database,
declared below; the query reads the table once, and only one row of sums comes back. Text digests
join the values in ``id`` order (the order the load stored the file's rows): PostgreSQL aggregates
a subquery ordered by ``id``; MySQL scans the table by its primary key (``FORCE INDEX``: an
``ORDER BY`` inside each ``GROUP_CONCAT`` sorted the table once per text column, slower than the
full comparison), SQLite ``NOT INDEXED``, that is in rowid (``id``) order (an ordered subquery
cost it half as much again).
SQLite has no MD5 of its own: the query runs on a connection of
`sqlean.py <https://pypi.org/project/sqlean.py/>`_ (as the loader's does), whose ``crypto``
extension has one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from decimal import Decimal

import sqlean
from django.db.backends.base.base import BaseDatabaseWrapper

from calaccess_raw.schema import Field

from .fingerprint import EMPTY_DIGEST, SEPARATOR, ColumnPrint, Fingerprint

#: Per database: a text column's measures (non-NULL values, characters, empty values, digest).
#: SQLite counts the characters of the digest's ``group_concat`` (one aggregate serves both).
TEXTS = {
    "postgresql": "COUNT({c}), SUM(CHAR_LENGTH({c})), SUM(CASE WHEN {c} = '' THEN 1 ELSE 0 END), "
    "md5(string_agg({c}, chr(31)))",
    "mysql": "COUNT({c}), SUM(CHAR_LENGTH({c})), SUM(CHAR_LENGTH({c}) = 0), "
    f"MD5(GROUP_CONCAT({{c}} SEPARATOR '{SEPARATOR}'))",
    "sqlite": "COUNT({c}), LENGTH(group_concat({c}, char(31))) - COUNT({c}) + 1, "
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
#: MySQL's GROUP_CONCAT cuts its result at 1,024 bytes unless told otherwise (this is its maximum).
MYSQL_CONCAT_LENGTH = 4294967295


def stored_fingerprint(
    table: str, fields: tuple[Field, ...], connection: BaseDatabaseWrapper
) -> Fingerprint:
    """The fingerprint of what ``table`` holds in ``fields``, by one query on ``connection``."""
    vendor = connection.vendor
    quote = connection.ops.quote_name
    measures = ["COUNT(*)"]
    for field in fields:
        column = quote(field.column)
        if field.is_text:
            measures.append(TEXTS[vendor].format(c=column, id=quote("id")))
        else:
            scale = 10 ** (field.decimal_places or 0)
            measures.append(
                f"COUNT({column}), " + TOTALS[vendor][field.type].format(c=column, scale=scale)
            )
    source = SOURCES[vendor].format(table=quote(table), id=quote("id"))
    with _cursor(connection) as cursor:
        cursor.execute(f"SELECT {', '.join(measures)} FROM {source}")
        sums = list(cursor.fetchone())
    return Fingerprint(int(sums.pop(0)), tuple(_prints(fields, sums, vendor)))


def _prints(fields: tuple[Field, ...], sums: list, vendor: str) -> Iterator[ColumnPrint]:
    """The column prints of the query's row (its sums in ``fields`` order)."""
    position = 0
    for field in fields:
        if field.is_text:
            values, length, empties, digest = sums[position : position + 4]
            position += 4
            yield ColumnPrint(
                field.column,
                int(values),
                int(length or 0),
                int(empties or 0),
                digest or EMPTY_DIGEST,
            )
            continue
        values, total = sums[position : position + 2]
        position += 2
        yield ColumnPrint(field.column, int(values), _total(field, total, vendor))


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
