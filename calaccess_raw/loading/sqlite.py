"""SQLite: batched ``executemany`` of the typed rows, in one transaction.

Inside one transaction (with a larger page cache) the table's indexes are dropped, its rows
deleted (and its id sequence
reset), the CSV's rows typed by the Python rules (:mod:`calaccess_raw.loading.values`; bad values
are logged and stored empty) and streamed into one ``executemany``, and the indexes rebuilt.
SQLite's DDL is transactional: a failure rolls back to the previous rows *and* indexes, and other
connections see either the old table or the new one.
"""

from __future__ import annotations

import itertools

from django.db import transaction

from calaccess_raw.schema import Field

from .base import Loader, Replaced
from .rows import TypedRows

#: Page cache during a load (negative: KiB), restored afterwards. SQLite's default 2 MB makes
#: a large insert re-read its own pages; 128 MB cuts the load of a wide table by a quarter.
LOAD_CACHE_SIZE = -131072


class SQLiteLoader(Loader):
    vendor = "sqlite"

    def replace(self, fields: tuple[Field, ...], rows: TypedRows) -> Replaced:
        table = self.quote(self.table.name)
        placeholders = ", ".join("?" for _ in fields)
        insert = f"INSERT INTO {table} ({self.column_list(fields)}) VALUES ({placeholders})"
        with transaction.atomic(using=self.connection.alias):
            cursor = self.connection.connection.cursor()
            cache_size = cursor.execute("PRAGMA cache_size").fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = {LOAD_CACHE_SIZE}")
            try:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master "
                    "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                    [self.table.name],
                )
                indexes = cursor.fetchall()
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {self.quote(name)}")
                cursor.execute(f"DELETE FROM {table}")
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = ?", [self.table.name])
                cursor.executemany(insert, itertools.chain.from_iterable(rows.batches()))
                for _name, definition in indexes:
                    cursor.execute(definition)
            finally:
                cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
                cursor.close()
        return Replaced(rows.rows, "executemany")
