"""The ``raw_release`` epoch: when the toolkit began on the newest raw release.

Steps after the download declare ``Dependency(..., since=RAW_RELEASE)``, so a success for last
month's release does not satisfy a step about this month's: once a newer release is recorded,
only runs that finished after the toolkit started on it count.
"""

from __future__ import annotations

from datetime import datetime

from django.apps import apps

RAW_RELEASE = "raw_release"


def current_release_started() -> datetime | None:
    """The earliest download or update start of the newest release (its publication time when
    neither is recorded yet); None before any release was recorded."""
    version = apps.get_model("calaccess_raw", "RawDataVersion").objects.latest_release()
    if version is None:
        return None
    starts = [
        moment
        for moment in (version.download_start_datetime, version.update_start_datetime)
        if moment is not None
    ]
    return min(starts) if starts else version.release_datetime
