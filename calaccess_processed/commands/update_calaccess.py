"""The ``update_calaccess`` pipeline: the toolkit's main job, run nightly."""

from __future__ import annotations

from collections.abc import Iterator

from django_commander.base import PipelineCommand, Step


class UpdateCalaccess(PipelineCommand):
    """Run the full update: load the latest raw export, then scrape the CAL-ACCESS website.

    Each stage is a pipeline of its own and resumes where an interrupted run stopped. Processing
    into filing and election models joins this chain as its steps are built.
    """

    step_commands = ("update_raw_data", "scrape")

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--keep-files",
            action="store_true",
            help="Keep downloaded and intermediate files after loading.",
        )
        parser.add_argument(
            "--skip-scrape",
            action="store_true",
            help="Only update the raw data; leave the website data as it is.",
        )

    def steps(self) -> Iterator[Step]:
        yield Step("update_raw_data", options={"keep_files": self.options["keep_files"]})
        if not self.options["skip_scrape"]:
            yield Step("scrape")
