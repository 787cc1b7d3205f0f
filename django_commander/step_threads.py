"""The threads a pipeline runs its concurrent steps in, and their database connections.

Each thread has connections of its own (Django's are per thread). Opening one costs a server
process, the authentication and the session's set-up (some 10 ms on PostgreSQL, more on a busy
machine), and an update runs hundreds of short steps: so a thread keeps its connections from one
step to the next. Before a step, a kept connection that the server dropped meanwhile (an idle
timeout, a restart) is closed, so the step opens a new one (:meth:`StepThreads.before_step`);
after it, one the step left inside a transaction, out of autocommit or broken by an error is
closed too (:meth:`StepThreads.after_step`). What a step set for its session (``SET SESSION``)
stays for the next step on that connection. When the pool shuts down, the connections of its
threads are closed (:meth:`StepThreads.close`).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger("django_commander.pipeline")


class StepThreads(ThreadPoolExecutor):
    """A thread pool whose threads keep their database connections between steps."""

    def __init__(self, max_workers: int, thread_name_prefix: str) -> None:
        super().__init__(max_workers, thread_name_prefix)
        self._wrappers: set[BaseDatabaseWrapper] = set()
        self._lock = threading.Lock()

    @staticmethod
    def before_step() -> None:
        """In a step's thread, before it: close the kept connections the server dropped."""
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None and not connection.is_usable():
                connection.close()

    def after_step(self) -> None:
        """In a step's thread, after it: close the connections the next step could not simply
        reuse (see :func:`_tidy`), and remember the others to close at the end."""
        kept = connections.all(initialized_only=True)
        for connection in kept:
            _tidy(connection)
        with self._lock:
            self._wrappers.update(kept)

    def close(self) -> None:
        """Close every thread's connections, from this thread, once the threads have ended."""
        for wrapper in self._wrappers:
            wrapper.inc_thread_sharing()
            try:
                wrapper.close()
            except Exception:  # one that will not close must not keep the others open
                logger.exception("could not close a step thread's connection")
            finally:
                wrapper.dec_thread_sharing()
        self._wrappers.clear()

    def __exit__(self, *exc_info: object) -> bool | None:
        result = super().__exit__(*exc_info)  # waits for the steps still running
        self.close()  # not reached when the wait was interrupted: the threads may still run
        return result


def _tidy(connection: BaseDatabaseWrapper) -> None:
    """Close ``connection`` if a step left it inside a transaction, out of autocommit, or broken
    by an error."""
    if connection.connection is None:
        return
    reusable = not connection.in_atomic_block and connection.get_autocommit()
    if reusable and connection.errors_occurred:
        reusable = connection.is_usable()
        connection.errors_occurred = not reusable
    if reusable:
        return
    connection.close()
    if connection.closed_in_transaction:
        # Closed inside an atomic block the step never left: Django keeps the wrapper in the
        # block (and would not reconnect, or would run the next step's first block in
        # autocommit). Its state is reset as a new connection's would be.
        connection.connection = None
        connection.closed_in_transaction = False
        connection.in_atomic_block = False
        connection.atomic_blocks = []
        connection.savepoint_ids = []
        connection.needs_rollback = False
        connection.run_on_commit = []
