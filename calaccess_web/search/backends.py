"""One full-text interface, one class per database: the index's DDL and its match condition.

Every backend turns the parsed :class:`~calaccess_web.search.query.Query` into its database's
own syntax and hands it to the database as a parameter (the reader's words never become SQL):
PostgreSQL a ``to_tsquery`` over a GIN index of ``to_tsvector('simple', text)``; SQLite an FTS5
``MATCH`` over an external-content FTS5 table; MySQL/MariaDB ``MATCH … AGAINST`` in boolean mode
over a FULLTEXT index. Words are parsed to letters and digits first, so no operator of any of
the three syntaxes can come from the input.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from .query import Query, Term

TABLE = "calaccess_web_searchentry"
INDEX = "calaccess_web_searchentry_fts"


class FullTextBackend:
    """Create, refresh and query the full-text index of ``SearchEntry.text``."""

    vendor: ClassVar[str]
    create_sql: ClassVar[tuple[str, ...]]
    drop_sql: ClassVar[tuple[str, ...]]
    refresh_sql: ClassVar[tuple[str, ...]] = ()
    #: A condition on the entry's table with one parameter: the compiled query.
    condition: ClassVar[str]

    def compile(self, query: Query) -> str:
        raise NotImplementedError

    def where(self, query: Query) -> tuple[str, list[str]]:
        """The ``WHERE`` fragment and its parameter for ``QuerySet.extra``."""
        return self.condition, [self.compile(query)]


class PostgreSQLBackend(FullTextBackend):
    vendor = "postgresql"
    create_sql = (f"CREATE INDEX {INDEX} ON {TABLE} USING GIN (to_tsvector('simple', text))",)
    drop_sql = (f"DROP INDEX IF EXISTS {INDEX}",)
    condition = f"to_tsvector('simple', {TABLE}.text) @@ to_tsquery('simple', %s)"

    @staticmethod
    def _term(term: Term) -> str:
        text = " <-> ".join(f"'{word}'" for word in term.words)
        text = f"({text})" if term.is_phrase else text
        return f"!{text}" if term.excluded else text

    def compile(self, query: Query) -> str:
        return " & ".join(self._term(term) for term in query.terms)


class SQLiteBackend(FullTextBackend):
    vendor = "sqlite"
    create_sql = (
        f"CREATE VIRTUAL TABLE {INDEX} USING fts5(text, content='{TABLE}', content_rowid='id',"
        " tokenize='unicode61 remove_diacritics 2')",
    )
    drop_sql = (f"DROP TABLE IF EXISTS {INDEX}",)
    refresh_sql = (f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')",)
    condition = f"{TABLE}.id IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s)"

    def compile(self, query: Query) -> str:
        def phrase(term: Term) -> str:
            return '"' + " ".join(term.words) + '"'

        text = " AND ".join(phrase(term) for term in query.included)
        return text + "".join(f" NOT {phrase(term)}" for term in query.excluded)


#: InnoDB's default stopwords (``INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD``) and its
#: shortest indexed word (``innodb_ft_min_token_size``): FULLTEXT never indexes these words.
MYSQL_STOPWORDS = frozenset(
    "a about an are as at be by com de en for from how i in is it la of on or that the this to"
    " was what when where who will with und www".split()
)
MYSQL_MIN_TOKEN = 3


class MySQLBackend(FullTextBackend):
    """``MATCH … AGAINST`` in boolean mode; a lone word FULLTEXT does not index (a stopword,
    a word under three letters) is matched by a word-boundary ``REGEXP`` instead, so the words
    of a search mean the same on every database."""

    vendor = "mysql"
    create_sql = (f"CREATE FULLTEXT INDEX {INDEX} ON {TABLE} (text)",)
    drop_sql = (f"DROP INDEX {INDEX} ON {TABLE}",)
    condition = f"MATCH ({TABLE}.text) AGAINST (%s IN BOOLEAN MODE)"

    @staticmethod
    def indexed(term: Term) -> bool:
        """Whether FULLTEXT can find the term: one of its words is indexed."""
        return any(len(w) >= MYSQL_MIN_TOKEN and w not in MYSQL_STOPWORDS for w in term.words)

    def compile(self, query: Query) -> str:
        def term(term: Term) -> str:
            text = '"' + " ".join(term.words) + '"' if term.is_phrase else term.words[0]
            return ("-" if term.excluded else "+") + text

        return " ".join(term(t) for t in query.terms if self.indexed(t))

    def where(self, query: Query) -> tuple[str, list[str]]:
        conditions, params = [], []
        matched = any(self.indexed(term) for term in query.included)
        if matched:
            conditions.append(self.condition)
            params.append(self.compile(query))
        for term in query.terms:
            if matched and self.indexed(term):
                continue
            negation = "NOT " if term.excluded else ""
            conditions.append(f"{TABLE}.text {negation}REGEXP %s")
            params.append(r"\b" + r"\W+".join(term.words) + r"\b")
        return " AND ".join(conditions), params


BACKENDS: dict[str, type[FullTextBackend]] = {
    backend.vendor: backend for backend in (PostgreSQLBackend, SQLiteBackend, MySQLBackend)
}


def backend_for(connection: BaseDatabaseWrapper | None = None) -> FullTextBackend:
    """The backend of a connection (the default database's when none is given)."""
    connection = connection or connections["default"]
    return BACKENDS[connection.vendor]()


def refresh(connection: BaseDatabaseWrapper | None = None) -> None:
    """Bring the index up to date with the table after a rebuild (FTS5 keeps its own copy)."""
    connection = connection or connections["default"]
    with connection.cursor() as cursor:
        for sql in backend_for(connection).refresh_sql:
            cursor.execute(sql)
