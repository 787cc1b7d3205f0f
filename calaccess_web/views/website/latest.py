"""The latest release page: every file of the newest complete release, and its errata."""

from __future__ import annotations

from typing import Any

from calaccess_raw.models import RawDataVersion
from calaccess_web.website.releases import Release, read_release

from .common import Page, build_dir


def latest_release() -> Release | None:
    """The newest complete release whose files are gathered (what ``latest/`` points at)."""
    for version in RawDataVersion.objects.completed().order_by("-release_datetime"):
        release = read_release(build_dir(), version)
        if release.complete:
            return release
    return None


class LatestReleaseView(Page):
    """The site's front page: download the latest release."""

    url_name = "website-latest"
    template_name = "calaccess_web/website/latest.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        release = latest_release()
        context["release"] = release
        context["base"] = "/latest/"
        context["newest"] = RawDataVersion.objects.latest_release()
        return context


class HomeView(LatestReleaseView):
    """The same page at the root of the baked site (``index.html``)."""

    url_name = ""

    @property
    def build_path(self) -> str:
        return "index.html"

    def urls(self):
        yield "/"
