"""The ``process_data`` pipeline: everything processed from the current raw release."""

from __future__ import annotations

from collections.abc import Iterator

from calaccess_processed.releases import release_to_process
from django_commander.base import PipelineCommand, Step


class ProcessData(PipelineCommand):
    """Turn the current raw release into processed filings (the elections steps join later), and
    write every model's CSV with a manifest.

    Refuses to run while the raw update is stalled; resumes where an interrupted run stopped.
    """

    dependencies = [("update_raw_data", {})]

    def steps(self) -> Iterator[Step]:
        release_to_process()
        yield Step("load_filings", options={"force_restart": self.options["force_restart"]})
        yield Step("archive_processed_data")
