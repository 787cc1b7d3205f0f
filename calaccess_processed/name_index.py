"""The contributors' name index: a case-blind substring search served by each database's own
index, one class per database.

The browser's ``name`` filter of contributions is a case-blind substring match on the latest
Schedule A items' last and first names (``LOWER(column) LIKE '%word%'``). No B-tree serves it:
at 1,000,000 contributions a search read every row of its date range and tested each.

- PostgreSQL: pg_trgm GIN indexes on ``LOWER(column)`` (migration 0009) serve that very LIKE;
  the condition stays the plain LIKE.
- SQLite: an external-content FTS5 table with the ``trigram`` tokenizer (case-blind: its default
  ``case_sensitive 0``) over both names, keyed by the item's id; the condition is
  ``id IN (SELECT rowid FROM <fts> WHERE <fts> MATCH ?)`` with the word as one FTS5 string
  (``"…"``, inner quotes doubled), so no input can be FTS5 syntax, and it reaches SQL only as a
  parameter. A trigram needs three characters: shorter words keep the LIKE. So does a word
  with a letter beyond ASCII: SQLite's ``LOWER`` folds ASCII only and FTS5 folds every letter,
  and the two paths must keep the same rows. Rebuilt by :func:`rebuild`.
- MySQL/MariaDB: the plain LIKE, which scans: FULLTEXT indexes words, not substrings (MySQL's
  n-gram parser is meant for CJK text; MariaDB has none).

Only the latest items are indexed: ``versions=all`` (the version model) keeps the LIKE.

The FTS5 table is a copy: it is rebuilt in the transaction that replaces the items
(:class:`~calaccess_processed.transforming.transformer.FormTransformer`), and by anything else
that writes them (the benchmark's scaling). Were it not (rows written another way), it is
stale, and :class:`IndexedContains` notices before each use: item ids only grow (SQLite's
``AUTOINCREMENT``), so any rows added since the rebuild raise the items' highest id above the
index's, and the search then keeps the LIKE rather than miss them. (Rows deleted since only
leave ids in the index that match no item; no step updates names in place.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django.apps import apps
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, Expression, F, Q
from django.db.models.sql.compiler import SQLCompiler

#: The indexed model and its name columns, in the order the ``name`` filter ORs them.
MODEL_NAME = "Form460ScheduleAItem"
MODEL = f"calaccess_processed.{MODEL_NAME}"
COLUMNS = ("contributor_lastname", "contributor_firstname")
INDEX = "calaccess_processed_form460scheduleaitem_name_fts"

#: FTS5's trigram tokenizer indexes runs of three characters: shorter words find nothing.
TRIGRAM = 3


def _table() -> str:
    return apps.get_model(MODEL)._meta.db_table


class NameIndexBackend:
    """Create, rebuild and query one database's name index; the base keeps the plain LIKE."""

    vendor: ClassVar[str]

    def create_sql(self) -> Sequence[str]:
        return ()

    def drop_sql(self) -> Sequence[str]:
        return ()

    def rebuild_sql(self) -> Sequence[str]:
        return ()

    def condition(
        self, connection: BaseDatabaseWrapper, id_sql: str, word: str
    ) -> tuple[str, list[str]] | None:
        """A condition on the items' id column finding ``word``, or None: use the LIKE."""
        return None


class PostgreSQLBackend(NameIndexBackend):
    """The LIKE itself is indexed (migration 0009's trigram GIN indexes)."""

    vendor = "postgresql"


class MySQLBackend(NameIndexBackend):
    """No substring index: the LIKE scans."""

    vendor = "mysql"


class SQLiteBackend(NameIndexBackend):
    vendor = "sqlite"

    def create_sql(self) -> Sequence[str]:
        return (
            f"CREATE VIRTUAL TABLE {INDEX} USING fts5({', '.join(COLUMNS)},"
            f" content='{_table()}', content_rowid='id', tokenize='trigram case_sensitive 0')",
        )

    def drop_sql(self) -> Sequence[str]:
        return (f"DROP TABLE IF EXISTS {INDEX}",)

    def rebuild_sql(self) -> Sequence[str]:
        return (f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')",)

    @staticmethod
    def fts_string(word: str) -> str:
        """The word as one FTS5 string: every character literal, the tokenizer's to split."""
        return '"' + word.replace('"', '""') + '"'

    @staticmethod
    def is_fresh(connection: BaseDatabaseWrapper) -> bool:
        """Whether the index holds the item of the highest id (both empty counts): no item was
        added since it was rebuilt. Two index seeks."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT MAX(id) FROM {quote(INDEX + '_docsize')})"
                f" IS (SELECT MAX(id) FROM {quote(_table())})"
            )
            return bool(cursor.fetchone()[0])

    def condition(
        self, connection: BaseDatabaseWrapper, id_sql: str, word: str
    ) -> tuple[str, list[str]] | None:
        if len(word) < TRIGRAM or not word.isascii() or not self.is_fresh(connection):
            return None
        match = f"{id_sql} IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s)"
        return match, [self.fts_string(word)]


BACKENDS: dict[str, type[NameIndexBackend]] = {
    backend.vendor: backend for backend in (PostgreSQLBackend, SQLiteBackend, MySQLBackend)
}


def backend_for(connection: BaseDatabaseWrapper) -> NameIndexBackend:
    return BACKENDS[connection.vendor]()


def rebuild(using: str = "default") -> None:
    """Bring the index up to date with the items (after they are replaced or added to)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for sql in backend_for(connection).rebuild_sql():
            cursor.execute(sql)


class IndexedContains(Expression):
    """``fallback`` (the filter's case-blind LIKE on ``columns``), through the name index where
    the database has one, the rows are the indexed model's and the columns are the indexed ones.

    Chosen when the SQL is compiled, for the connection that runs it.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, columns: Sequence[str], word: str, fallback: Q) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.word = word
        self.fallback: Any = fallback
        self.item_id: Any = None

    def get_source_expressions(self) -> list[Any]:
        return [self.fallback, self.item_id]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.fallback, self.item_id = exprs

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ) -> IndexedContains:
        resolved = self.copy()
        resolved.fallback = self.fallback.resolve_expression(
            query, allow_joins, reuse, summarize, for_save
        )
        if query is not None and query.model._meta.label == MODEL and self.columns == COLUMNS:
            resolved.item_id = F("id").resolve_expression(query, allow_joins, reuse, summarize)
        return resolved

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        if self.item_id is not None:
            id_sql, _ = compiler.compile(self.item_id)
            indexed = backend_for(connection).condition(connection, id_sql, self.word)
            if indexed is not None:
                return indexed
        return compiler.compile(self.fallback)
