"""Errors of processing, each with a one-line message a user can act on."""

from __future__ import annotations

from calaccess_toolkit.errors import ToolkitError, UsageError


class ProcessingError(ToolkitError):
    """Processing the raw data into filings failed."""


class RawDataElsewhere(ProcessingError, UsageError):
    """The raw tables live in a database the processed tables cannot read in one statement: a
    setting to change, so a usage error (exit code 2)."""


class RawUpdateNotReady(ProcessingError):
    """No completed raw release to process, or the raw update stalled."""
