"""Copy the baked site to a Django storage, uploading only the files that changed.

The storage is any Django storage: a folder (``FileSystemStorage``) or a bucket (django-storages'
``S3Storage``, also for S3-compatible servers). Each publish keeps ``.published.json`` in the
storage: every file's SHA-256 as last uploaded. A file whose SHA-256 is unchanged and that the
storage still has is not sent again; a file gone from the build is deleted from the storage. The
manifest is written last, so an interrupted publish re-sends what it had not confirmed.
``latest/`` is a link in the build folder and is published as plain copies of its files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from .releases import file_sha256

MANIFEST = ".published.json"
#: Build-folder files that stay local: the bake's own state and temporary names.
LOCAL_ONLY = (".bake.json",)


@dataclass(frozen=True)
class PublishResult:
    """What one publish did: files uploaded, deleted, and left as they were."""

    uploaded: tuple[str, ...]
    deleted: tuple[str, ...]
    unchanged: int


def build_files(build_dir: Path) -> dict[str, Path]:
    """Every file to publish, by its name in the storage (links followed)."""
    files = {}
    for folder, _dirs, names in os.walk(build_dir, followlinks=True):
        for name in names:
            path = Path(folder, name)
            relative = path.relative_to(build_dir).as_posix()
            if name.startswith(".") or name.endswith(".part") or relative in LOCAL_ONLY:
                continue
            files[relative] = path
    return files


def _published(storage: Storage) -> dict[str, str]:
    if not storage.exists(MANIFEST):
        return {}
    with storage.open(MANIFEST, "rb") as handle:
        return dict(json.loads(handle.read().decode("utf-8")))


def _put(storage: Storage, name: str, content) -> None:
    if storage.exists(name):
        storage.delete(name)  # FileSystemStorage would save under another name
    saved = storage.save(name, content)
    if saved != name:
        raise OSError(f"the storage saved {name} as {saved}")


def publish(build_dir: Path, storage: Storage) -> PublishResult:
    """Upload the changed files of ``build_dir`` to ``storage`` and delete the removed ones."""
    files = build_files(build_dir)
    published = _published(storage)
    current: dict[str, str] = {}
    uploaded = []
    for name, path in sorted(files.items()):
        digest = file_sha256(path)
        current[name] = digest
        if published.get(name) == digest and storage.exists(name):
            continue
        with path.open("rb") as handle:
            _put(storage, name, File(handle, name=path.name))
        uploaded.append(name)
    deleted = sorted(set(published) - set(current))
    for name in deleted:
        if storage.exists(name):
            storage.delete(name)
    if uploaded or deleted or published != current:
        _put(storage, MANIFEST, ContentFile(json.dumps(current, indent=1).encode("utf-8")))
    return PublishResult(tuple(uploaded), tuple(deleted), len(files) - len(uploaded))
