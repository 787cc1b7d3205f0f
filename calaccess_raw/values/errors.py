"""Typed errors of the typing layer."""

from __future__ import annotations

from calaccess_toolkit.errors import ToolkitError


class LineTooLong(ToolkitError):
    """A line grew past the size limit: the file is not a line-based TSV (or is corrupt)."""
