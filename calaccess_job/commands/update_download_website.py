"""The ``update_download_website`` pipeline: the nightly job, then the website baked, published.

It lives in the job's app because it runs the job (``update_calaccess``, which sits above every
app) and then the web app's steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from calaccess_job.options import add_update_options
from django_commander.base import PipelineCommand, Step


class UpdateDownloadWebsite(PipelineCommand):
    """Run the full update, point latest/ at the newest complete release, bake the website and,
    with --publish, copy it to its storage.

    A partial update (exit 3: a scrape or a table failed) still links, bakes and publishes what
    is complete, then ends partial; latest/ never names an incomplete release.
    """

    step_commands = ("update_calaccess", "create_latest_links", "bake_website", "publish_website")

    #: Never resumed, like update_calaccess: skipping a step would skip a release's publication.
    resumes = False

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Copy the baked site to CALACCESS_WEBSITE_STORAGE (only the changed files).",
        )
        add_update_options(parser)

    def steps(self) -> Iterator[Step]:
        yield Step(
            "update_calaccess",
            options={
                "keep_files": self.options["keep_files"],
                "skip_scrape": self.options["skip_scrape"],
                "force_restart": self.options["force_restart"],
            },
            on_failure="continue",  # link and bake what is complete; the run ends partial
        )
        yield Step("create_latest_links")
        yield Step("bake_website")
        if self.options["publish"]:
            yield Step("publish_website")
