"""The ``update_calaccess`` pipeline: the toolkit's main job, run nightly."""

from __future__ import annotations

from collections.abc import Iterator

from calaccess_job.options import add_update_options
from calaccess_toolkit.errors import PartialFailure
from django_commander.base import PipelineCommand, Step

#: What the job derives from the raw and the scraped tables, in order. The processing is last
#: and may end partial (elections without a known date) after a partial scrape: the job's error
#: then names both (see ``steps_failed``).
PROCESSING_STEPS = (
    Step("date_elections"),
    Step("link_candidate_committees"),
    Step("process_data", on_failure="continue"),
    # calaccess_web: the browser's search, from the filings and the OCD tables as they stand.
    Step("build_search_index", on_failure="continue"),
)


class UpdateCalaccess(PipelineCommand):
    """Run the full update: load the latest raw export, scrape the CAL-ACCESS website, process.

    Each stage is a command of its own app and resumes where an interrupted run stopped. The
    processing steps read the raw and the scraped tables, so they run last; with --skip-scrape
    they run on the website data already scraped.
    """

    step_commands = ("update_raw_data", "scrape", *(step.command for step in PROCESSING_STEPS))

    #: Never resumed: every step resumes its own interrupted work and skips what its release
    #: already holds, so running each again is cheap, and skipping one would skip a new release.
    resumes = False

    @classmethod
    def add_arguments(cls, parser) -> None:
        add_update_options(parser)

    def steps_failed(self, failures: list[tuple[Step, Exception]]) -> Exception:
        """Partial steps end the job partial, naming each; a step that failed outright (the
        processing's verification) is the job's own failure."""
        failed = [error for _, error in failures if not isinstance(error, PartialFailure)]
        return failed[-1] if failed else super().steps_failed(failures)

    def steps(self) -> Iterator[Step]:
        yield Step("update_raw_data", options={"keep_files": self.options["keep_files"]})
        if not self.options["skip_scrape"]:
            yield Step("scrape", on_failure="continue")  # process what was scraped
        yield from PROCESSING_STEPS
