"""Load cleaned CSV files into the raw tables, verify them and count them.

``load_table("RcptCd")`` replaces the contents of ``RCPT_CD`` with ``paths.csv_path("RCPT_CD")``
and returns a :class:`LoadResult`. The design in one place:

- **One loader per database**, chosen by ``connection.vendor``: PostgreSQL COPY
  (:mod:`.postgresql`), MySQL/MariaDB LOAD DATA LOCAL INFILE (:mod:`.mysql`), SQLite
  ``INSERT … SELECT`` from a CSV virtual table (:mod:`.sqlite`). Where Python types the rows,
  a helper process does it while the database stores them (:mod:`.background`). The header is
  checked against the table first (:func:`.rows.read_header`), so a layout change fails before
  the database is touched, naming the column.
- **Typing rules** (:mod:`.values`): blank → NULL in every non-text column (a blank amount is
  unknown, not 0); integer columns read the export's flags ``Y``/``X`` as 1 and ``N`` as 0; dates
  ``3/23/1998 12:00:00 AM`` → 1998-03-23; date-times are California time stored in UTC.
- **Errors per value, not per table** (:mod:`.rows`): a value that breaks its rule is logged to
  ``paths.load_errors_path(TABLE)`` (file, line, column, value, reason) and stored empty (NULL or
  ``''``), and the rest of the row loads; a row with the wrong number of fields is logged and
  skipped. ``LoadResult.errors`` and ``skipped_rows`` count them.
- **All or nothing**: PostgreSQL and SQLite reload in one transaction (indexes dropped for speed
  come back with the commit, or with the rollback); MySQL loads a shadow table and swaps it in
  with one ``RENAME TABLE``. A failed load leaves the previous contents; readers never see a
  half-loaded table.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.db import connections, router

from calaccess_raw import paths
from calaccess_raw.models import RAW_DATA_MODELS, RawDataModel, get_raw_model

from .base import Loader, LoadResult
from .errors import (
    CleanFileMissing,
    HeaderMismatch,
    LoadError,
    NotUTF8,
    RowCountMismatch,
    UnknownTable,
    ValueMismatch,
    VerifyError,
)
from .mysql import MySQLLoader
from .postgresql import PostgreSQLLoader
from .sqlite import SQLiteLoader

LOADERS: dict[str, type[Loader]] = {
    loader.vendor: loader for loader in (PostgreSQLLoader, MySQLLoader, SQLiteLoader)
}


def resolve_model(
    model: str | type[RawDataModel], app: str = "calaccess_raw"
) -> type[RawDataModel]:
    """A raw-data model from itself, or from its class or table name among ``app``'s models.

    Another app may hold raw-data models of its own (subclasses of :class:`RawDataModel`, for
    example with extra indexes); ``app`` picks which app's tables receive the data.
    """
    if isinstance(model, type):
        return model
    candidates = raw_models_of(app)
    where = "" if app == "calaccess_raw" else f" in {app}"
    try:
        return get_raw_model(model, candidates)
    except LookupError as error:
        raise UnknownTable(f"{error}{where}") from None


def raw_models_of(app: str) -> list[type[RawDataModel]]:
    """The raw-data models of ``app``; refused at once when no installed app of that name has
    any (so a mistyped ``--app`` fails before a download or a file is touched)."""
    if app == "calaccess_raw":
        return list(RAW_DATA_MODELS)
    try:
        app_models = apps.get_app_config(app).get_models()
    except LookupError:
        raise UnknownTable(f"no installed app {app!r}") from None
    candidates = [candidate for candidate in app_models if issubclass(candidate, RawDataModel)]
    if not candidates:
        raise UnknownTable(f"the app {app!r} has no raw-data models")
    return candidates


def loader_for(
    model: str | type[RawDataModel],
    csv_path: Path | str | None = None,
    using: str | None = None,
    error_log_path: Path | None = None,
) -> Loader:
    """The loader of the connection's database for one model and CSV (default: the cleaned file).

    Without ``using``, the database is the one Django's routers pick for writing the model.
    """
    model = resolve_model(model)
    connection = connections[using or router.db_for_write(model)]
    try:
        loader_class = LOADERS[connection.vendor]
    except KeyError:
        raise LoadError(f"no loader for the {connection.vendor} database") from None
    table = model.schema.name
    return loader_class(
        model,
        Path(csv_path) if csv_path else paths.csv_path(table),
        connection,
        error_log_path or paths.load_errors_path(table),
    )


def load_table(
    model: str | type[RawDataModel],
    csv_path: Path | str | None = None,
    using: str | None = None,
) -> LoadResult:
    """Replace a raw table's contents with its cleaned CSV; see the module's docstring."""
    return loader_for(model, csv_path, using).load()


__all__ = [
    "LOADERS",
    "CleanFileMissing",
    "HeaderMismatch",
    "LoadError",
    "LoadResult",
    "Loader",
    "NotUTF8",
    "RowCountMismatch",
    "UnknownTable",
    "ValueMismatch",
    "VerifyError",
    "load_table",
    "raw_models_of",
    "loader_for",
    "resolve_model",
]
