"""The ``bake_website`` step: every page of the downloads and documentation site, baked."""

from __future__ import annotations

from pathlib import Path

from calaccess_toolkit import conf
from calaccess_web.website import baking, releases
from django_commander.base import BasicCommand


class BakeWebsite(BasicCommand):
    """Bake the downloads and documentation website into CALACCESS_WEBSITE_BUILD_DIR; with
    --check, bake nothing and fail (exit 1) when the baked site is stale for the current data."""

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail when the baked site is stale for the current data; write nothing.",
        )

    def run(self) -> int:
        build_dir = Path(conf.get("CALACCESS_WEBSITE_BUILD_DIR"))
        if self.options["check"]:
            baking.check(build_dir)
            self.say(f"The website in {build_dir} is up to date.")
            return 0
        releases.gather_all(build_dir)
        result = baking.bake(build_dir)
        self.say(f"Baked {len(result.pages)} files into {build_dir}.")
        return len(result.pages)
