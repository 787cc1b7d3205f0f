"""MySQL and MariaDB: LOAD DATA LOCAL INFILE into a shadow table, then one atomic RENAME.

MySQL commits implicitly around DDL, so one transaction cannot cover a reload. Instead:

1. a shadow table ``<TABLE>__loading`` is created ``LIKE`` the real one and its secondary indexes
   dropped (they are rebuilt in one sorted pass after the load);
2. the CSV is typed by the Python rules (:mod:`calaccess_raw.values.rules`; bad values are
   logged and stored empty) in a helper process (:mod:`calaccess_raw.loading.background`) that
   writes the typed rows, tab-separated by the ``csv`` module (in C) with a backslash before
   every tab, newline and backslash inside a value, into a pipe, which ``LOAD DATA LOCAL INFILE``
   reads as ``/dev/fd/N`` while the helper is still typing. A typed column is empty only where its
   value is NULL (text columns are never NULL), so the load reads typed columns through
   ``NULLIF(…, '')``. Any warning MySQL raises would mean a value it silently changed, so a
   warning fails the load;
3. the indexes are rebuilt on the shadow table, then ``RENAME TABLE`` swaps the shadow for the
   real table atomically: readers see the old rows, then all the new ones. The old table is
   dropped.

Whatever fails, ``finalize`` drops the shadow table and the real table is untouched. Loads cannot
run inside a transaction here (the DDL would commit it), and raw tables must not be the target of
foreign keys (MySQL moves those with the renamed table).
"""

from __future__ import annotations

import csv

from calaccess_raw.schema import Field

from .background import typed_csv
from .base import Loader, Replaced
from .errors import LoadError
from .rows import TypedRows

#: The ``csv.writer`` options of the rows LOAD DATA reads: tab-separated, no quoting, a backslash
#: before every tab, newline and backslash inside a value.
TSV_FORMAT = {
    "delimiter": "\t",
    "quoting": csv.QUOTE_NONE,
    "quotechar": None,
    "escapechar": "\\",
    "lineterminator": "\n",
}


class MySQLLoader(Loader):
    vendor = "mysql"

    def prepare(self) -> None:
        if self.connection.in_atomic_block:
            raise LoadError(
                f"{self.table.name}: cannot load inside a transaction on MySQL "
                "(its DDL commits implicitly)"
            )
        self.shadow = f"{self.table.name}__loading"
        self.replaced = f"{self.table.name}__replaced"
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.quote(self.shadow)}")
            cursor.execute(f"DROP TABLE IF EXISTS {self.quote(self.replaced)}")

    def replace(self, fields: tuple[Field, ...], rows: TypedRows) -> Replaced:
        table, shadow = self.quote(self.table.name), self.quote(self.shadow)
        with self.connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {shadow} LIKE {table}")
            indexes = self._secondary_indexes(cursor, shadow)
            if indexes:
                drops = ", ".join(f"DROP INDEX {self.quote(name)}" for name in indexes)
                cursor.execute(f"ALTER TABLE {shadow} {drops}")
            with typed_csv(rows, **TSV_FORMAT) as stream:
                cursor.execute(
                    f"LOAD DATA LOCAL INFILE %s INTO TABLE {shadow} CHARACTER SET utf8mb4 "
                    "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' "
                    f"{self._targets(fields)}",
                    [f"/dev/fd/{stream.fileno()}"],
                )
                loaded = cursor.rowcount
                cursor.execute("SHOW WARNINGS LIMIT 1")
                warning = cursor.fetchone()
            if warning:
                raise LoadError(f"{self.table.name}: MySQL changed a value ({warning[2]})")
            self.check_stored(loaded, rows)
            if indexes:
                adds = ", ".join(
                    f"ADD {'INDEX' if non_unique else 'UNIQUE INDEX'} {self.quote(name)} "
                    f"({', '.join(columns)})"
                    for name, (non_unique, columns) in indexes.items()
                )
                cursor.execute(f"ALTER TABLE {shadow} {adds}")
            old = self.quote(self.replaced)
            cursor.execute(f"RENAME TABLE {table} TO {old}, {shadow} TO {table}")
            cursor.execute(f"DROP TABLE {old}")
        return Replaced(loaded, "load-data")

    def finalize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.quote(self.shadow)}")

    def _targets(self, fields: tuple[Field, ...]) -> str:
        """LOAD DATA's column list: text columns directly, typed ones through ``NULLIF``."""
        targets, nulls = [], []
        for number, field in enumerate(fields):
            column = self.quote(field.column)
            if field.is_text:
                targets.append(column)
            else:
                targets.append(f"@v{number}")
                nulls.append(f"{column} = NULLIF(@v{number}, '')")
        clause = f"({', '.join(targets)})"
        return f"{clause} SET {', '.join(nulls)}" if nulls else clause

    def _secondary_indexes(self, cursor, table: str) -> dict[str, tuple[bool, list[str]]]:
        """Secondary indexes by name: (non-unique?, quoted columns in index order)."""
        cursor.execute(f"SHOW INDEX FROM {table}")
        names = [column[0] for column in cursor.description]
        indexes: dict[str, tuple[bool, list[str]]] = {}
        for values in cursor.fetchall():
            index = dict(zip(names, values, strict=True))
            if index["Key_name"] == "PRIMARY":
                continue
            column = self.quote(index["Column_name"])
            if index["Sub_part"]:
                column += f"({index['Sub_part']})"
            entry = indexes.setdefault(index["Key_name"], (bool(index["Non_unique"]), []))
            entry[1].append(column)
        return indexes
