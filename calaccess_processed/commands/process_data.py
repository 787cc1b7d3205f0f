"""The ``process_data`` pipeline: everything processed from the current raw release."""

from __future__ import annotations

from collections.abc import Iterator

from calaccess_processed.releases import release_to_process
from calaccess_raw.epochs import RAW_RELEASE
from django_commander.base import PipelineCommand, Step
from django_commander.dependencies import Dependency


class ProcessData(PipelineCommand):
    """Turn the current raw release into processed filings (the elections steps join later), and
    write every model's CSV with a manifest.

    Refuses to run while the raw update is stalled; resumes where an interrupted run stopped.
    """

    dependencies = [Dependency("update_raw_data", {}, since=RAW_RELEASE)]
    step_commands = ("load_filings", "archive_processed_data")

    def before_steps(self) -> None:
        release_to_process()  # refuses a stalled or unfinished raw update before any step

    def steps(self) -> Iterator[Step]:
        yield Step("load_filings", options={"force_restart": self.options["force_restart"]})
        yield Step("archive_processed_data")
