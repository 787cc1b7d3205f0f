"""SQLite: the typed rows stream from a helper into ``INSERT … SELECT`` over a CSV virtual table.

The load runs on a connection of its own, opened with `sqlean.py <https://pypi.org/project/sqlean.py/>`_
(SQLite with extensions built in): its ``vsv`` virtual table reads CSV in C, so no row passes
through Python in this process. Python's own ``sqlite3`` binds every value of every row one by
one, which alone took longer than the typing (and many Python builds cannot load extensions).

1. ``BEGIN IMMEDIATE`` takes the write lock; the table's indexes are dropped (with a larger page
   cache for the load), its rows deleted and its id sequence reset;
2. the rows are typed by the Python rules (:mod:`calaccess_raw.values.rules`; bad values are
   logged and stored empty) in a helper process (:mod:`calaccess_raw.loading.background`) that
   writes them as CSV into a pipe; a ``vsv`` table over that pipe (``/dev/fd/N``) feeds one
   ``INSERT … SELECT``, so typing and storing run at the same time. A typed column is empty in
   that CSV only where it is NULL, hence ``NULLIF(…, '')``; its text (``1998-03-23``, ``12.50``,
   ``7``) is stored through the column's affinity exactly as the typed value would be;
3. the indexes are rebuilt and the transaction commits. SQLite's DDL is transactional: a failure
   rolls back to the previous rows *and* indexes, and other connections see either the old table
   or the new one.

Because the load has its own connection, it cannot run inside a transaction of Django's (its
write lock would block the load), nor on an in-memory database (which no second connection sees):
both are refused with :class:`~calaccess_raw.loading.errors.LoadError`, as MySQL refuses a load
inside a transaction.
"""

from __future__ import annotations

import contextlib

import sqlean

from calaccess_raw.schema import Field

from .background import typed_csv
from .base import Loader, Replaced
from .errors import LoadError
from .rows import TypedRows

#: Page cache during a load (negative: KiB). SQLite's default 2 MB makes a large insert re-read
#: its own pages; 128 MB cuts the load of a wide table by a quarter.
LOAD_CACHE_SIZE = -131072
#: The temporary ``vsv`` table over the helper's pipe.
SOURCE_TABLE = "calaccess_raw_source"
#: Seconds to wait for another connection's write lock (Django's default ``timeout`` too).
DEFAULT_TIMEOUT = 5


class SQLiteLoader(Loader):
    vendor = "sqlite"

    def prepare(self) -> None:
        if self.connection.in_atomic_block:
            raise LoadError(
                f"{self.table.name}: cannot load inside a transaction on SQLite "
                "(the load writes through a connection of its own)"
            )
        if self.connection.is_in_memory_db():
            raise LoadError(
                f"{self.table.name}: cannot load into an in-memory SQLite database "
                "(the load writes through a connection of its own)"
            )

    def replace(self, fields: tuple[Field, ...], rows: TypedRows) -> Replaced:
        table = self.quote(self.table.name)
        with contextlib.closing(self._connect()) as database:
            try:
                database.execute("BEGIN IMMEDIATE")
                database.execute(f"PRAGMA cache_size = {LOAD_CACHE_SIZE}")
                indexes = database.execute(
                    "SELECT name, sql FROM sqlite_master "
                    "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                    [self.table.name],
                ).fetchall()
                for name, _definition in indexes:
                    database.execute(f"DROP INDEX {self.quote(name)}")
                database.execute(f"DELETE FROM {table}")
                database.execute("DELETE FROM sqlite_sequence WHERE name = ?", [self.table.name])
                self.check_stored(self._insert(database, fields, rows), rows)
                for _name, definition in indexes:
                    database.execute(definition)
                database.execute("COMMIT")
            except sqlean.Error as error:
                raise LoadError(f"{self.table.name}: SQLite refused the load ({error})") from None
            finally:
                if database.in_transaction:
                    database.execute("ROLLBACK")
        return Replaced(rows.rows, "insert-select")

    def _connect(self) -> sqlean.Connection:
        settings = self.connection.settings_dict
        timeout = settings.get("OPTIONS", {}).get("timeout", DEFAULT_TIMEOUT)
        sqlean.extensions.enable("vsv")
        return sqlean.connect(str(settings["NAME"]), timeout=timeout, isolation_level=None)

    def _insert(
        self, database: sqlean.Connection, fields: tuple[Field, ...], rows: TypedRows
    ) -> int:
        """Stream the typed rows through a ``vsv`` table into the table; the rows stored."""
        source = f"temp.{SOURCE_TABLE}"
        names = [f"c{number}" for number in range(len(fields))]
        values = [
            name if field.is_text else f"NULLIF({name}, '')"
            for name, field in zip(names, fields, strict=True)
        ]
        with typed_csv(rows, lineterminator="\n") as stream:
            database.execute(
                f"CREATE VIRTUAL TABLE {source} USING vsv("
                f"filename='/dev/fd/{stream.fileno()}', "
                f"schema='CREATE TABLE source({', '.join(names)})', "
                f"columns={len(fields)}, header=no, nulls=off)"
            )
            try:
                inserted = database.execute(
                    f"INSERT INTO {self.quote(self.table.name)} ({self.column_list(fields)}) "
                    f"SELECT {', '.join(values)} FROM {source}"
                )
                stored = inserted.rowcount
                inserted.close()
            finally:
                database.execute(f"DROP TABLE {source}")  # closes its end of the pipe
        return stored
