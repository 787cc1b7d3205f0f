"""The ``download_raw_data`` step: fetch the nightly export ZIP (logic in :mod:`downloading`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from calaccess_raw import paths
from calaccess_raw.downloading import DownloadResult, LocalCopy, check_release, download_release
from calaccess_raw.downloading.errors import DownloadError
from calaccess_raw.downloading.recording import (
    archive_download,
    record_download_finish,
    record_release,
)
from calaccess_toolkit import conf
from calaccess_toolkit.sizes import format_size
from django_commander.base import BasicCommand


class DownloadCancelled(DownloadError):
    """The user answered no: nothing was downloaded, so later steps must not think otherwise."""


class DownloadRawData(BasicCommand):
    """Download the nightly CAL-ACCESS export ZIP, resuming a partial download of the same release.

    The release on offer (its date and size) is shown before anything is fetched. A complete copy
    of that release is not downloaded again; the extract step deletes the ZIP unless told to keep
    it, so keep it (`--keep-files`) to make a repeated download of the same release free.
    """

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--force-restart",
            action="store_true",
            help="Download afresh from the first byte, discarding a partial or complete copy.",
        )

    def run(self) -> dict[str, Any]:
        url = conf.get("CALACCESS_DOWNLOAD_URL")
        release = check_release(url)
        local = LocalCopy(paths.zip_path())
        self.say(f"The server offers the {release.describe()}.")
        resumable = 0 if self.options["force_restart"] else local.resumable_bytes(release) or 0
        complete = local.is_complete(release) and not self.options["force_restart"]
        if not complete and not self.confirm(self._question(resumable)):
            raise DownloadCancelled("download cancelled; nothing was changed")
        version = record_release(release)
        if not complete:
            version.mark_started("download", timezone.now())
        with self.progress(
            total=release.size, desc="Downloading", unit="B", unit_scale=True
        ) as bar:
            bar.update(resumable)
            result = download_release(
                release,
                local.path,
                force_restart=self.options["force_restart"],
                on_progress=bar.update,
            )
        record_download_finish(version, result)
        self.say(self._summary(result))
        if conf.get("CALACCESS_STORE_ARCHIVE") and archive_download(version, local):
            self.say(f"Archived the ZIP as {version.download_zip_archive.name}.")
        return {
            "release_datetime": release.last_modified.isoformat(),
            "size": result.size,
            "etag": release.etag,
            "skipped": result.skipped,
            "resumed_bytes": result.resumed_bytes,
            "restarted": result.restarted,
            "path": str(result.path),
        }

    def _question(self, resumable: int) -> str:
        if resumable:
            return f"Resume the download ({format_size(resumable)} already here)?"
        return "Download it now?"

    def _summary(self, result: DownloadResult) -> str:
        if result.skipped:
            return f"Already downloaded: {result.path} holds this release."
        text = f"Downloaded {format_size(result.size)} to {result.path}"
        if result.resumed_bytes:
            text += f", resumed after {format_size(result.resumed_bytes)}"
        if result.restarted:
            text += " (a partial download of another release was discarded)"
        return text + "."
