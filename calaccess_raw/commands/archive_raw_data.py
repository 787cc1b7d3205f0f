"""The ``archive_raw_data`` step: keep the release's clean files and error logs in storage."""

from __future__ import annotations

from calaccess_raw.archiving import archive_release
from calaccess_raw.models import RawDataVersion
from django_commander.base import BasicCommand


class ArchiveRawData(BasicCommand):
    """Save the latest release's clean CSVs (zipped) and error logs to Django's default storage."""

    def run(self) -> dict[str, str]:
        version = RawDataVersion.objects.latest_release()
        if version is None:
            return {}
        stored = archive_release(version)
        self.say(f"Archived {stored['clean_zip']} and {stored['error_logs_zip']}.")
        return stored
