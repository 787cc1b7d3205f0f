"""The threads a pipeline runs its concurrent steps in, and their database connections.

Each thread has connections of its own (Django's are per thread). Opening one costs a server
process, the authentication and the session's set-up (some 10 ms on PostgreSQL, more on a busy
machine), and an update runs hundreds of short steps: so a thread keeps its connections from one
step to the next, unless a step left one unusable or inside a transaction
(:func:`tidy_after_step`), and they are closed when the pipeline's steps are all done
(:meth:`StepThreads.close`).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper


class StepThreads(ThreadPoolExecutor):
    """A thread pool whose threads' database connections :meth:`close` closes."""

    def __init__(self, max_workers: int, thread_name_prefix: str) -> None:
        super().__init__(max_workers, thread_name_prefix, initializer=self._adopt)
        self._wrappers: list[BaseDatabaseWrapper] = []
        self._lock = threading.Lock()

    def _adopt(self) -> None:
        """In each new thread: remember its connection objects, to close them at the end."""
        with self._lock:
            self._wrappers.extend(connections.all())

    def close(self) -> None:
        """Close every thread's connections (once their steps are done), from this thread."""
        for wrapper in self._wrappers:
            wrapper.inc_thread_sharing()
            try:
                wrapper.close()
            finally:
                wrapper.dec_thread_sharing()
        self._wrappers.clear()

    def __exit__(self, *exc_info: object) -> bool | None:
        try:
            return super().__exit__(*exc_info)  # waits for the steps still running
        finally:
            self.close()


def tidy_after_step() -> None:
    """Close this thread's connections that the next step could not simply reuse: left inside a
    transaction, out of autocommit, or broken by an error."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            continue
        reusable = not connection.in_atomic_block and connection.get_autocommit()
        if reusable and connection.errors_occurred:
            reusable = connection.is_usable()
            connection.errors_occurred = not reusable
        if not reusable:
            connection.close()
            if connection.closed_in_transaction:
                # Closed inside an atomic block the step never left: Django keeps the wrapper
                # in the block and refuses to reconnect there. Forgetting the closed connection
                # lets the next step connect afresh, which resets the transaction state.
                connection.connection = None
                connection.closed_in_transaction = False
