"""Keep a release's cleaned files and error logs in Django's default storage.

With ``CALACCESS_STORE_ARCHIVE`` on, every release leaves behind, under a folder named after its
release time: the downloaded ZIP (saved by the download step), a ZIP of the cleaned CSV files, a
ZIP of every error log, and each table's error logs linked from its :class:`RawDataFile`.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from django.core.files import File

from calaccess_raw import paths
from calaccess_raw.models import RawDataFile, RawDataVersion


def _zip_files(files: list[tuple[Path, str]], destination: Path) -> None:
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, name in files:
            archive.write(path, arcname=name)


def _save(field, name: str, path: Path) -> None:
    if field:
        field.delete(save=False)
    with path.open("rb") as handle:
        field.save(name, File(handle), save=False)


def archive_release(version: RawDataVersion) -> dict[str, str]:
    """Archive the clean files and error logs of ``version``; returns the stored names."""
    files: list[RawDataFile] = list(version.files.order_by("file_name"))
    clean = [(paths.csv_path(f.file_name), f"{f.file_name}.csv") for f in files]
    clean = [(path, name) for path, name in clean if path.exists()]
    logs = []
    for file in files:
        clean_log = paths.clean_errors_path(file.file_name)
        load_log = paths.load_errors_path(file.file_name)
        if clean_log.exists():
            _save(file.error_log_archive, clean_log.name, clean_log)
            logs.append((clean_log, f"clean/{clean_log.name}"))
        if load_log.exists():
            _save(file.load_error_log_archive, f"load-{load_log.name}", load_log)
            logs.append((load_log, f"load/{load_log.name}"))
        file.save(update_fields=["error_log_archive", "load_error_log_archive"])
    with tempfile.TemporaryDirectory() as folder:
        clean_zip = Path(folder, "clean.zip")
        _zip_files(clean, clean_zip)
        version.clean_zip_size = clean_zip.stat().st_size
        _save(version.clean_zip_archive, "clean.zip", clean_zip)
        errors_zip = Path(folder, "errors.zip")
        _zip_files(logs, errors_zip)
        _save(version.error_log_zip_archive, "errors.zip", errors_zip)
    version.save(update_fields=["clean_zip_size", "clean_zip_archive", "error_log_zip_archive"])
    return {
        "clean_zip": version.clean_zip_archive.name,
        "error_logs_zip": version.error_log_zip_archive.name,
    }
