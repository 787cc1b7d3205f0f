"""Copy the baked site to a Django storage, uploading only the files that changed.

The storage is a folder (``FileSystemStorage``) or a bucket (django-storages' ``S3Storage``, also
for S3-compatible servers). Each publish keeps ``.published.json`` in the storage: every name's
digest as last uploaded; a name whose digest is unchanged and that the storage still has is not
sent again. What to delete comes from listing the storage itself, so a file an interrupted
publish uploaded, or a lost manifest, does not keep a removed file alive.

Readers never see ``latest/`` half switched: the dated ``downloads/<release>/`` files (which
never change) go first, then the pages, and ``latest/`` last as small pointers, never as copies
of the big files: in a folder one symbolic link ``latest`` → ``downloads/<release>`` put in
place by one rename, in a bucket one small object per file with ``WebsiteRedirectLocation``
(S3 website hosting answers with a redirect to the dated file; the body is an HTML page saying
the same). A publish that fails leaves ``latest/`` naming the release it named before. Every
file is written under a temporary name and renamed in a folder, and overwritten in place in a
bucket: no name is missing while it is replaced.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage
from django.utils.html import escape

from . import WebsiteError
from .latest import LINK
from .releases import MANIFEST as RELEASE_MANIFEST
from .releases import file_sha256

MANIFEST = ".published.json"
#: Build-folder files that stay local: the bake's own state.
LOCAL_ONLY = (".bake.json",)
REDIRECT = """<!doctype html>
<meta charset="utf-8"><meta http-equiv="refresh" content="0; url={url}">
<title>Moved</title><p>The latest release's file is <a href="{url}">{url}</a>.</p>
"""


@dataclass(frozen=True)
class PublishResult:
    """What one publish did: names uploaded (``latest/`` pointers included), deleted, and left
    as they were."""

    uploaded: tuple[str, ...]
    deleted: tuple[str, ...]
    unchanged: int


def build_files(build_dir: Path) -> dict[str, Path]:
    """Every file to publish, by its name in the storage.

    Links are not followed (``latest`` is published as a pointer, see :func:`latest_pointers`),
    and dot-files and dot-folders (a leftover ``.latest.<pid>`` link) stay local."""
    files = {}
    for folder, dirs, names in os.walk(build_dir):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            path = Path(folder, name)
            relative = path.relative_to(build_dir).as_posix()
            if name.startswith(".") or name.endswith(".part") or relative in LOCAL_ONLY:
                continue
            if path.is_symlink():
                continue
            files[relative] = path
    return files


def latest_target(build_dir: Path) -> str | None:
    """The release folder ``latest`` names (``downloads/<release>``), None without the link."""
    link = build_dir / LINK
    return Path(os.readlink(link)).as_posix() if link.is_symlink() else None


def latest_pointers(build_dir: Path, files: dict[str, Path]) -> dict[str, str]:
    """``latest/<file>`` → ``downloads/<release>/<file>`` for every file ``latest`` names."""
    target = latest_target(build_dir)
    if target is None:
        return {}
    prefix = target + "/"
    return {
        f"{LINK}/{name.removeprefix(prefix)}": name for name in files if name.startswith(prefix)
    }


def digests(build_dir: Path, files: dict[str, Path]) -> dict[str, str]:
    """Each file's SHA-256: a release's files from its ``files.json`` (they are large and never
    change), the rest hashed."""
    known = {}
    for manifest in (build_dir / "downloads").glob(f"*/{RELEASE_MANIFEST}"):
        folder = manifest.parent.relative_to(build_dir).as_posix()
        for row in json.loads(manifest.read_text(encoding="utf-8")):
            known[f"{folder}/{row['name']}"] = row["sha256"]
    return {name: known.get(name) or file_sha256(path) for name, path in files.items()}


def _published(storage: Storage) -> dict[str, str]:
    if not storage.exists(MANIFEST):
        return {}
    with storage.open(MANIFEST, "rb") as handle:
        text = handle.read()
    try:
        published = json.loads(text.decode("utf-8"))
        if not isinstance(published, dict):
            raise ValueError("not an object")
    except ValueError as error:
        raise WebsiteError(
            f"the storage's {MANIFEST} is damaged ({error}): delete it to upload everything again"
        ) from None
    return {str(name): str(digest) for name, digest in published.items()}


class _Target:
    """How one kind of storage takes files and the ``latest`` switch."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def put(self, name: str, path: Path) -> None:
        with path.open("rb") as handle:
            saved = self.storage.save(name, File(handle, name=path.name))
        if saved != name:
            raise WebsiteError(
                f"the storage saved {name} as {saved}: it must overwrite (S3's file_overwrite)"
            )

    def put_bytes(self, name: str, data: bytes, source: Path) -> None:
        partial = source.with_name(f"{source.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        try:
            self.put(name, partial)
        finally:
            partial.unlink()

    def delete(self, name: str) -> None:
        self.storage.delete(name)

    def walk(self, folder: str = "") -> Iterator[str]:
        """Every name the storage holds (its own listing, not the manifest)."""
        dirs, names = self.storage.listdir(folder)
        for name in names:
            yield f"{folder}{name}"
        for name in dirs:
            yield from self.walk(f"{folder}{name}/")


class _Folder(_Target):
    """``FileSystemStorage``: temporary name then ``os.replace``; ``latest`` a symbolic link."""

    def _path(self, name: str) -> Path:
        return Path(self.storage.path(name))

    def put(self, name: str, path: Path) -> None:
        target = self._path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        shutil.copyfile(path, partial)
        os.replace(partial, target)

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)  # a leftover temporary link too

    def walk(self, folder: str = "") -> Iterator[str]:
        root = self._path(folder)
        if not root.is_dir():
            return
        for entry in sorted(os.scandir(root), key=lambda entry: entry.name):
            if entry.is_symlink() and not folder and entry.name == LINK:
                continue  # the pointer, switched by switch_latest
            if entry.is_dir(follow_symlinks=False):
                yield from self.walk(f"{folder}{entry.name}/")
            else:
                yield f"{folder}{entry.name}"

    def pointers(self, build_dir: Path, pointers: dict[str, str]) -> dict[str, str]:
        target = latest_target(build_dir)
        return {LINK: f"link:{target}"} if target is not None and pointers else {}

    def has(self, name: str, value: str) -> bool:
        link = self._path(name)
        return link.is_symlink() and f"link:{os.readlink(link)}" == value

    def switch(self, build_dir: Path, name: str, value: str) -> None:
        link = self._path(name)
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)  # copies an older publish left: the one non-atomic change
        temporary = link.with_name(f".{LINK}.{os.getpid()}")
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(value.removeprefix("link:"), target_is_directory=True)
        os.replace(temporary, link)


class _Bucket(_Target):
    """``S3Storage``: objects overwritten in place; ``latest/<file>`` redirect objects."""

    def _key(self, name: str) -> str:
        from storages.utils import clean_name

        return self.storage._normalize_name(clean_name(name))  # type: ignore[attr-defined]

    def pointers(self, build_dir: Path, pointers: dict[str, str]) -> dict[str, str]:
        return {name: f"redirect:/{self._key(target)}" for name, target in pointers.items()}

    def has(self, name: str, value: str) -> bool:
        return self.storage.exists(name)

    def switch(self, build_dir: Path, name: str, value: str) -> None:
        location = value.removeprefix("redirect:")
        self.storage.bucket.Object(self._key(name)).put(  # type: ignore[attr-defined]
            Body=REDIRECT.format(url=escape(location)).encode("utf-8"),
            ContentType="text/html; charset=utf-8",
            WebsiteRedirectLocation=location,
            **self.storage.get_object_parameters(name),  # type: ignore[attr-defined]
        )


def _target(storage: Storage) -> _Folder | _Bucket:
    try:
        storage.path(MANIFEST)
        return _Folder(storage)
    except NotImplementedError:
        pass
    if hasattr(storage, "bucket") and hasattr(storage, "get_object_parameters"):
        return _Bucket(storage)
    raise WebsiteError(
        f"{type(storage).__name__} cannot hold latest/ as pointers: publish to a "
        "FileSystemStorage or an S3Storage"
    )


def publish(build_dir: Path, storage: Storage) -> PublishResult:
    """Upload the changed files of ``build_dir`` to ``storage``, switch ``latest/``, then delete
    what the storage holds that the build no longer has."""
    target = _target(storage)
    files = build_files(build_dir)
    current = digests(build_dir, files)
    releases = {
        path.parent.relative_to(build_dir).as_posix() + "/"
        for path in (build_dir / "downloads").glob(f"*/{RELEASE_MANIFEST}")
    }
    pointers = target.pointers(build_dir, latest_pointers(build_dir, files))
    published = _published(storage)
    uploaded = []

    def is_release_file(name: str) -> bool:
        return any(name.startswith(prefix) for prefix in releases)

    # The dated release files first, so every page and pointer names a file already there.
    for name in sorted(files, key=lambda name: (not is_release_file(name), name)):
        if published.get(name) == current[name] and storage.exists(name):
            continue
        target.put(name, files[name])
        uploaded.append(name)
    for name, value in sorted(pointers.items()):
        if published.get(name) == value and target.has(name, value):
            continue
        target.switch(build_dir, name, value)
        uploaded.append(name)
    state = {**current, **pointers}
    deleted = sorted(name for name in target.walk() if name != MANIFEST and name not in state)
    for name in deleted:
        target.delete(name)
    if uploaded or deleted or published != state:
        data = json.dumps(state, indent=1, sort_keys=True).encode("utf-8")
        target.put_bytes(MANIFEST, data, build_dir / MANIFEST)
    return PublishResult(tuple(uploaded), tuple(deleted), len(state) - len(uploaded))
