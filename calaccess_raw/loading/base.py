"""The loader interface: replace a raw table's contents with a cleaned CSV, all or nothing.

A loader is made for one model, one CSV and one database connection. :meth:`Loader.load` checks
the CSV's header against the table before touching the database, then runs the backend's three
steps: :meth:`~Loader.prepare` (preconditions, scratch tables), :meth:`~Loader.replace` (the
atomic swap of contents) and, always, :meth:`~Loader.finalize` (drop scratch tables and files).
Each database has its own subclass; :func:`calaccess_raw.loading.loader_for` picks it by
``connection.vendor``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.db.backends.base.base import BaseDatabaseWrapper

from calaccess_raw.models import RawDataModel
from calaccess_raw.schema import Field

from . import sidecar
from .errorlog import ErrorLog
from .errors import LoadError
from .rows import TypedRows, read_header


@dataclass(frozen=True)
class LoadResult:
    """What one load did."""

    table: str
    csv_path: Path
    rows: int
    columns: int
    errors: int
    skipped_rows: int
    error_log: Path | None
    method: str


@dataclass(frozen=True)
class Replaced:
    """What a backend's :meth:`Loader.replace` reports: rows stored and how they were loaded."""

    rows: int
    method: str


class Loader(ABC):  # noqa: B024 - prepare and finalize are optional hooks
    """Replace one raw table's contents with a cleaned CSV; previous contents survive failure."""

    vendor: ClassVar[str]

    def __init__(
        self,
        model: type[RawDataModel],
        csv_path: Path,
        connection: BaseDatabaseWrapper,
        error_log_path: Path | None,
    ) -> None:
        self.model = model
        self.table = model.schema
        self.csv_path = Path(csv_path)
        self.connection = connection
        self.error_log_path = error_log_path

    def load(self) -> LoadResult:
        fields = read_header(self.csv_path, self.table) or self.table.fields
        with ErrorLog(self.error_log_path, self.csv_path.name) as log:
            rows = TypedRows(self.csv_path, fields, log)
            self.prepare()
            try:
                replaced = self.replace(fields, rows)
            finally:
                self.finalize()
        sidecar.save(self.csv_path, rows.fingerprint)
        return LoadResult(
            table=self.table.name,
            csv_path=self.csv_path,
            rows=replaced.rows,
            columns=len(fields),
            errors=log.count,
            skipped_rows=rows.skipped_rows,
            error_log=log.written,
            method=replaced.method,
        )

    def quote(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def column_list(self, fields: tuple[Field, ...]) -> str:
        return ", ".join(self.quote(field.column) for field in fields)

    def check_stored(self, stored: int, rows: TypedRows) -> None:
        """Fail (before the commit) when the database stored other than the rows typed: a row it
        read differently from the typed stream would otherwise go unnoticed."""
        if stored != rows.rows:
            raise LoadError(
                f"{self.table.name}: the {self.connection.display_name} database stored "
                f"{stored} of {rows.rows} rows"
            )

    def prepare(self) -> None:  # noqa: B027 - optional hook
        """Check preconditions and set up anything :meth:`replace` needs."""

    @abstractmethod
    def replace(self, fields: tuple[Field, ...], rows: TypedRows) -> Replaced:
        """Atomically swap the table's contents for the CSV's rows."""

    def finalize(self) -> None:  # noqa: B027 - optional hook
        """Remove whatever :meth:`prepare` and :meth:`replace` left behind, success or not."""
