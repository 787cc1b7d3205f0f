"""Produce a load's input in a helper process while the database reads it.

Typing a file in Python (:mod:`calaccess_raw.loading.rows`) costs about as much CPU as the
database's storing of the typed rows, and both are single-threaded. :func:`piped` runs a writer in
a helper that writes into a pipe; the loader hands that pipe to the database (SQLite reads it as a
CSV virtual table, PostgreSQL's COPY and MySQL's LOAD DATA take it), which stores the rows
meanwhile, so a load takes about the longer of the two instead of their sum. A helper process
also keeps the writer's Python off the interpreter lock of the loader, where the next table's
clean may be running. For a small file (under :data:`PROCESS_MIN_BYTES`), and where ``os.fork``
does not exist, a thread does the writing instead: the same bytes, without the overlap, and
without the fork's cost (some 20 ms, as the loader's pages are copied on write).

Two writers use it: :func:`typed_csv` (every value typed by the rules) and
:func:`calaccess_raw.loading.flags.flags_rewritten` (PostgreSQL's flag rewrite). When the writer
is done the helper sends back its result (for typing, its counts: rows, skipped rows, errors,
and the rows' fingerprint for the verification, :mod:`calaccess_raw.loading.fingerprint`),
or the exception it stopped on, which is raised again in the loader. The loader must treat a
stream that ended early as a failure: leaving the ``with`` block raises the helper's error after
the rows were read, before anything commits. The helper never touches the database connections it
inherits and leaves with ``os._exit``, so none of them is closed or rolled back from its side.

In the typed CSV (Python's default dialect unless told otherwise) a typed column is empty only
where its value is NULL; text columns are never NULL, so an empty text column is ``''``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BufferedReader
from pathlib import Path
from typing import Any

from calaccess_raw.schema import Field

from .fingerprint import Fingerprint
from .rows import Tally, TypedRows, expected_fingerprint

#: Bytes the pipe holds before the helper waits for the loader. Linux's default (64 KiB) makes
#: the two processes take turns every few rows; a larger pipe lets them run side by side.
PIPE_SIZE = 1 << 20
#: The smallest cleaned file typed in a helper process rather than a thread.
PROCESS_MIN_BYTES = 1 << 20
#: Bytes read from, and written to, the pipe at a time.
READ_SIZE = 1 << 16


@dataclass
class Piped:
    """The reading end of a helper's pipe and, once the ``with`` block has ended, its result."""

    stream: BufferedReader
    result: Any = None


@contextlib.contextmanager
def piped(write: Callable[[int], Any], path: Path) -> Iterator[Piped]:
    """Run ``write(pipe)`` in a helper; the caller reads what it writes from ``Piped.stream``.

    ``write`` gets the pipe's writing end as a file descriptor, must close it when done and
    returns a picklable result. ``path`` is the file it reads, whose size chooses a process or a
    thread. On leaving the block the helper is waited for and its result stored in the
    ``Piped``, or its exception raised; an exception of the caller's own wins over the
    helper's (which then only saw its pipe closed).
    """
    data_read, data_write = os.pipe()
    _enlarge(data_write)
    in_process = hasattr(os, "fork") and path.stat().st_size >= PROCESS_MIN_BYTES
    helper = _Helper(write, data_read, data_write)
    try:
        helper.start(in_process)
    except BaseException:  # no helper (fork or thread refused): nothing will use the pipe
        os.close(data_read)
        os.close(data_write)
        raise
    stream = open(data_read, "rb", buffering=READ_SIZE)  # noqa: SIM115 - closed below
    output = Piped(stream)
    try:
        yield output
    finally:
        stream.close()  # a helper still writing now stops on a broken pipe
        outcome = helper.finish()
    if isinstance(outcome, BaseException):
        raise outcome
    output.result = outcome


@contextlib.contextmanager
def typed_csv(rows: TypedRows, **csv_format: Any) -> Iterator[BufferedReader]:
    """The typed rows as a readable stream of UTF-8 CSV, produced by a helper as the caller reads.

    ``csv_format`` are :func:`csv.writer` options. On leaving the block the helper's counts are
    adopted by ``rows``.
    """
    with piped(functools.partial(_write_typed, rows, csv_format), rows.path) as output:
        yield output.stream
    rows.adopt(output.result)


@contextlib.contextmanager
def fingerprinted(path: Path, fields: tuple[Field, ...]) -> Iterator[Piped]:
    """The fingerprint of the file's rows typed by the loader's rules, summed up by a helper
    while the block runs (PostgreSQL's COPY types the file itself, in the server, meanwhile).

    Bad values count as empty, as in the load; nothing is logged (the load logs them, where it
    types). On leaving the block ``result`` holds the :class:`Fingerprint`.
    """
    with piped(functools.partial(_fingerprint_only, path, fields), path) as output:
        yield output


def _fingerprint_only(path: Path, fields: tuple[Field, ...], pipe: int) -> Fingerprint:
    os.close(pipe)  # nothing goes through the pipe: the caller reads end of file at once
    return expected_fingerprint(path, fields)


def _enlarge(pipe: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (ImportError, AttributeError, OSError):  # not Linux, or above the system's maximum
        pass


def _write_typed(rows: TypedRows, csv_format: dict[str, Any], pipe: int) -> Tally:
    with open(pipe, "w", encoding="utf-8", newline="", buffering=READ_SIZE) as out:
        fingerprint = rows.write_csv(out, **csv_format)
    rows.log.close()
    return dataclasses.replace(rows.tally(), fingerprint=fingerprint)


class _Helper:
    """The process (or thread) running a writer into the pipe."""

    def __init__(self, write: Callable[[int], Any], reading_end: int, pipe: int) -> None:
        self.write = write
        self.reading_end = reading_end  # the loader's; the helper must not hold it open
        self.pipe = pipe
        self.process_id: int | None = None
        self.result_pipe: int | None = None
        self.thread: threading.Thread | None = None
        self.outcome: Any = None

    def start(self, in_process: bool) -> None:
        if not in_process:
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
                gc.disable()  # writers make no reference cycles; collecting costs a third
                _send(result_write, self._outcome())
            finally:
                os._exit(0)
        os.close(result_write)
        os.close(self.pipe)
        self.process_id, self.result_pipe = process_id, result_read

    def _outcome(self) -> Any:
        try:
            return self.write(self.pipe)
        except BaseException as error:  # noqa: BLE001 - sent to the loader, raised there
            return error

    def _run_in_thread(self) -> None:
        self.outcome = self._outcome()

    def finish(self) -> Any:
        """Wait for the helper; its result, or the exception it stopped on."""
        if self.thread is not None:
            self.thread.join()
            return self.outcome
        assert self.process_id is not None and self.result_pipe is not None
        with open(self.result_pipe, "rb") as results:
            message = results.read()
        _, status = os.waitpid(self.process_id, 0)
        if not message:
            return RuntimeError(f"the loader's helper ended without a result (status {status})")
        return pickle.loads(message)


def _send(pipe: int, outcome: Any) -> None:
    try:
        message = pickle.dumps(outcome)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled goes as its text
        message = pickle.dumps(RuntimeError(f"{type(outcome).__name__}: {outcome}"))
    with open(pipe, "wb") as out:
        out.write(message)
