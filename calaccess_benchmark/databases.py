"""Scratch databases: created for one benchmark run, given the raw tables, dropped afterwards.

A server database (PostgreSQL, MySQL/MariaDB) is created under a name that must not exist yet:
the benchmark only ever drops a database it created itself. SQLite gets a file in the run's
temporary folder. The tables are created from the raw-data models with Django's schema editor,
the same DDL the migrations run, indexes included, for just the tables being measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend

from calaccess_raw.models import get_raw_model
from calaccess_toolkit.databases import database_from_url, use_pymysql

from .errors import BenchmarkError, DatabaseUnavailable, ScratchDatabaseExists

VENDORS = ("sqlite", "postgresql", "mysql")
#: Other spellings accepted on the command line.
VENDOR_ALIASES = {"postgres": "postgresql", "mariadb": "mysql", "sqlite3": "sqlite"}
ENGINES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgresql": "django.db.backends.postgresql",
    "mysql": "django.db.backends.mysql",
}
_SAFE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}").fullmatch


def vendor_name(text: str) -> str:
    """The canonical vendor for a command-line spelling (``postgres`` → ``postgresql``)."""
    name = VENDOR_ALIASES.get(text.strip().lower(), text.strip().lower())
    if name not in VENDORS:
        raise BenchmarkError(f"unknown database {text!r}; choose from {', '.join(VENDORS)}")
    return name


def scratch_settings(vendor: str, url: str | None, work_dir: Path) -> dict[str, Any]:
    """Django settings of the scratch database to create for ``vendor``.

    SQLite: a file in ``work_dir``. A server: ``url`` (its path names the scratch database), or
    else the default database's server when it is of that vendor, with ``_benchmark`` appended
    to its name. Either way with the project's options (:func:`database_from_url`): MySQL's
    LOAD DATA LOCAL on.
    """
    if vendor == "sqlite":
        return {"ENGINE": ENGINES["sqlite"], "NAME": str(work_dir / "benchmark.sqlite3")}
    if url:
        settings = database_from_url(url)
        if settings["ENGINE"] != ENGINES[vendor]:
            raise BenchmarkError(f"{url!r} is not a {vendor} URL")
    else:
        default = connections[DEFAULT_DB_ALIAS].settings_dict
        if default["ENGINE"] != ENGINES[vendor]:
            option = "--postgres-url" if vendor == "postgresql" else "--mysql-url"
            raise DatabaseUnavailable(f"give {option} to benchmark {vendor}")
        keys = ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
        settings = {key: default[key] for key in keys}
        settings["NAME"] = f"{default['NAME']}_benchmark"
    if not _SAFE_NAME(str(settings["NAME"])):
        raise BenchmarkError(f"scratch database name {settings['NAME']!r}: use letters, digits, _")
    return settings


def completed(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings with Django's defaults filled in, ready for ``connections.databases``."""
    return connections.configure_settings({DEFAULT_DB_ALIAS: dict(settings)})[DEFAULT_DB_ALIAS]


@contextmanager
def registered(alias: str, settings: dict[str, Any]) -> Iterator[str]:
    """Make ``alias`` a Django connection to ``settings`` for the duration of the block."""
    _install_mysql_driver(settings)
    connections.databases[alias] = completed(settings)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.databases[alias]


@contextmanager
def scratch_database(settings: dict[str, Any], tables: list[str] | None) -> Iterator[None]:
    """Create the database and the tables for the block; drop the database whatever happens.

    With ``tables`` None the database is left empty (the end-to-end update migrates it).
    """
    _create(settings)
    try:
        if tables is not None:
            _create_tables(settings, tables)
        yield
    finally:
        _drop(settings)


def _create_tables(settings: dict[str, Any], tables: list[str]) -> None:
    """Create the tables through a connection of their own, outside ``connections``: the
    parent process never changes Django's connection registry (the measured children do)."""
    connection = _connection(settings)
    try:
        with connection.schema_editor(atomic=False) as editor:
            for table in tables:
                editor.create_model(get_raw_model(table))
    finally:
        connection.close()


def _connection(settings: dict[str, Any]) -> BaseDatabaseWrapper:
    """A Django connection to ``settings`` that is not in ``connections``."""
    _install_mysql_driver(settings)
    backend = load_backend(settings["ENGINE"])
    return backend.DatabaseWrapper(completed(settings), "benchmark_scratch")


def _install_mysql_driver(settings: dict[str, Any]) -> None:
    if settings["ENGINE"] == ENGINES["mysql"]:
        use_pymysql()  # the project's MySQL driver, as in its settings


def _create(settings: dict[str, Any]) -> None:
    name = settings["NAME"]
    if settings["ENGINE"] == ENGINES["sqlite"]:
        if Path(name).exists():
            raise ScratchDatabaseExists(f"{name} exists; the benchmark makes its own file")
        return
    with _server(settings) as cursor:
        if settings["ENGINE"] == ENGINES["postgresql"]:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            create = f'CREATE DATABASE "{name}"'
        else:
            cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name=%s", [name])
            create = f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
        if cursor.fetchone():
            raise ScratchDatabaseExists(
                f"database {name} exists; name a new one (the benchmark creates and drops it), "
                "or drop it if an interrupted benchmark left it behind"
            )
        cursor.execute(create)


def _drop(settings: dict[str, Any]) -> None:
    name = settings["NAME"]
    if settings["ENGINE"] == ENGINES["sqlite"]:
        Path(name).unlink(missing_ok=True)
        return
    with _server(settings) as cursor:
        if settings["ENGINE"] == ENGINES["postgresql"]:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")


#: The database a server connection opens to create or drop another: PostgreSQL always
#: connects to one (its maintenance database); MySQL connects to none when the name is empty.
SERVER_DATABASES = {ENGINES["postgresql"]: "postgres", ENGINES["mysql"]: ""}


@contextmanager
def _server(settings: dict[str, Any]) -> Iterator[Any]:
    """An autocommit cursor on the server, outside the database that is created or dropped."""
    connection = _connection({**settings, "NAME": SERVER_DATABASES[settings["ENGINE"]]})
    try:
        connection.set_autocommit(True)  # CREATE and DROP DATABASE refuse a transaction
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()
