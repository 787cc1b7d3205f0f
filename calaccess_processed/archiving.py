"""Processed models as CSV files: one per model (the filings, the totals and every Open Civic
Data model), the flat OCD exports (``ocd.exports``: Candidates, BallotMeasures,
RecallMeasures), a manifest of row counts and checksums, and with ``CALACCESS_STORE_ARCHIVE`` a
ZIP of them in Django's default storage.

Rows are streamed from the database in chunks (``iterator``), so memory stays flat however large
the model; the checksum is computed as the file is written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.files import File
from django.db import models

from calaccess_toolkit import conf

from .models import (
    PROCESSED_MODELS,
    FilerContributionGroup,
    FilerPeriodTotal,
    FilerYearTotal,
    ProcessedDataFile,
    ProcessedDataVersion,
)
from .models.ocd import OCD_MODELS
from .ocd.exports import FLAT_EXPORTS, FlatExport

CHUNK_ROWS = 5000
#: Every model a release's archive holds.
ARCHIVED_MODELS: dict[str, type[models.Model]] = {
    **PROCESSED_MODELS,
    "FilerYearTotal": FilerYearTotal,
    "FilerPeriodTotal": FilerPeriodTotal,
    "FilerContributionGroup": FilerContributionGroup,
    **{model.__name__: model for model in OCD_MODELS},
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


def write_csv(name: str, header: list[str], rows: Iterable[tuple], path: Path) -> ArchivedFile:
    """Stream ``rows`` to a CSV under ``header``, hashing as it writes."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        sink = _HashingWriter(handle)
        writer = csv.writer(sink, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return ArchivedFile(name, str(path), count, path.stat().st_size, sink.digest.hexdigest())


def write_model_csv(model: type[models.Model], destination: Path | None = None) -> ArchivedFile:
    """Stream every row of ``model`` to a CSV (header: the column names). A surrogate
    auto-increment key is left out; a natural one (an OCD id) is the first column."""
    path = destination or archive_dir() / f"{model.__name__}.csv"
    columns = [
        field.attname
        for field in model._meta.concrete_fields
        if not (field.primary_key and isinstance(field, models.AutoField))
    ]
    query = model._default_manager.order_by("pk").values_list(*columns)
    return write_csv(model.__name__, columns, query.iterator(chunk_size=CHUNK_ROWS), path)


def write_flat_export(export: FlatExport) -> ArchivedFile:
    """Stream one flat OCD export to ``<data>/processed/<Name>.csv``."""
    return write_csv(
        export.name, export.header, export.rows(), archive_dir() / f"{export.name}.csv"
    )


def archive_release(version: ProcessedDataVersion) -> list[ArchivedFile]:
    """Write every model's CSV and ``manifest.json``; store their ZIP when archiving is on."""
    files = [write_model_csv(model) for model in ARCHIVED_MODELS.values()]
    files += [write_flat_export(export) for export in FLAT_EXPORTS]
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
