"""Typed errors of the cleaner, each with a one-line message that names the file."""

from __future__ import annotations

import argparse

# Raised by the line splitter the cleaner reads with; offered here with the cleaner's errors.
from calaccess_raw.values.errors import LineTooLong as LineTooLong
from calaccess_toolkit.errors import ToolkitError, UsageError


class CleaningError(ToolkitError):
    """A source file could not be cleaned."""


class UnknownTableName(CleaningError, UsageError, argparse.ArgumentTypeError):
    """A table or file name that is not in the schema (argparse reports it as a bad argument)."""


class SourceFileMissing(CleaningError):
    """The TSV to clean does not exist (extract it first)."""


class UnreadableSourceFile(CleaningError):
    """The TSV exists but the operating system would not let us read it."""


class EmptySourceFile(CleaningError):
    """The TSV has no bytes at all: no header, so nothing to clean (four tables of the export)."""


class MissingHeader(CleaningError):
    """The TSV holds only blank lines, so it has no header row."""


class MalformedHeader(CleaningError):
    """The header row has an empty or repeated column name, so its columns cannot be loaded."""


class CountsDoNotReconcile(CleaningError):
    """The cleaner's own line counts do not add up: a bug, reported instead of losing rows."""
