"""Typed errors of the download step, each with a one-line message a user can act on."""

from calaccess_toolkit.errors import ToolkitError


class DownloadError(ToolkitError):
    """The export could not be downloaded; the previous local copy is left untouched."""


class DownloadTimeout(DownloadError):
    """The server stopped answering for longer than ``CALACCESS_HTTP_TIMEOUT`` on every attempt."""


class ReleaseChanged(DownloadError):
    """The server offered a different release mid-download (Last-Modified or ETag changed)."""


class SizeMismatch(DownloadError):
    """The server sent, or we received, a different number of bytes than the release announced."""


class NotAZip(DownloadError):
    """The downloaded bytes are not a complete ZIP archive (an HTML error page, a cut-off file)."""
