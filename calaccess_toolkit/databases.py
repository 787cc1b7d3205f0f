"""Django database settings from a URL, with each backend's bulk-load options on.

The ready-to-use project builds its ``DATABASES`` with :func:`database_from_url`, and the
benchmark its scratch databases, so both connect to MySQL/MariaDB the way the loader needs.
"""

from __future__ import annotations

from typing import Any

import dj_database_url


def use_pymysql() -> None:
    """Make PyMySQL Django's MySQL driver: pure Python (no C client library to install), and it
    speaks LOAD DATA LOCAL."""
    import pymysql

    pymysql.install_as_MySQLdb()


def database_from_url(url: str) -> dict[str, Any]:
    """Build Django's database settings from a URL, with each backend's bulk-load options on."""
    database: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
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
