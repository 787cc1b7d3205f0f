"""The few SQL expressions that differ between SQLite, PostgreSQL and MySQL/MariaDB.

Everything else the transformer writes is standard SQL that all three run: ``INSERT … SELECT``,
derived tables, window functions (``ROW_NUMBER``, ``LEAD``), ``CASE`` and ``COALESCE``.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from django.db.backends.base.base import BaseDatabaseWrapper

from calaccess_raw.values.rules import CALIFORNIA, UTC

#: The years whose daylight-saving periods :func:`daylight_periods` lists (MySQL/MariaDB).
DAYLIGHT_YEARS = range(1970, 2051)


@functools.lru_cache(maxsize=1)
def daylight_periods() -> tuple[tuple[str, str], ...]:
    """The UTC instants (``YYYY-MM-DD HH:MM:SS``) where California's daylight-saving time began
    and ended, each year of :data:`DAYLIGHT_YEARS`, from Python's time-zone database: MySQL and
    MariaDB servers often have none (``CONVERT_TZ`` to a named zone is then NULL)."""

    def summer(moment: datetime) -> bool:
        return bool(moment.astimezone(CALIFORNIA).dst())

    changes, day, hour = [], timedelta(days=1), timedelta(hours=1)
    moment = datetime(DAYLIGHT_YEARS.start, 1, 1, tzinfo=UTC)
    while moment.year < DAYLIGHT_YEARS.stop:
        if summer(moment + day) != summer(moment):
            change = moment + hour
            while summer(change) == summer(moment):
                change += hour
            changes.append(f"{change:%Y-%m-%d %H:%M:%S}")
        moment += day
    periods = list(zip(changes[::2], changes[1::2], strict=False))
    return tuple(periods)


class Dialect:
    """SQL for one database; subclasses override what their database spells differently."""

    integer_type = "INTEGER"
    text_type = "TEXT"

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def quote(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def date_of(self, expression: str) -> str:
        """The California date of a raw date-time: the raw loaders read the export's times of
        day as California's (:data:`calaccess_raw.values.rules.CALIFORNIA`) and store the
        instant, so a report filed at 7:32 PM would otherwise be dated the next (UTC) day."""
        raise NotImplementedError

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

    def analyze(self, table: str, columns: list[str] | None = None) -> str | None:
        """A statement refreshing the planner's statistics of a table (a quoted name; of some
        columns only, when given), where the planner needs it after a bulk write and the
        statement may run inside a transaction; else None."""
        return None

    def statistics_stale(self, table: str) -> bool:
        """Whether a table (plain name) changed since its statistics were last gathered."""
        return False

    def transaction_settings(self) -> list[str]:
        """Statements that tune the planner for the rest of a processing transaction."""
        return []


class SQLiteDialect(Dialect):
    def year_of(self, expression: str) -> str:
        return f"CAST(STRFTIME('%Y', {expression}) AS INTEGER)"

    def date_of(self, expression: str) -> str:
        # SQLite stores the UTC instant as text; Django registers this function (zoneinfo's
        # conversion) on every SQLite connection of its own.
        return f"django_datetime_cast_date({expression}, '{CALIFORNIA.key}', 'UTC')"

    def is_digits(self, expression: str) -> str:
        return f"({expression} <> '' AND {expression} NOT GLOB '*[^0-9]*')"


class PostgreSQLDialect(Dialect):
    integer_type = "BIGINT"

    def date_of(self, expression: str) -> str:
        # A timestamptz cast to a date takes the session's zone, UTC under Django.
        return f"CAST(({expression} AT TIME ZONE '{CALIFORNIA.key}') AS DATE)"

    def analyze(self, table: str, columns: list[str] | None = None) -> str | None:
        # A table just bulk-loaded (raw) or filled (processed) has no statistics until
        # autovacuum comes by: the planner then guesses a handful of rows and joins the
        # summary lines by nested loop, hundreds of times slower.
        names = f" ({', '.join(map(self.quote, columns))})" if columns else ""
        return f"ANALYZE {table}{names}"

    def transaction_settings(self) -> list[str]:
        # The statements are few and large: compiling them (JIT, with inlining and optimisation
        # for their hundreds of expressions) costs seconds each and saves less than it costs.
        # Their sorts (ROW_NUMBER over a whole raw table's keys) spill to disk in the default
        # 4 MB; a batch job of one connection can give them more. The planner estimates a
        # filter on a window's result (dup_rank = 1) at half a percent of the rows, and so
        # chose nested loops over whole raw tables (the covers against the filer
        # cross-references: 26 million TRIM comparisons at a million rows); hash joins are right
        # for statements that read whole tables, and correlated subqueries still use indexes.
        return [
            "SET LOCAL jit = off",
            "SET LOCAL work_mem = '64MB'",
            "SET LOCAL enable_nestloop = off",
        ]

    def statistics_stale(self, table: str) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT n_mod_since_analyze > 0 OR COALESCE(last_analyze, last_autoanalyze) IS NULL"
                " FROM pg_stat_user_tables WHERE relid = to_regclass(%s)",
                [self.quote(table)],
            )
            row = cursor.fetchone()
        return row is None or bool(row[0])

    def is_digits(self, expression: str) -> str:
        return f"({expression} ~ '^[0-9]+$')"


class MySQLDialect(Dialect):
    integer_type = "SIGNED"
    text_type = "CHAR"

    def year_of(self, expression: str) -> str:
        return f"YEAR({expression})"

    def date_of(self, expression: str) -> str:
        # The stored UTC instant less California's offset: 7 hours in daylight-saving time.
        summer = " OR ".join(
            f"({expression} >= '{start}' AND {expression} < '{end}')"
            for start, end in daylight_periods()
        )
        winter = CALIFORNIA.utcoffset(datetime(2001, 1, 15))
        assert winter is not None  # a ZoneInfo always has an offset
        standard = -int(winter.total_seconds()) // 3600
        hours = f"CASE WHEN {summer} THEN {standard - 1} ELSE {standard} END"
        return f"DATE(DATE_SUB({expression}, INTERVAL {hours} HOUR))"

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
