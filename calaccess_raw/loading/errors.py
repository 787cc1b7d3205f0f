"""Typed errors of loading and verifying raw tables (one line each, naming the file or column)."""

from calaccess_toolkit.errors import ToolkitError, UsageError


class LoadError(ToolkitError):
    """A table could not be loaded; its previous contents are unchanged."""


class UnknownTable(LoadError, UsageError):
    """The name matches no raw-data model or table of the export, or no app holds such models."""


class CleanFileMissing(LoadError):
    """The cleaned CSV to load does not exist."""


class HeaderMismatch(LoadError):
    """The CSV's header does not match the table's columns (the message names the column)."""


class NotUTF8(LoadError):
    """The cleaned CSV is not valid UTF-8, which the cleaner guarantees."""


class VerifyError(ToolkitError):
    """The loaded table does not hold what its cleaned CSV says."""


class RowCountMismatch(VerifyError):
    """The table holds more or fewer rows than the CSV."""


class ValueMismatch(VerifyError):
    """A loaded value differs from the CSV's (the message names line and column)."""
