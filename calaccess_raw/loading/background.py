"""Type a cleaned CSV in a helper process while the database stores the rows already typed.

Typing a file in Python (:mod:`calaccess_raw.loading.rows`) costs about as much CPU as the
database's storing of the typed rows, and both are single-threaded. :func:`typed_csv` forks a
helper that types the file and writes the typed rows as CSV into a pipe; the loader hands that
pipe to the database (SQLite reads it as a CSV virtual table, PostgreSQL's COPY takes it), which
stores the rows meanwhile, so a load takes about the longer of the two instead of their sum. For
a small file (under :data:`PROCESS_MIN_BYTES`), and where ``os.fork`` does not exist, a thread
does the typing instead: the same rows, without the overlap, and without the fork's cost (some
20 ms, as the loader's pages are copied on write).

The helper writes the load's error log itself and, when it is done, sends back its counts (rows,
skipped rows, errors), which :meth:`TypedRows.adopt` takes over, or the exception it stopped on,
which is raised again in the loader. The loader must treat a stream that ended early as a failure:
leaving the ``with`` block raises the helper's error after the rows were read, before anything
commits. The helper never touches the database connections it inherits and leaves with
``os._exit``, so none of them is closed or rolled back from its side.

In the typed CSV (Python's default dialect unless told otherwise) a typed column is empty only
where its value is NULL; text columns are never NULL, so an empty text column is ``''``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import threading
from collections.abc import Iterator
from typing import Any, BinaryIO

from .rows import Tally, TypedRows

#: Bytes the pipe holds before the helper waits for the loader. Linux's default (64 KiB) makes
#: the two processes take turns every few rows; a larger pipe lets them run side by side.
PIPE_SIZE = 1 << 20
#: The smallest cleaned file typed in a helper process rather than a thread.
PROCESS_MIN_BYTES = 1 << 20
#: Bytes read from, and written to, the pipe at a time.
READ_SIZE = 1 << 16


@contextlib.contextmanager
def typed_csv(rows: TypedRows, **csv_format: Any) -> Iterator[BinaryIO]:
    """The typed rows as a readable stream of UTF-8 CSV, produced by a helper as the caller reads.

    ``csv_format`` are :func:`csv.writer` options. On leaving the block the helper is waited for,
    its counts are adopted by ``rows``, and its exception (if any) is raised; an exception of
    the caller's own wins over the helper's (which then only saw its pipe closed).
    """
    data_read, data_write = os.pipe()
    _enlarge(data_write)
    helper = _Helper(rows, data_read, data_write, csv_format)
    try:
        helper.start()
    except BaseException:  # no helper (fork or thread refused): nothing will use the pipe
        os.close(data_read)
        os.close(data_write)
        raise
    stream = open(data_read, "rb", buffering=READ_SIZE)  # noqa: SIM115 - closed below
    try:
        yield stream
    finally:
        stream.close()  # a helper still writing now stops on a broken pipe
        outcome = helper.finish()
    if isinstance(outcome, BaseException):
        raise outcome
    rows.adopt(outcome)


def _enlarge(pipe: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (ImportError, AttributeError, OSError):  # not Linux, or above the system's maximum
        pass


def _write(rows: TypedRows, pipe: int, csv_format: dict[str, Any]) -> Tally:
    with open(pipe, "w", encoding="utf-8", newline="", buffering=READ_SIZE) as out:
        rows.write_csv(out, **csv_format)
    rows.log.close()
    return rows.tally()


class _Helper:
    """The process (or, for a small file or without ``fork``, the thread) writing to the pipe."""

    def __init__(
        self, rows: TypedRows, reading_end: int, pipe: int, csv_format: dict[str, Any]
    ) -> None:
        self.rows = rows
        self.reading_end = reading_end  # the loader's; the helper must not hold it open
        self.pipe = pipe
        self.csv_format = csv_format
        self.process_id: int | None = None
        self.result_pipe: int | None = None
        self.thread: threading.Thread | None = None
        self.outcome: Tally | BaseException | None = None

    def start(self) -> None:
        if not hasattr(os, "fork") or self.rows.path.stat().st_size < PROCESS_MIN_BYTES:
            self.thread = threading.Thread(target=self._run_in_thread, daemon=True)
            self.thread.start()
            return
        result_read, result_write = os.pipe()
        try:
            process_id = os.fork()
        except OSError:
            os.close(result_read)
            os.close(result_write)
            raise
        if process_id == 0:  # the helper
            try:
                os.close(result_read)
                os.close(self.reading_end)  # else a loader that stops reading never frees it
                gc.disable()  # typing makes no reference cycles; collecting costs a third
                _send(result_write, self._outcome())
            finally:
                os._exit(0)
        os.close(result_write)
        os.close(self.pipe)
        self.process_id, self.result_pipe = process_id, result_read

    def _outcome(self) -> Tally | BaseException:
        try:
            return _write(self.rows, self.pipe, self.csv_format)
        except BaseException as error:  # noqa: BLE001 - sent to the loader, raised there
            return error

    def _run_in_thread(self) -> None:
        self.outcome = self._outcome()

    def finish(self) -> Tally | BaseException:
        """Wait for the helper; its counts, or the exception it stopped on."""
        if self.thread is not None:
            self.thread.join()
            assert self.outcome is not None
            return self.outcome
        assert self.process_id is not None and self.result_pipe is not None
        with open(self.result_pipe, "rb") as results:
            message = results.read()
        _, status = os.waitpid(self.process_id, 0)
        if not message:
            return RuntimeError(f"the typing helper ended without a result (status {status})")
        return pickle.loads(message)


def _send(pipe: int, outcome: Tally | BaseException) -> None:
    try:
        message = pickle.dumps(outcome)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled goes as its text
        message = pickle.dumps(RuntimeError(f"{type(outcome).__name__}: {outcome}"))
    with open(pipe, "wb") as out:
        out.write(message)
