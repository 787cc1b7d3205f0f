"""Typed errors of the extract step, each with a one-line message a user can act on."""

from calaccess_toolkit.errors import ToolkitError


class ExtractError(ToolkitError):
    """The export could not be extracted; the previously extracted files are left untouched."""


class CorruptArchive(ExtractError):
    """The ZIP is missing, truncated or damaged (bad directory, CRC error, bad compressed data)."""


class UnsafeMember(ExtractError):
    """A member's path could escape the extraction folder (absolute, ``..``, a symlink)."""


class NotAnExport(ExtractError):
    """The ZIP holds no ``.TSV`` file, or two of its members hold the same table."""
