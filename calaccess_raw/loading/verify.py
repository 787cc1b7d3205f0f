"""Check that a loaded raw table holds exactly what its cleaned CSV says.

The CSV is typed again by the loader's rules (:mod:`calaccess_raw.values.rules`) and compared,
row by row in load order (the surrogate ``id``), with what the database returns through Django,
every value of every row: a full comparison, streamed on both sides. The first difference raises
:class:`RowCountMismatch` or :class:`ValueMismatch` naming the line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from calaccess_raw import paths
from calaccess_raw.models import RawDataModel
from calaccess_raw.values.rules import canonical

from . import resolve_model
from .errorlog import ErrorLog
from .errors import RowCountMismatch, ValueMismatch
from .rows import TypedRows, read_header

MISSING = object()


@dataclass(frozen=True)
class VerifyResult:
    """A table that matched its CSV: how many rows and columns were compared."""

    table: str
    rows: int
    columns: int


def verify_table(
    model: str | type[RawDataModel],
    csv_path: Path | str | None = None,
    using: str | None = None,
) -> VerifyResult:
    """Compare each loaded row of a raw table with its CSV; raise at the first difference.

    Without ``using``, rows are read from the database Django's routers pick for the model.
    """
    model = resolve_model(model)
    table = model.schema
    path = Path(csv_path) if csv_path else paths.csv_path(table.name)
    fields = read_header(path, table) or table.fields
    expected_rows = TypedRows(path, fields, ErrorLog(None, path.name))
    expected_iterator = iter(expected_rows)
    found_rows = (
        model.objects.using(using)
        .order_by("id")
        .values_list(*(field.name for field in fields))
        .iterator(chunk_size=5000)
    )
    try:
        rows = zip_longest(expected_iterator, found_rows, fillvalue=MISSING)
        for number, (expected, found) in enumerate(rows, start=1):
            if expected is MISSING or found is MISSING:
                for _rest in expected_iterator:
                    pass  # count the file's remaining rows for the message
                count = model.objects.using(using).count()
                raise RowCountMismatch(
                    f"{table.name}: the database holds {count} rows, "
                    f"{path.name} {expected_rows.rows}"
                )
            for field, text, value in zip(fields, expected, found, strict=True):
                wanted = canonical(field, text)
                if wanted != value:
                    line = expected_rows.line_of(number)
                    raise ValueMismatch(
                        f"{table.name}: line {line} of {path.name}, column "
                        f"{field.column}: the file says {wanted!r}, the database {value!r}"
                    )
    finally:  # release the file and the database cursor when a difference stops the loop
        expected_iterator.close()
        found_rows.close()
    return VerifyResult(table.name, expected_rows.rows, len(fields))
