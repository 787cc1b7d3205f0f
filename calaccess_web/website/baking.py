"""Bake every page of the website into the build folder with django-bakery, and check it is fresh.

The pages are django-bakery buildable views (``calaccess_web/views/website``), listed once in
:data:`PAGES`; baking renders each of them with ``BUILD_DIR`` set to the build folder, copies the
app's static files, and writes ``.bake.json``: the pages written and a *fingerprint* of what
they were made from (every release, table count and processing row, the skipped rows, the
release ``latest`` names and each release's ``files.json``, the declared schema and specs, the
templates and static files). ``--check`` recomputes the fingerprint: a different one means the
baked site is stale for the current data. Pages of an earlier bake that this one did not write
(a release removed, a table renamed) are deleted; the downloads and ``latest/`` are left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db.models import Count
from django.test import override_settings
from django.utils.module_loading import import_string

from calaccess_processed import specs
from calaccess_processed.models import ProcessedDataVersion, SkippedRawRow
from calaccess_raw import schema
from calaccess_raw.models import RawDataFile, RawDataVersion

from . import StaleWebsite

#: Every page of the site, in baking order: django-bakery buildable views.
PAGES = (
    "calaccess_web.views.website.latest.HomeView",
    "calaccess_web.views.website.latest.LatestReleaseView",
    "calaccess_web.views.website.archive.ArchiveView",
    "calaccess_web.views.website.archive.ReleaseView",
    "calaccess_web.views.website.tables.TableIndexView",
    "calaccess_web.views.website.tables.TableView",
    "calaccess_web.views.website.models.ModelIndexView",
    "calaccess_web.views.website.models.ModelView",
    "calaccess_web.views.website.forms.FormIndexView",
    "calaccess_web.views.website.forms.FormView",
    "calaccess_web.views.website.documents.DocumentsView",
    "calaccess_web.views.website.commands.CommandsView",
    "calaccess_web.views.website.configuration.SettingsView",
    "calaccess_web.views.website.faq.FaqView",
    "calaccess_web.views.website.sitemap.SitemapView",
    "calaccess_web.views.website.sitemap.RobotsView",
)
STATE = ".bake.json"
WEB_APP = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class BakeResult:
    """What a bake wrote: the page files (relative to the build folder) and the fingerprint."""

    pages: tuple[str, ...]
    fingerprint: str


def page_views() -> list:
    """An instance of every page view."""
    return [import_string(name)() for name in PAGES]


def _hash_files(digest, folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())


def _build_state(build_dir: Path) -> list:
    """What the pages read from the build folder: the release ``latest`` names and every
    release's ``files.json`` (a digest of each)."""
    link = build_dir / "latest"
    target = os.readlink(link) if link.is_symlink() else None
    manifests = [
        [path.parent.name, hashlib.sha256(path.read_bytes()).hexdigest()]
        for path in sorted((build_dir / "downloads").glob("*/files.json"))
    ]
    return [target, manifests]


def fingerprint(build_dir: Path) -> str:
    """A digest of everything the pages show: change any of it and the site is stale.

    Besides the database rows (releases, their tables' counts, processing and its skipped
    rows), the pages read the build folder: which release ``latest`` names and the files each
    release gathered, so a ``createlatestlinks`` after the bake makes the site stale too.
    """
    digest = hashlib.sha256()
    raw = RawDataVersion.objects.order_by("release_datetime").values_list(
        "release_datetime", "update_finish_datetime", "stale_tables", "download_zip_archive"
    )
    tables = RawDataFile.objects.order_by("version__release_datetime", "file_name").values_list(
        "version__release_datetime",
        "file_name",
        "download_records_count",
        "error_count",
        "load_error_count",
    )
    processed = ProcessedDataVersion.objects.order_by("raw_release_datetime").values_list(
        "raw_release_datetime", "finished_at", "row_count", "archive"
    )
    skipped = (
        SkippedRawRow.objects.values_list("version__raw_release_datetime", "reason")
        .annotate(count=Count("pk"))
        .order_by("version__raw_release_datetime", "reason")
    )
    rows = [list(raw), list(tables), list(processed), list(skipped), _build_state(build_dir)]
    digest.update(json.dumps(rows, default=str).encode())
    for folder in (schema.DATA_DIR, specs.DATA_DIR, WEB_APP / "templates", WEB_APP / "static"):
        _hash_files(digest, folder)
    _hash_files(digest, WEB_APP / "views" / "website")
    return digest.hexdigest()


def _previous_pages(build_dir: Path) -> list[str]:
    state = build_dir / STATE
    if not state.exists():
        return []
    return list(json.loads(state.read_text(encoding="utf-8")).get("pages", []))


def _copy_static(build_dir: Path) -> list[str]:
    """The app's static files under ``static/`` (as ``{% static %}`` links them)."""
    written = []
    for finder in finders.get_finders():
        for relative, storage in finder.list(["*.scss"]):
            if not relative.startswith("calaccess_web/"):
                continue
            target = build_dir / "static" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(storage.path(relative), target)
            written.append(f"static/{relative}")
    return written


def bake(build_dir: Path) -> BakeResult:
    """Render every page into ``build_dir``; removes the pages of an earlier bake left over."""
    build_dir.mkdir(parents=True, exist_ok=True)
    previous = set(_previous_pages(build_dir))
    stamp = fingerprint(build_dir)
    with override_settings(BUILD_DIR=str(build_dir), STATIC_URL="/static/"):
        views = page_views()
        for view in views:
            view.build_method()
        pages = set(_page_files(views)) | set(_copy_static(build_dir))
    for page in sorted(previous - pages):
        (build_dir / page).unlink(missing_ok=True)
    partial = build_dir / (STATE + ".part")
    state = {"fingerprint": stamp, "pages": sorted(pages)}
    partial.write_text(json.dumps(state, indent=1), encoding="utf-8")
    os.replace(partial, build_dir / STATE)
    return BakeResult(tuple(sorted(pages)), stamp)


def _page_files(views: list) -> list[str]:
    """The files the page views write (their URLs as build paths)."""
    from calaccess_web.views.website.common import FilePage

    pages = []
    for view in views:
        if isinstance(view, FilePage):
            pages.append(view.file_name)
        else:
            pages.extend(url.lstrip("/") + "index.html" for url in view.urls())
    return pages


def check(build_dir: Path) -> str:
    """Raise :class:`StaleWebsite` unless the baked site matches the current data; returns the
    fingerprint."""
    state = build_dir / STATE
    if not state.exists():
        raise StaleWebsite(f"the website has not been baked into {build_dir}: run the bake")
    baked = json.loads(state.read_text(encoding="utf-8"))
    current = fingerprint(build_dir)
    if baked.get("fingerprint") != current:
        raise StaleWebsite(
            f"the website in {build_dir} is stale for the current data: bake it again"
        )
    missing = [page for page in baked.get("pages", []) if not (build_dir / page).exists()]
    if missing:
        raise StaleWebsite(f"the baked website lacks {len(missing)} page(s), e.g. {missing[0]}")
    return current
