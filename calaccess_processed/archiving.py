"""Processed models as CSV files: one per model, a manifest of row counts and checksums, and with
``CALACCESS_STORE_ARCHIVE`` a ZIP of them in Django's default storage.

Rows are streamed from the database in chunks (``iterator``), so memory stays flat however large
the model; the checksum is computed as the file is written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.files import File
from django.db import models

from calaccess_toolkit import conf

from .models import (
    PROCESSED_MODELS,
    FilerPeriodTotal,
    FilerYearTotal,
    ProcessedDataFile,
    ProcessedDataVersion,
)

CHUNK_ROWS = 5000
#: Every model a release's archive holds.
ARCHIVED_MODELS: dict[str, type[models.Model]] = {
    **PROCESSED_MODELS,
    "FilerYearTotal": FilerYearTotal,
    "FilerPeriodTotal": FilerPeriodTotal,
}


@dataclass(frozen=True)
class ArchivedFile:
    """One model's CSV: where it is, how many rows, its size and SHA-256."""

    model: str
    path: str
    row_count: int
    size: int
    sha256: str


def archive_dir() -> Path:
    path = Path(conf.get("CALACCESS_DATA_DIR")) / "processed"
    path.mkdir(parents=True, exist_ok=True)
    return path


class _HashingWriter:
    """A text sink that hashes what it writes on its way to the file."""

    def __init__(self, handle) -> None:
        self.handle, self.digest = handle, hashlib.sha256()

    def write(self, text: str) -> int:
        self.digest.update(text.encode("utf-8"))
        return self.handle.write(text)


def model_named(name: str) -> type[models.Model]:
    for model_name, model in ARCHIVED_MODELS.items():
        if model_name.lower() == name.strip().lower():
            return model
    raise LookupError(f"no processed model named {name!r}")


def write_model_csv(model: type[models.Model], destination: Path | None = None) -> ArchivedFile:
    """Stream every row of ``model`` to a CSV (header: the column names)."""
    path = destination or archive_dir() / f"{model.__name__}.csv"
    columns = [field.attname for field in model._meta.concrete_fields if field.attname != "id"]
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        sink = _HashingWriter(handle)
        writer = csv.writer(sink, lineterminator="\n")
        writer.writerow(columns)
        query = model._default_manager.order_by("pk").values_list(*columns)
        for row in query.iterator(chunk_size=CHUNK_ROWS):
            writer.writerow(row)
            rows += 1
    return ArchivedFile(
        model.__name__, str(path), rows, path.stat().st_size, sink.digest.hexdigest()
    )


def archive_release(version: ProcessedDataVersion) -> list[ArchivedFile]:
    """Write every model's CSV and ``manifest.json``; store their ZIP when archiving is on."""
    files = [write_model_csv(model) for model in ARCHIVED_MODELS.values()]
    for file in files:
        ProcessedDataFile.objects.filter(version=version, model_name=file.model).update(
            file_size=file.size
        )
    manifest = archive_dir() / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "raw_release_datetime": version.raw_release_datetime.isoformat(),
                "files": [asdict(file) | {"path": Path(file.path).name} for file in files],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    if conf.get("CALACCESS_STORE_ARCHIVE"):
        bundle = archive_dir() / "processed.zip"
        with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in [Path(file.path) for file in files] + [manifest]:
                archive.write(path, arcname=path.name)
        if version.archive:
            version.archive.delete(save=False)
        name = f"{version.raw_release_datetime:%Y-%m-%d_%H-%M-%S}.zip"
        with bundle.open("rb") as handle:
            version.archive.save(name, File(handle), save=True)
    return files
