"""Record a release and its download in the tracking model :class:`RawDataVersion`.

A finish time is only written after success, so a download that started and failed reads as
"started, not finished" until a later run completes it.
"""

from __future__ import annotations

from django.core.files import File
from django.db.models import QuerySet

from calaccess_raw.downloading.local_copy import LocalCopy
from calaccess_raw.downloading.release import LAST_MODIFIED_TOLERANCE, Release
from calaccess_raw.downloading.transfer import DownloadResult
from calaccess_raw.models import RawDataVersion


def of_release(release: Release) -> QuerySet[RawDataVersion]:
    """The tracking rows of ``release``: those within :data:`LAST_MODIFIED_TOLERANCE` of its
    date, as the download itself judges (CDN edges disagree by seconds about one file's date).
    Every lookup of a release's row goes through here, so one edge's date is not "another
    release" for the next."""
    moment = release.last_modified
    window = (moment - LAST_MODIFIED_TOLERANCE, moment + LAST_MODIFIED_TOLERANCE)
    return RawDataVersion.objects.filter(release_datetime__range=window)


def record_release(release: Release) -> RawDataVersion:
    """The tracking row of ``release`` (created on first sight, see :func:`of_release`), with
    the server's headers."""
    moment = release.last_modified
    version = of_release(release).order_by("release_datetime").first()
    if version is None:
        version = RawDataVersion.objects.create(release_datetime=moment)
    version.expected_size = release.size
    version.etag = release.etag or ""
    version.last_modified = release.last_modified
    version.save(update_fields=["expected_size", "etag", "last_modified"])
    return version


def holds(version: RawDataVersion, release: Release) -> bool:
    """Whether the tracking row was recorded for this very export: same size and ETag (a
    server may replace the file and keep its date)."""
    return version.expected_size == release.size and version.etag == (release.etag or "")


def record_download_finish(version: RawDataVersion, result: DownloadResult) -> None:
    """Write the finish time and size; a skipped download only fills what is still missing."""
    if result.skipped and version.download_finish_datetime is not None:
        return
    if version.download_start_datetime is None or not result.skipped:
        version.download_start_datetime = result.started
    version.download_finish_datetime = result.finished
    version.download_zip_size = result.size
    version.save(
        update_fields=["download_start_datetime", "download_finish_datetime", "download_zip_size"]
    )


def archive_download(version: RawDataVersion, local: LocalCopy) -> bool:
    """Keep a copy of the ZIP in Django's default storage (``CALACCESS_STORE_ARCHIVE``).

    Done right after the download, while the ZIP is certainly there: the extract step may delete
    it. Returns whether a copy was written (an archived release is not copied twice).
    """
    if version.download_zip_archive:
        return False
    with open(local.path, "rb") as handle:
        version.download_zip_archive.save(local.path.name, File(handle), save=False)
    version.save(update_fields=["download_zip_archive"])
    return True
