"""PostgreSQL: COPY straight into the typed table, in one transaction.

Everything happens in one transaction, so readers see the old contents (or wait for the lock)
until the new ones are complete, and any failure rolls all of it back:

1. the table's secondary indexes are dropped (PostgreSQL's DDL is transactional, so a rollback
   restores them; on success they are rebuilt at the end, which is faster than updating them row
   by row);
2. **fast path**: inside a savepoint, ``TRUNCATE … RESTART IDENTITY`` and a ``COPY … FREEZE`` of
   the cleaned file's bytes, unparsed by Python. PostgreSQL types the values itself: the session's
   ``DateStyle`` is MDY and its time zone California's, blanks are NULL in typed columns and
   ``''`` in text columns (``FORCE_NOT_NULL``). A file that is clean end to end (most tables)
   loads at the speed of a plain COPY;
3. **flags path**: if PostgreSQL refuses a value and the table has integer columns (where the
   export writes yes/no flags, ``Y``/``X``/``N``, which integer input refuses), the savepoint is
   rolled back and, in a new one, the file is COPYed again through
   :mod:`calaccess_raw.loading.flags`, which rewrites the flags in the integer columns as
   numbers by the rule of :mod:`calaccess_raw.values.rules` and passes everything else byte for
   byte, so PostgreSQL types the rest as on the fast path. A helper process does the rewrite (a
   split of each line up to the last integer column) while PostgreSQL stores the lines before;
4. **typed path**: if PostgreSQL still refuses a value (an integer that is neither a number nor
   a flag, an impossible date, a malformed row), the savepoint is rolled back and the file is typed
   by the Python rules (:mod:`calaccess_raw.values.rules`), which log each bad value with its
   line and store it empty. A helper process types (:mod:`calaccess_raw.loading.background`) and
   streams the typed rows as CSV, which this process passes on to COPY as they come (an empty typed
   value is NULL there too), so typing and PostgreSQL's work overlap;
5. indexes are rebuilt, then the transaction commits. Statistics are left to autovacuum, which
   analyses a table this changed soon after: an ``ANALYZE`` here cost as much as the COPY.

All paths type values the same way for the spellings the export uses. PostgreSQL alone accepts
some others (``Jan 5 2017``, ``NaN``), which the typed path would log.
"""

from __future__ import annotations

import logging
from io import BufferedReader

from django.db import DataError, transaction

from calaccess_raw.schema import Field
from calaccess_toolkit.extras import POSTGRESQL

from .background import fingerprinted, typed_csv
from .base import Loader, Replaced
from .flags import flags_rewritten
from .rows import TypedRows

if POSTGRESQL.installed():
    from psycopg.errors import DataError as CopyDataError
else:  # without the [postgresql] extra there is no PostgreSQL connection, and no COPY to fail
    CopyDataError = DataError

logger = logging.getLogger("calaccess.raw.load")

CHUNK_SIZE = 1 << 20

SECONDARY_INDEXES = """
    SELECT index_class.relname, pg_get_indexdef(pg_index.indexrelid)
    FROM pg_index
    JOIN pg_class AS index_class ON index_class.oid = pg_index.indexrelid
    WHERE pg_index.indrelid = %s::regclass
      AND NOT pg_index.indisprimary
      AND NOT EXISTS (
          SELECT 1 FROM pg_constraint WHERE pg_constraint.conindid = pg_index.indexrelid
      )
    ORDER BY index_class.relname
"""


class PostgreSQLLoader(Loader):
    vendor = "postgresql"

    def replace(self, fields: tuple[Field, ...], rows: TypedRows) -> Replaced:
        # PostgreSQL types the file itself on the COPY paths, so nothing in Python sums up the
        # rows for the verification: a helper does it alongside, on the other core, and the
        # verification then runs only the database's aggregate queries.
        with fingerprinted(self.csv_path, fields) as printing:
            replaced = self._replace(fields, rows)
        if rows.fingerprint is None:
            rows.fingerprint = printing.result
        return replaced

    def _replace(self, fields: tuple[Field, ...], rows: TypedRows) -> Replaced:
        table = self.quote(self.table.name)
        alias = self.connection.alias
        with transaction.atomic(using=alias), self.connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('DateStyle'), current_setting('TimeZone')")
            date_style, time_zone = cursor.fetchone()
            cursor.execute(SECONDARY_INDEXES, [table])
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {self.quote(name)}")
            cursor.execute("SET LOCAL DateStyle = 'ISO, MDY'")
            replaced = self._load_in_database(cursor, table, fields)
            if replaced is None:
                with transaction.atomic(using=alias):
                    cursor.execute("SET LOCAL TimeZone = 'UTC'")
                    replaced = Replaced(self._copy_typed(cursor, table, fields, rows), "typed")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SELECT set_config('DateStyle', %s, true)", [date_style])
            cursor.execute("SELECT set_config('TimeZone', %s, true)", [time_zone])
        return replaced

    def _load_in_database(self, cursor, table: str, fields: tuple[Field, ...]) -> Replaced | None:
        """Load the file with PostgreSQL typing every value (COPY, then with flags rewritten).

        Each attempt runs in its own savepoint; None when PostgreSQL refused a value in all.
        """
        attempts = [("copy", self._copy_file)]
        if any(field.type == "IntegerField" for field in fields):
            attempts.append(("flags", self._copy_flags_rewritten))
        for method, attempt in attempts:
            try:
                with transaction.atomic(using=self.connection.alias):
                    cursor.execute("SET LOCAL TimeZone = 'America/Los_Angeles'")
                    return Replaced(attempt(cursor, table, fields), method)
            except (CopyDataError, DataError) as error:  # COPY's, execute's
                logger.info("%s: %s refused the file (%s)", table, method, error)
        logger.info("%s: typing the file in Python", table)
        return None

    def _copy_sql(self, table: str, fields: tuple[Field, ...], header: bool) -> str:
        """COPY from CSV: blanks are NULL in typed columns and ``''`` in text columns."""
        options = ["FORMAT csv", f"HEADER {str(header).lower()}", "NULL ''", "FREEZE true"]
        text_columns = [self.quote(field.column) for field in fields if field.is_text]
        if text_columns:
            options.append(f"FORCE_NOT_NULL ({', '.join(text_columns)})")
        return f"COPY {table} ({self.column_list(fields)}) FROM STDIN WITH ({', '.join(options)})"

    def _copy_file(self, cursor, table: str, fields: tuple[Field, ...]) -> int:
        """Truncate and COPY the file as it is; PostgreSQL parses and types every value."""
        with open(self.csv_path, "rb") as handle:
            return self._truncate_and_copy(cursor, table, fields, handle, header=True)

    def _copy_flags_rewritten(self, cursor, table: str, fields: tuple[Field, ...]) -> int:
        """Truncate and COPY the file with its integer columns' flags rewritten as numbers."""
        positions = [index for index, field in enumerate(fields) if field.type == "IntegerField"]
        with flags_rewritten(self.csv_path, positions) as stream:
            return self._truncate_and_copy(cursor, table, fields, stream, header=True)

    def _copy_typed(self, cursor, table: str, fields: tuple[Field, ...], rows: TypedRows) -> int:
        """Truncate and COPY the rows as a helper types them; rows copied."""
        with typed_csv(rows, lineterminator="\n") as stream:
            return self._truncate_and_copy(cursor, table, fields, stream, header=False)

    def _truncate_and_copy(
        self, cursor, table: str, fields: tuple[Field, ...], stream: BufferedReader, header: bool
    ) -> int:
        """Empty the table and COPY the CSV ``stream`` into it; rows copied.

        ``read1`` passes on what a helper's pipe holds without waiting for a full chunk.
        """
        cursor.execute(f"TRUNCATE {table} RESTART IDENTITY")
        with cursor.copy(self._copy_sql(table, fields, header)) as copy:
            while chunk := stream.read1(CHUNK_SIZE):
                copy.write(chunk)
        return cursor.rowcount
