"""SQLite: ``executemany`` of the typed rows, in one transaction, typed by a helper meanwhile.

Inside one transaction (with a larger page cache) the table's indexes are dropped, its rows
deleted (and its id sequence reset), the rows inserted, and the indexes rebuilt. SQLite's DDL is
transactional: a failure rolls back to the previous rows *and* indexes, and other connections see
either the old table or the new one.

The rows are typed by the Python rules (:mod:`calaccess_raw.loading.values`; bad values are logged
and stored empty) in a helper process (:mod:`calaccess_raw.loading.background`) that streams them
as CSV; this process parses that CSV in C and hands it straight to ``executemany``, so typing and
inserting run at the same time. In that CSV a typed column is empty only where it is NULL, hence
``NULLIF(?, '')`` for typed columns; their text (``1998-03-23``, ``12.50``, ``7``) is stored
through the column's affinity exactly as the typed value would be.
"""

from __future__ import annotations

import contextlib
import csv
import gc
from collections.abc import Iterator

from django.db import transaction

from calaccess_raw.schema import Field

from .background import typed_csv
from .base import Loader, Replaced
from .errors import LoadError
from .rows import TypedRows

#: Page cache during a load (negative: KiB), restored afterwards. SQLite's default 2 MB makes
#: a large insert re-read its own pages; 128 MB cuts the load of a wide table by a quarter.
LOAD_CACHE_SIZE = -131072


class SQLiteLoader(Loader):
    vendor = "sqlite"

    def replace(self, fields: tuple[Field, ...], rows: TypedRows) -> Replaced:
        table = self.quote(self.table.name)
        placeholders = ", ".join("?" if field.is_text else "NULLIF(?, '')" for field in fields)
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
                with typed_csv(rows) as stream, collection_paused():
                    cursor.executemany(insert, csv.reader(stream))
                if cursor.rowcount != rows.rows:
                    raise LoadError(
                        f"{self.table.name}: SQLite stored {cursor.rowcount} of {rows.rows} rows"
                    )
                for _name, definition in indexes:
                    cursor.execute(definition)
            finally:
                cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
                cursor.close()
        return Replaced(rows.rows, "executemany")


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector: each parsed row is a new list, and the collections they
    trigger walk every object of the process (Django included) for no garbage, as the rows hold
    no cycles. Memory is still freed row by row by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
