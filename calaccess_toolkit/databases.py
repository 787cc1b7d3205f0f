"""Django database settings from a URL, with each backend's bulk-load options on.

The ready-to-use project builds its ``DATABASES`` with :func:`database_from_url` (through the
:data:`DATABASE_URL` setting type, so a bad URL is one line naming the variable), and the
benchmark its scratch databases, so both connect to MySQL/MariaDB the way the loader needs.
"""

from __future__ import annotations

from typing import Any

import dj_database_url

from .extras import MYSQL, POSTGRESQL
from .settingtypes import SettingType

#: The databases the toolkit loads into, by Django engine, with the extra each needs.
ENGINES = {
    "django.db.backends.postgresql": POSTGRESQL,
    "django.db.backends.mysql": MYSQL,
    "django.db.backends.sqlite3": None,
}


def use_pymysql() -> None:
    """Make PyMySQL Django's MySQL driver: pure Python (no C client library to install), and it
    speaks LOAD DATA LOCAL. It comes with the ``[mysql]`` extra, so it is imported here only."""
    MYSQL.require()
    import pymysql

    pymysql.install_as_MySQLdb()


def database_from_url(url: str) -> dict[str, Any]:
    """Build Django's database settings from a URL, with each backend's bulk-load options on.

    Raises ``ValueError`` for a URL of a database the toolkit does not load into, and
    :class:`~calaccess_toolkit.extras.MissingExtra` when its driver is not installed.
    """
    database: dict[str, Any] = {**dj_database_url.parse(url, conn_max_age=0)}
    if database["ENGINE"] not in ENGINES:
        raise ValueError(f"unsupported engine {database['ENGINE']}")
    extra = ENGINES[database["ENGINE"]]
    if extra is not None:
        extra.require()
    if database["ENGINE"] == "django.db.backends.mysql":
        use_pymysql()
        database.setdefault("OPTIONS", {}).update({"local_infile": True, "charset": "utf8mb4"})
        database.setdefault("TEST", {}).update({"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_bin"})
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # A file, not memory, even in tests: Celery workers and worker processes must see it.
        name = str(database["NAME"])
        database.setdefault("TEST", {})["NAME"] = f"{name}.test"
        database.setdefault("OPTIONS", {})["timeout"] = 30
    return database


class DatabaseUrl(SettingType[dict[str, Any]]):
    """A database URL, read into Django's settings for one database."""

    @property
    def expects(self) -> str:
        return "a postgres://, mysql:// or sqlite:// URL"

    def parse(self, text: str) -> dict[str, Any]:
        return database_from_url(text.strip())

    def show(self, text: str) -> str:
        """Only the scheme: the rest may hold a password."""
        scheme, separator, _ = text.strip().partition("://")
        return repr(f"{scheme}://…") if separator else repr(text)


DATABASE_URL = DatabaseUrl()
