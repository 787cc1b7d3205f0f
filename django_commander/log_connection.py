"""Where run-log writes go so that they outlive the caller's transaction.

A command may be run inside the caller's ``transaction.atomic()``. Writing its log on the
caller's connection would tie the log to the caller's fate: a rollback would erase the row that
says the step failed, and a transaction broken by the step's error would make the log write raise
and hide that error. So each write (:func:`write`) goes:

- **on the log database's own connection** when the caller has no transaction open there (the
  usual case: the shell, a Celery task, a pipeline step). The transaction a test case wraps
  around each test does not count, as Django's ``atomic(durable=True)`` does not count it.
- **on a side connection** otherwise: a second connection with the same settings, in autocommit,
  opened for the write and closed after it, so the row is committed at once whatever the caller
  then does. That is the whole story on PostgreSQL. On **MySQL/MariaDB** InnoDB's foreign-key
  check of a row the caller inserts that points at the run's row (a
  :class:`~django_commander.models.LoggedExtendedModel` link) takes a shared lock on the run's row
  until the caller's transaction ends, and the side connection's closing UPDATE would wait for it
  (then fail, ``1205 Lock wait timeout``): so there, inside a caller's transaction, the links are
  made after the run's row is closed (:func:`links_wait_for_close`).
- **SQLite** has one writer at a time: once the caller's transaction has written, no other
  connection can write until it ends (waiting would only time out). The side connection is tried
  with a short timeout; when the database is locked, the write is *buffered* and made, in order,
  as soon as the caller is out of its transaction: at the next log write or read of the framework
  (a later run, a dependency check), at :func:`flush`, which the shell and the Celery task call
  after every command, or at the latest when the process exits. A run whose first row had to wait
  has no primary key meanwhile, so rows saved during it are not linked to it
  (:class:`~django_commander.models.LoggedExtendedModel`).
"""

from __future__ import annotations

import atexit
import copy
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connections
from django.db.utils import OperationalError, load_backend

logger = logging.getLogger("django_commander.log")

#: What a write does, given the alias of the connection to do it on.
Operation = Callable[[str], None]

SIDE_SUFFIX = "__commander_log"
#: Seconds a side write waits for SQLite's write lock before it is buffered instead.
SQLITE_LOCK_WAIT = 0.1

# (thread, alias, operation) of the writes waiting for their caller's transaction to end.
_buffered: deque[tuple[int, str, Operation]] = deque()
_buffer_lock = threading.RLock()


def caller_in_transaction(alias: str) -> bool:
    """Whether the caller holds a transaction open on ``alias`` (a test case's does not count)."""
    connection = connections[alias]
    if connection.in_atomic_block:
        return any(not block._from_testcase for block in connection.atomic_blocks)
    return connection.connection is not None and not connection.get_autocommit()


def links_wait_for_close(alias: str) -> bool:
    """Whether rows linking to a run on ``alias`` must wait until the run's row is closed: on
    MySQL/MariaDB inside a caller's transaction (see the module doc)."""
    return connections[alias].vendor == "mysql" and caller_in_transaction(alias)


@contextmanager
def side_connection(alias: str, **options: object) -> Iterator[str]:
    """A second connection to ``alias``'s database, in autocommit, closed on leaving the block."""
    settings_dict = copy.deepcopy(connections[alias].settings_dict)
    settings_dict.update(AUTOCOMMIT=True, ATOMIC_REQUESTS=False, CONN_MAX_AGE=0)
    settings_dict["OPTIONS"] = {**settings_dict.get("OPTIONS", {}), **options}
    name = alias + SIDE_SUFFIX
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, name)
    connections[name] = wrapper
    try:
        yield name
    finally:
        wrapper.close()
        del connections[name]


def write(alias: str, operation: Operation) -> None:
    """Make a log write that survives whatever the caller's transaction does (module doc)."""
    with _buffer_lock:
        if not caller_in_transaction(alias):
            _drain()
            operation(alias)
            return
        if connections[alias].vendor != "sqlite":
            with side_connection(alias) as side:
                operation(side)
            return
        if not _mine():
            try:
                with side_connection(alias, timeout=SQLITE_LOCK_WAIT) as side:
                    operation(side)
                return
            except OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise
        _buffered.append((threading.get_ident(), alias, operation))


def flush() -> None:
    """Make the buffered writes whose caller is out of its transaction (module doc)."""
    with _buffer_lock:
        _drain()


def _mine() -> list[tuple[int, str, Operation]]:
    return [item for item in _buffered if item[0] == threading.get_ident()]


def _drain(every_thread: bool = False) -> None:
    """Make this thread's buffered writes (or every thread's), in order, while the caller is out
    of transactions."""
    for item in list(_buffered) if every_thread else _mine():
        _, alias, operation = item
        if caller_in_transaction(alias):
            return
        _buffered.remove(item)
        try:
            operation(alias)
        except Exception:  # one lost row must not stop the others, nor the caller
            logger.exception("could not write a buffered run-log row")


def pending() -> int:
    """How many log writes wait for their caller's transaction to end."""
    return len(_buffered)


def flush_at_exit() -> None:
    """Make every thread's buffered writes: at exit the threads that buffered them are gone
    (a pipeline's background step, say), and this is their last chance."""
    with _buffer_lock:
        _drain(every_thread=True)


atexit.register(flush_at_exit)
