"""``latest/``: the undated address of the newest *complete* release's files.

``latest`` in the build folder is a symbolic link to ``downloads/<release>/``. It is switched by
making the new link under a temporary name and renaming it over the old one (``rename(2)`` is
atomic), so a reader sees the old release or the new one, never a mixture; and it only ever
names a release whose update completed, whose processing finished and whose files are all
gathered (``files.json`` written, with the processed and flat ZIPs when
``CALACCESS_STORE_ARCHIVE`` is on). Publishing does not copy through the link: it switches small
pointers to the dated files last (see :mod:`.publishing`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from calaccess_raw.models import RawDataVersion

from .releases import Release, gather_release, release_dir

LINK = "latest"


def latest_complete_release(build_dir: Path) -> Release | None:
    """The newest release that is complete (gathering its files if need be)."""
    for version in RawDataVersion.objects.completed().order_by("-release_datetime"):
        release = gather_release(build_dir, version)
        if release.complete:
            return release
    return None


def switch_latest(build_dir: Path, release: Release) -> Path:
    """Point ``latest`` at ``release``'s folder in one rename; returns the link."""
    link = build_dir / LINK
    target = os.path.relpath(release_dir(build_dir, release.raw), build_dir)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # a copy left by an older layout: the one non-atomic change
    temporary = build_dir / f".{LINK}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target, target_is_directory=True)
    os.replace(temporary, link)
    return link


def create_latest_links(build_dir: Path) -> Release | None:
    """Gather the newest complete release and switch ``latest`` to it; None when there is none
    (``latest`` is then left as it was)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    release = latest_complete_release(build_dir)
    if release is not None:
        switch_latest(build_dir, release)
    return release
