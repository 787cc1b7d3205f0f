"""The ``process_data`` pipeline: everything processed from the current raw release."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from calaccess_processed.ocd.scrape import scraped_rows_exist
from calaccess_processed.releases import release_to_process, resume_since
from calaccess_raw.epochs import RAW_RELEASE
from django_commander.base import PipelineCommand, Step
from django_commander.dependencies import Dependency


class ProcessData(PipelineCommand):
    """Turn the current raw release into processed filings, load the Open Civic Data elections
    from the scraped website and verify them, then write every model's CSV, the flat exports and
    a manifest.

    Without any scraped row in the database the OCD steps are skipped, saying so. A failed
    verification stops the run before the exports, unless --keep-going-on-verify-failure: then
    the exports are written and the run ends partial (exit 3) naming the verification. Elections
    without a known date end the run partial too, after the rest is loaded, verified and
    written. Refuses to run while the raw update is stalled; resumes where an interrupted run
    stopped.
    """

    dependencies = [Dependency("update_raw_data", {}, since=RAW_RELEASE)]
    step_commands = (
        "load_filings",
        "load_ocd_elections",
        "verify_processed_data",
        "archive_processed_data",
    )

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--keep-going-on-verify-failure",
            action="store_true",
            help="Write the exports when the verification fails, and exit 3 naming it.",
        )

    def interrupted_since(self) -> datetime | None:
        """Resume a killed attempt only for what ran on the raw release processed now (a failed
        or partial one starts afresh; its ``load_filings`` step resumes its own forms)."""
        return resume_since(super().interrupted_since())

    def before_steps(self) -> None:
        release_to_process()  # refuses a stalled or unfinished raw update before any step

    def steps(self) -> Iterator[Step]:
        force = self.options["force_restart"]
        yield Step("load_filings", options={"force_restart": force})
        if scraped_rows_exist():
            yield Step(
                "load_ocd_elections", options={"force_restart": force}, on_failure="continue"
            )
            keep_going = self.options["keep_going_on_verify_failure"]
            yield Step("verify_processed_data", on_failure="continue" if keep_going else "stop")
        else:
            self.say(
                "No scraped website data in this database: the Open Civic Data elections and "
                "their verification are skipped (run scrapecalaccess first to load them)."
            )
        yield Step("archive_processed_data")
