"""Multiprocessed variants of the iterating commands, with ``--num-cores``.

Items are handed to a pool of forked worker processes; each worker calls ``parse_and_save`` (or
``download`` then ``parse_and_save``) on its own copy of the command, and the return values come
back, in item order, to ``cleanup(results)`` in the parent. Workers open their own database
connections: the parent's are closed before forking (or, inside a transaction, left untouched by
the workers, which must then not use the database).
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
from typing import Any

from django.db import connections

from .iterating import DownloadIterateCommand, IterateDownloadCommand, as_arguments

# The command being run, inherited by forked workers (a bound method of it would be pickled).
_worker_command: Any = None
# Database connections inherited from the parent, kept referenced so a worker never closes them.
_inherited_connections: list[Any] = []


def _start_worker() -> None:
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _inherited_connections.append(connection.connection)
            connection.connection = None


def _call_in_worker(method_name: str, item: Any) -> Any:
    return getattr(_worker_command, method_name)(*as_arguments(item))


class MultiprocessMixin:
    """Map a method of the command over items on ``--num-cores`` worker processes."""

    @classmethod
    def add_framework_arguments(cls, parser: argparse.ArgumentParser) -> None:
        super().add_framework_arguments(parser)
        parser.add_argument(
            "--num-cores",
            type=int,
            default=os.cpu_count() or 1,
            help="Worker processes to use (default: all cores; 1 runs in this process).",
        )

    def map_items(self, method_name: str, items: Any) -> list[Any]:
        cores = max(1, int(self.options.get("num_cores") or 1))
        if cores == 1:
            method = getattr(self, method_name)
            return [method(*as_arguments(item)) for item in self.progress(items, desc=self.name)]
        global _worker_command
        if not any(connection.in_atomic_block for connection in connections.all()):
            connections.close_all()
        _worker_command = self
        context = multiprocessing.get_context("fork")
        try:
            with context.Pool(cores, initializer=_start_worker) as pool:
                mapped = pool.imap(functools.partial(_call_in_worker, method_name), items)
                return list(self.progress(mapped, desc=self.name))
        finally:
            _worker_command = None


class MultiprocessDownloadIterateCommand(MultiprocessMixin, DownloadIterateCommand):
    """Download once, then parse and save the items on several processes."""

    abstract = True

    def run(self) -> Any:
        downloaded = self.download()
        return self.cleanup(self.map_items("parse_and_save", self.iterate(downloaded)))


class MultiprocessIterateDownloadCommand(MultiprocessMixin, IterateDownloadCommand):
    """Download, parse and save each item on several processes."""

    abstract = True

    def run(self) -> Any:
        return self.cleanup(self.map_items("download_and_parse", self.iterate()))
