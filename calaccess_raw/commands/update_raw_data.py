"""The ``update_raw_data`` pipeline: the whole raw chain for the release the state offers now."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import connections, router
from django.utils import timezone

from calaccess_raw import paths, schema
from calaccess_raw.downloading import check_release
from calaccess_raw.downloading.recording import record_release
from calaccess_raw.downloading.release import Release
from calaccess_raw.loading import sidecar
from calaccess_raw.models import RawDataFile, RawDataVersion
from calaccess_raw.summaries import summarize_version
from calaccess_toolkit import conf
from django_commander.base import PipelineCommand, Step


class UpdateRawData(PipelineCommand):
    """Download, extract, clean, load and verify every table of the latest CAL-ACCESS export.

    On PostgreSQL and MySQL/MariaDB each file is cleaned while the previous one loads.
    An interrupted update resumes at the stage and the file where it stopped (unless
    --force-restart, or unless the state has published a newer release since). With --noinput,
    a release that is already loaded is left alone and the command exits quietly.
    """

    step_commands = (
        "download_raw_data",
        "extract_raw_files",
        "clean_raw_file",
        "load_raw_file",
        "verify_raw_file",
        "archive_raw_data",
    )

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--keep-files",
            action="store_true",
            help="Keep the downloaded ZIP, the TSV and the clean CSV files after loading.",
        )
        parser.add_argument(
            "-a",
            "--app",
            default="calaccess_raw",
            help="App whose models receive the data (default: calaccess_raw).",
        )

    def run(self) -> dict[str, Any]:
        self.release = check_release(conf.get("CALACCESS_DOWNLOAD_URL"))
        loaded = RawDataVersion.objects.completed().filter(
            release_datetime=self.release.last_modified
        )
        if loaded.exists() and not self.options["force_restart"]:
            question = f"The {self.release.describe()} is already loaded. Load it again?"
            if self.noinput or not self.confirm(question, default=False):
                self.say(f"The {self.release.describe()} is already loaded; nothing to do.")
                return {"release_datetime": self.release.last_modified.isoformat(), "steps": {}}
        steps = super().run()
        return {"release_datetime": self.release.last_modified.isoformat(), "steps": steps}

    def interrupted_since(self) -> datetime | None:
        """Resume only an attempt that was updating the release on offer now."""
        since = super().interrupted_since()
        if since is None:
            return None
        version = RawDataVersion.objects.filter(release_datetime=self.release.last_modified).first()
        started = version.update_start_datetime if version else None
        if started is None or started < since:
            self.say("The interrupted update was of another release; starting afresh.")
            return None
        return since

    def before_steps(self) -> None:
        self.version = self._start(self.release)

    def steps(self) -> Iterator[Step]:
        version = self.version
        keep = self.options["keep_files"]
        yield Step("download_raw_data")
        yield Step("extract_raw_files", options={"keep_files": keep})
        tables = list(version.files.order_by("file_name").values_list("file_name", flat=True))
        # Each file is cleaned in the background while the previous one loads: the cleaner is
        # Python, the load mostly the database's own work, so the two overlap. Not when the raw
        # data is in SQLite: the clean's tracking rows would wait for the load's write lock.
        background = connections[router.db_for_write(RawDataFile)].vendor != "sqlite"
        cleans = [
            Step("clean_raw_file", {"file_name": table}, {"keep_file": keep}, background=background)
            for table in tables
        ]
        yield from cleans[:1]
        for position, table in enumerate(tables):
            yield from cleans[position + 1 : position + 2]
            model = schema.load().table(table).model_name
            yield Step(
                "load_raw_file", {"model": model}, {"keep_file": True, "app": self.options["app"]}
            )
            yield Step("verify_raw_file", {"model": model}, {"app": self.options["app"]})
        if conf.get("CALACCESS_STORE_ARCHIVE"):
            yield Step("archive_raw_data")

    def after_steps(self, results: dict[str, Any]) -> None:
        if not self.options["keep_files"]:
            for table in self.version.files.values_list("file_name", flat=True):
                paths.csv_path(table).unlink(missing_ok=True)
                sidecar.forget(paths.csv_path(table))
        self._finish(self.version)

    def _start(self, release: Release) -> RawDataVersion:
        version = record_release(release)
        if version.update_start_datetime is None or version.update_completed or not self.resuming:
            version.mark_started("update", timezone.now())
        return version

    def _finish(self, version: RawDataVersion) -> None:
        version.refresh_from_db()
        summarize_version(version)
        version.update_finish_datetime = timezone.now()
        version.save()
        self.say(
            f"Loaded {version.load_record_count or 0:,} rows into {version.load_file_count or 0} "
            f"tables from the {self.release.describe()}; {version.error_count or 0:,} rows and "
            f"{version.load_error_count or 0:,} values went to the error logs."
        )
