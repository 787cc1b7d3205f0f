"""Typed errors of the benchmark, each with a one-line message saying what to change."""

from __future__ import annotations

from calaccess_toolkit.errors import ToolkitError


class BenchmarkError(ToolkitError):
    """The benchmark cannot run as asked."""


class UnusableTable(BenchmarkError):
    """A table asked for is not in the schema, or the sample holds no row of it to repeat."""


class DatabaseUnavailable(BenchmarkError):
    """No server to benchmark a database on: no URL given and the default database is another."""


class ScratchDatabaseExists(BenchmarkError):
    """The scratch database's name is taken; the benchmark only drops databases it created."""


class StageFailed(BenchmarkError):
    """A measured stage failed in its child process (the message ends with the child's error)."""


class RowsLost(BenchmarkError):
    """A stage stored fewer or more rows than were generated: the figures would be meaningless."""
