"""Download the nightly CAL-ACCESS export: check the release, resume, verify, replace atomically.

Use :func:`check_release` to learn what the server offers (HEAD), then :func:`download_release` to
make a local ZIP hold it. Both take explicit arguments and return plain objects; the
``download_raw_data`` command only asks the user, shows progress and records the result.
"""

from calaccess_raw.downloading.errors import (
    DownloadError,
    DownloadTimeout,
    NotAZip,
    ReleaseChanged,
    SizeMismatch,
)
from calaccess_raw.downloading.http import check_release, make_session
from calaccess_raw.downloading.local_copy import LocalCopy
from calaccess_raw.downloading.release import Release
from calaccess_raw.downloading.retry import RetryPolicy
from calaccess_raw.downloading.transfer import DownloadResult, download_release

__all__ = [
    "DownloadError",
    "DownloadResult",
    "DownloadTimeout",
    "LocalCopy",
    "NotAZip",
    "Release",
    "ReleaseChanged",
    "RetryPolicy",
    "SizeMismatch",
    "check_release",
    "download_release",
    "make_session",
]
