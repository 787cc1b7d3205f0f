"""The ``create_latest_links`` step: ``latest/`` to the newest complete release's files."""

from __future__ import annotations

from pathlib import Path

from calaccess_toolkit import conf
from calaccess_web.website.latest import create_latest_links
from django_commander.base import BasicCommand


class CreateLatestLinks(BasicCommand):
    """Gather the newest complete release's files into the build folder and switch latest/ to
    them atomically (a release still loading or processing is never linked)."""

    def run(self) -> str:
        build_dir = Path(conf.get("CALACCESS_WEBSITE_BUILD_DIR"))
        release = create_latest_links(build_dir)
        if release is None:
            self.say("No complete release yet: latest/ left as it was.")
            return ""
        self.say(f"latest/ now holds the release of {release.raw} ({len(release.files)} files).")
        return release.stamp
