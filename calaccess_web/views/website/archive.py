"""The archive: every release by year and month, and a page per release."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.http import Http404

from calaccess_raw.models import RawDataVersion
from calaccess_web.website.releases import read_release, release_stamp

from .common import ObjectPages, Page, build_dir


def _finished():
    return RawDataVersion.objects.finished().order_by("-release_datetime")


class ArchiveView(Page):
    """Every finished release, grouped by year and month."""

    url_name = "website-archive"
    template_name = "calaccess_web/website/archive.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        releases = [read_release(build_dir(), version) for version in _finished()]
        context["years"] = [
            (year, [(month, list(group)) for month, group in groupby(items, _month)])
            for year, items in groupby(releases, lambda r: r.raw.release_datetime.year)
        ]
        return context


def _month(release) -> str:
    return f"{release.raw.release_datetime:%B}"


class ReleaseView(ObjectPages):
    """One release: its raw update, its processing, its files and its errata."""

    url_name = "website-release"
    template_name = "calaccess_web/website/release.html"

    def objects(self):
        return _finished()

    def kwargs_for(self, obj: RawDataVersion) -> dict[str, str]:
        return {"stamp": release_stamp(obj)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        stamp = self.kwargs["stamp"]
        version = next((v for v in _finished() if release_stamp(v) == stamp), None)
        if version is None:
            raise Http404(f"no release {stamp}")
        context["release"] = read_release(build_dir(), version)
        context["base"] = f"/downloads/{stamp}/"
        return context
