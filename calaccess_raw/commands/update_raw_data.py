"""The ``update_raw_data`` pipeline: the whole raw chain for the release the state offers now."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import connections, router
from django.db.models import F
from django.utils import timezone

from calaccess_raw import loading, paths, schema
from calaccess_raw.completeness import MissingTables, missing_tables
from calaccess_raw.downloading import LocalCopy, check_release
from calaccess_raw.downloading.recording import holds, of_release, record_release
from calaccess_raw.downloading.release import Release
from calaccess_raw.loading import sidecar
from calaccess_raw.locking import update_lock
from calaccess_raw.models import RawDataFile, RawDataVersion, get_raw_model
from calaccess_raw.summaries import summarize_version
from calaccess_toolkit import conf
from calaccess_toolkit.allocator import return_large_buffers
from django_commander.base import PipelineCommand, Step

#: The steps the update runs once per table.
PER_TABLE_COMMANDS = ("clean_raw_file", "load_raw_file", "verify_raw_file")


def table_of_step(step: Step) -> str:
    """The export's table a per-table step works on."""
    if "file_name" in step.parameters:
        return step.parameters["file_name"]
    return get_raw_model(step.parameters["model"]).schema.name


class UpdateRawData(PipelineCommand):
    """Download, extract, clean, load and verify every table of the latest CAL-ACCESS export.

    On PostgreSQL and MySQL/MariaDB the tables' steps run side by side (the framework's
    DJANGO_COMMANDER_PARALLEL_STEPS at once).
    An interrupted update resumes at the stage and the file where it stopped (unless
    --force-restart, or unless the state has published a newer release since); a stage whose
    files are gone starts over. A table that fails does not stop the others: the run ends
    partial (exit code 3) naming it, and the release's ``stale_tables`` lists the tables that do
    not hold it (failed, or missing from the export). One update runs at a time per database
    (:mod:`calaccess_raw.locking`). With --noinput, a release already loaded whole is left alone
    and the command exits quietly.
    """

    #: A partial update's rerun retries only the failed tables (bounded by the release).
    resumes_failed = True
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
        loading.raw_models_of(self.options["app"])  # a mistyped --app fails before the download
        # The steps' megabyte buffers, freed on one thread while another allocates, would
        # otherwise leave malloc's heaps holding more the longer the export (see the module).
        # Only where the tables' steps run side by side: on SQLite, one after the other, the
        # cleaner's cost would add to the update's time, with no COPY to hide behind.
        if self._tables_side_by_side():
            return_large_buffers()
        with update_lock():
            return self._update()

    def _update(self) -> dict[str, Any]:
        self.release = check_release(conf.get("CALACCESS_DOWNLOAD_URL"))
        loaded = [
            version
            for version in of_release(self.release) & RawDataVersion.objects.completed()
            if holds(version, self.release)
        ]
        if loaded and not self.options["force_restart"]:
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
        version = of_release(self.release).order_by("release_datetime").first()
        started = version.update_start_datetime if version else None
        if started is None or started < since:
            self.say("The interrupted update was of another release; starting afresh.")
            return None
        if not holds(version, self.release):
            self.say(
                "The export changed since the interrupted update (size or ETag); starting afresh."
            )
            return None
        self._recleaned: set[str] = set()
        self._must_extract: bool | None = None
        # Earlier attempts of the chain may have worked on another release: only what ran since
        # this release's update (re)started counts as done.
        return max(since, started)

    def before_steps(self) -> None:
        self.version = self._start(self.release)

    def step_completed_since(self, step: Step, since: datetime) -> bool:
        """A step done in the interrupted attempt counts as done only while what it left behind
        is still there for the steps after it; else that stage starts over (and the ones after
        it that read its files): a deleted ZIP is downloaded again, a deleted TSV extracted
        again, a deleted CSV of a table not yet verified cleaned again, then loaded again."""
        done = super().step_completed_since(step, since)
        if step.command == "download_raw_data":
            zip_here = LocalCopy(paths.zip_path()).is_complete(self.release)
            return done and (zip_here or not self._extract_needed(since))
        if step.command == "extract_raw_files":
            return done and not self._extract_needed(since)
        if step.command not in PER_TABLE_COMMANDS:
            return done
        table = table_of_step(step)
        if step.command == "clean_raw_file":
            done = done and not self._clean_output_gone(table, since)
            if not done:
                self._recleaned.add(table)
            return done
        return done and table not in self._recleaned

    def _extract_needed(self, since: datetime) -> bool:
        """Whether the extraction must run (again): not done, or a TSV still to clean is gone."""
        if self._must_extract is None:
            extract = Step("extract_raw_files")
            version = of_release(self.release).order_by("release_datetime").first()
            tables = version.files.values_list("file_name", flat=True)
            self._must_extract = not super().step_completed_since(extract, since) or any(
                not paths.tsv_path(table).exists() and self._clean_to_run(table, since)
                for table in tables
            )
        return self._must_extract

    def _clean_to_run(self, table: str, since: datetime) -> bool:
        clean = Step("clean_raw_file", {"file_name": table})
        done = super().step_completed_since(clean, since)
        return not done or self._clean_output_gone(table, since)

    def _clean_output_gone(self, table: str, since: datetime) -> bool:
        """The table's CSV is gone while its load or verify still needs it."""
        model = schema.load().table(table).model_name
        verify = Step("verify_raw_file", {"model": model})
        return not paths.csv_path(table).exists() and not super().step_completed_since(
            verify, since
        )

    def steps(self) -> Iterator[Step]:
        version = self.version
        keep = self.options["keep_files"]
        yield Step("download_raw_data", options={"force_restart": self.options["force_restart"]})
        yield Step("extract_raw_files", options={"keep_files": keep})
        # The largest tables first: the framework starts the ready steps in the order they are
        # yielded, so the longest chains of clean, load and verify start at once and the small
        # tables fill in beside them, instead of the largest one finishing alone at the end.
        largest_first = (F("download_file_size").desc(nulls_last=True), "file_name")
        tables = list(version.files.order_by(*largest_first).values_list("file_name", flat=True))
        # On a database server the tables' steps run side by side, as many at once as the
        # framework allows (DJANGO_COMMANDER_PARALLEL_STEPS), each table's clean, load and verify
        # in that order by their declared dependencies: one table cleans while another loads and
        # a third verifies. Not when the raw data is in SQLite, which has one writer: one step
        # after the other. A table's failure is its own: the other tables go on, and the run
        # ends partial. Its later steps then fail on their dependency, without asking.
        concurrent = self._tables_side_by_side()
        per_table = {"on_failure": "continue", "concurrent": concurrent}
        for table in tables:
            model = schema.load().table(table).model_name
            options = {"app": self.options["app"], "noinput": True}
            yield Step("clean_raw_file", {"file_name": table}, {"keep_file": keep}, **per_table)
            yield Step(
                "load_raw_file", {"model": model}, {"keep_file": True, **options}, **per_table
            )
            yield Step("verify_raw_file", {"model": model}, options, **per_table)
        if conf.get("CALACCESS_STORE_ARCHIVE"):
            yield Step("archive_raw_data")

    @staticmethod
    def _tables_side_by_side() -> bool:
        """Whether the tables' steps run side by side: not when the raw data is in SQLite."""
        return connections[router.db_for_write(RawDataFile)].vendor != "sqlite"

    def after_steps(self, results: dict[str, Any]) -> None:
        """Every table holds the release: delete the clean files, record the finish."""
        self._remove_clean_files(failed=set())
        self._finish(self.version, failed=set())

    def steps_failed(self, failures: list[tuple[Step, Exception]]) -> Exception:
        """Some tables failed: keep their clean files for the rerun that retries them, and record
        the release as finished partially, naming the tables that do not hold it."""
        failed = self._failed_tables()
        self._remove_clean_files(failed)
        self._finish(self.version, failed)
        return super().steps_failed(failures)

    def _remove_clean_files(self, failed: set[str]) -> None:
        if self.options["keep_files"]:
            return
        for table in self.version.files.values_list("file_name", flat=True):
            if table not in failed:
                paths.csv_path(table).unlink(missing_ok=True)
                sidecar.forget(paths.csv_path(table))
                # A TSV is left behind when its clean was skipped as done (resumed run).
                paths.tsv_path(table).unlink(missing_ok=True)

    def _start(self, release: Release) -> RawDataVersion:
        version = record_release(release)
        if version.update_start_datetime is None or version.update_completed or not self.resuming:
            version.mark_started("update", timezone.now())
        return version

    def _failed_tables(self) -> set[str]:
        """Tables with a failed clean, load or verify step in this run."""
        return {table_of_step(step) for step, _error in self.failed_steps}

    def _finish(self, version: RawDataVersion, failed: set[str]) -> None:
        version.refresh_from_db()
        summarize_version(version)
        missing = missing_tables(version)
        version.stale_tables = " ".join(sorted(set(missing) | failed))
        version.update_finish_datetime = timezone.now()
        version.save()
        self.say(
            f"Loaded {version.load_record_count or 0:,} rows into {version.load_file_count or 0} "
            f"tables from the {self.release.describe()}; {version.error_count or 0:,} rows and "
            f"{version.load_error_count or 0:,} values went to the error logs."
        )
        if missing:
            warning = MissingTables(self.release, missing)
            self.logger.warning("%s", warning)
            if not failed:  # else the pipeline's StepsFailed ends the run partial
                raise warning
            self.say(str(warning))
