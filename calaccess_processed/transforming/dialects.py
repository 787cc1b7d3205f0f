"""The few SQL expressions that differ between SQLite, PostgreSQL and MySQL/MariaDB.

Everything else the transformer writes is standard SQL that all three run: ``INSERT … SELECT``,
derived tables, window functions (``ROW_NUMBER``, ``LEAD``), ``CASE`` and ``COALESCE``.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper


class Dialect:
    """SQL for one database; subclasses override what their database spells differently."""

    integer_type = "INTEGER"
    text_type = "TEXT"

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def quote(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def date_of(self, expression: str) -> str:
        """The date part of a date-time."""
        return f"CAST({expression} AS DATE)"

    def year_of(self, expression: str) -> str:
        """The calendar year of a date, as an integer."""
        return f"CAST(EXTRACT(YEAR FROM {expression}) AS {self.integer_type})"

    def is_digits(self, expression: str) -> str:
        """Whether a text value is a non-empty run of digits."""
        raise NotImplementedError

    def to_integer(self, expression: str) -> str:
        return f"CAST({expression} AS {self.integer_type})"

    def to_text(self, expression: str) -> str:
        return f"CAST({expression} AS {self.text_type})"


class SQLiteDialect(Dialect):
    def year_of(self, expression: str) -> str:
        return f"CAST(STRFTIME('%Y', {expression}) AS INTEGER)"

    def date_of(self, expression: str) -> str:
        return f"DATE({expression})"

    def is_digits(self, expression: str) -> str:
        return f"({expression} <> '' AND {expression} NOT GLOB '*[^0-9]*')"


class PostgreSQLDialect(Dialect):
    integer_type = "BIGINT"

    def is_digits(self, expression: str) -> str:
        return f"({expression} ~ '^[0-9]+$')"


class MySQLDialect(Dialect):
    integer_type = "SIGNED"
    text_type = "CHAR"

    def year_of(self, expression: str) -> str:
        return f"YEAR({expression})"

    def date_of(self, expression: str) -> str:
        return f"DATE({expression})"

    def is_digits(self, expression: str) -> str:
        return f"({expression} REGEXP '^[0-9]+$')"


DIALECTS: dict[str, type[Dialect]] = {
    "sqlite": SQLiteDialect,
    "postgresql": PostgreSQLDialect,
    "mysql": MySQLDialect,
}


def dialect_for(connection: BaseDatabaseWrapper) -> Dialect:
    try:
        return DIALECTS[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(f"no transformer for {connection.vendor} databases") from None
