"""One update of the raw data at a time, per database (or per data folder on SQLite).

Two updates of one database at once would replace tables under each other's feet (on
PostgreSQL one dies on concurrent DDL; on SQLite both fail half-way). The update takes a lock
first, and a second run refuses at once with a message naming the holder:

- PostgreSQL: a session advisory lock (``pg_try_advisory_lock``);
- MySQL/MariaDB: a named lock (``GET_LOCK``), named after the database;
- SQLite (no session locks): the file ``<data>/update.lock``, locked with ``flock`` and holding
  the holder's pid, host and start time.

A crashed holder never blocks the next run: database session locks end with the session, and
the operating system releases a dead process's ``flock`` (its pid is left in the file, and the
next run takes the lock over and writes its own).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper

from calaccess_raw.models import RawDataFile
from calaccess_toolkit import conf
from calaccess_toolkit.errors import ToolkitError

LOCK_NAME = "calaccess_raw.update"
#: The advisory lock's key on PostgreSQL: a fixed number derived from the name.
ADVISORY_KEY = zlib.crc32(LOCK_NAME.encode())
LOCK_FILE = "update.lock"


class UpdateRunning(ToolkitError):
    """Another update of the same database holds the lock."""


@contextlib.contextmanager
def update_lock() -> Iterator[None]:
    """Hold the update lock of the raw tables' database, or raise :class:`UpdateRunning`."""
    connection = connections[router.db_for_write(RawDataFile)]
    if connection.vendor == "postgresql":
        lock = _advisory_lock(connection)
    elif connection.vendor == "mysql":
        lock = _named_lock(connection)
    else:
        lock = file_lock(Path(conf.get("CALACCESS_DATA_DIR")) / LOCK_FILE)
    with lock:
        yield


def _refusal(holder: str) -> UpdateRunning:
    return UpdateRunning(
        f"another update of the raw data is running ({holder}); wait for it to finish, "
        "then run again (a crashed run's lock is released by itself)"
    )


@contextlib.contextmanager
def _advisory_lock(connection: BaseDatabaseWrapper) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
        if not cursor.fetchone()[0]:
            cursor.execute(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = %s "
                "AND granted AND database = (SELECT oid FROM pg_database "
                "WHERE datname = current_database())",
                [ADVISORY_KEY],
            )
            row = cursor.fetchone()
            raise _refusal(f"PostgreSQL session {row[0] if row else '?'} holds its lock")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])


@contextlib.contextmanager
def _named_lock(connection: BaseDatabaseWrapper) -> Iterator[None]:
    name = f"{LOCK_NAME}.{connection.settings_dict['NAME']}"[:64]  # GET_LOCK is server-wide
    with connection.cursor() as cursor:
        cursor.execute("SELECT GET_LOCK(%s, 0), IS_USED_LOCK(%s)", [name, name])
        taken, holder = cursor.fetchone()
        if taken != 1:
            raise _refusal(f"MySQL connection {holder} holds the lock {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT RELEASE_LOCK(%s)", [name])


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold ``path`` locked with ``flock``, recording this process in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise _refusal(f"{_describe_holder(handle.read())}; lock file {path}") from None
        try:
            handle.truncate(0)
            holder = {"pid": os.getpid(), "host": socket.gethostname()}
            holder["started"] = datetime.now(UTC).isoformat(timespec="seconds")
            handle.write(json.dumps(holder))
            handle.flush()
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _describe_holder(text: str) -> str:
    try:
        holder = json.loads(text)
        return f"pid {holder['pid']} on {holder['host']} since {holder['started']}"
    except (ValueError, KeyError, TypeError):
        return "a process that has not written its pid yet"
