"""Optional parts of the distribution (pip extras), and one line when a missing one is needed.

The base install runs the toolkit on SQLite. PostgreSQL, MySQL/MariaDB and Celery need the
extras ``[postgresql]``, ``[mysql]`` and ``[celery]``; code imports their packages only where it
uses them, and asks :meth:`Extra.require` first so that a missing one is a one-line error (exit
code 2), not an ``ImportError`` traceback.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any, NoReturn

from .errors import UsageError

DISTRIBUTION = "calaccess-toolkit"


class MissingExtra(UsageError):
    """A feature needs a package of an extra that is not installed."""


@dataclass(frozen=True)
class Extra:
    """One extra: its name, the package it brings and the feature that needs it."""

    name: str
    module: str
    feature: str

    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def missing(self) -> MissingExtra:
        return MissingExtra(
            f"{self.feature} needs {self.module}, which is not installed: "
            f"pip install '{DISTRIBUTION}[{self.name}]'"
        )

    def require(self) -> None:
        """Raise :class:`MissingExtra` unless the extra's package is installed."""
        if not self.installed():
            raise self.missing()


class Unavailable:
    """Stands in for an object of a missing extra: any use raises :class:`MissingExtra`."""

    def __init__(self, extra: Extra) -> None:
        self._extra = extra

    def __getattr__(self, name: str) -> NoReturn:
        raise self._extra.missing()

    def __call__(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise self._extra.missing()


POSTGRESQL = Extra("postgresql", "psycopg", "PostgreSQL")
MYSQL = Extra("mysql", "pymysql", "MySQL/MariaDB")
CELERY = Extra("celery", "celery", "Running commands on Celery workers")
