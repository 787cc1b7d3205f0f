"""Where each stage of the raw pipeline keeps its files inside ``CALACCESS_DATA_DIR``.

One place for the layout, so the download, extract, clean, load and archive steps agree::

    <data>/download/dbwebexport.zip     the downloaded export (and its .part while downloading)
    <data>/tsv/<TABLE>.TSV              extracted source files
    <data>/csv/<TABLE>.csv              cleaned files, ready to load
    <data>/csv/<TABLE>.errors.csv       rows the cleaner could not repair
    <data>/load/<TABLE>.errors.csv      values the loader could not type
"""

from __future__ import annotations

from pathlib import Path

from calaccess_toolkit import conf


def _folder(name: str) -> Path:
    path = Path(conf.get("CALACCESS_DATA_DIR")) / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def download_dir() -> Path:
    return _folder("download")


def zip_path() -> Path:
    return download_dir() / "dbwebexport.zip"


def tsv_dir() -> Path:
    return _folder("tsv")


def tsv_path(table: str) -> Path:
    return tsv_dir() / f"{table}.TSV"


def csv_dir() -> Path:
    return _folder("csv")


def csv_path(table: str) -> Path:
    return csv_dir() / f"{table}.csv"


def clean_errors_path(table: str) -> Path:
    return csv_dir() / f"{table}.errors.csv"


def load_errors_path(table: str) -> Path:
    return _folder("load") / f"{table}.errors.csv"
