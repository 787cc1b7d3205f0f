"""Check that a loaded raw table holds exactly what its cleaned CSV says.

By default the file's fingerprint (:mod:`.fingerprint`: per column, the non-NULL values, a
total, the empty texts and a checksum of the texts) is compared with the one the database
computes in aggregate queries (:mod:`.stored`: one per run of rows).
The file's is the one its load saved (:mod:`.sidecar`), or else a thread types the CSV by the
loader's rules (:mod:`calaccess_raw.values.rules`) meanwhile (the database's work releases the
interpreter lock, so the two overlap). A difference raises :class:`RowCountMismatch` or
:class:`ValueMismatch` naming the column. The full comparison (``full=True``) instead compares,
row by row in load order (the surrogate ``id``), every value the database returns through
Django, streamed on both sides, and names the line and column of the first difference: it costs
more than the load, and also catches changes of one column that cancel out in its sum.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from django.db import connections, router

from calaccess_raw import paths
from calaccess_raw.models import RawDataModel
from calaccess_raw.schema import Field
from calaccess_raw.values.rules import canonical

from . import resolve_model, sidecar
from .errorlog import ErrorLog
from .errors import RowCountMismatch, ValueMismatch
from .rows import TypedRows, expected_fingerprint, read_header
from .stored import stored_fingerprint

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
    full: bool = False,
) -> VerifyResult:
    """Compare a loaded raw table with its CSV by fingerprint, or value by value (``full``).

    Without ``using``, the table is read in the database Django's routers pick for the model.
    """
    model = resolve_model(model)
    table = model.schema
    path = Path(csv_path) if csv_path else paths.csv_path(table.name)
    fields = read_header(path, table) or table.fields
    if full:
        return _compare_every_value(model, path, fields, using)
    connection = connections[using or router.db_for_read(model)]
    expected = sidecar.saved(path, tuple(field.column for field in fields))
    if expected is not None:
        found = stored_fingerprint(table.name, fields, connection)
    else:
        with ThreadPoolExecutor(max_workers=1) as typing:  # the database sums meanwhile
            expecting = typing.submit(expected_fingerprint, path, fields)
            found = stored_fingerprint(table.name, fields, connection)
            expected = expecting.result()
    if found.rows != expected.rows:
        raise RowCountMismatch(
            f"{table.name}: the database holds {found.rows} rows, {path.name} {expected.rows}"
        )
    for wanted, stored in zip(expected.columns, found.columns, strict=True):
        if differences := wanted.differences(stored):
            raise ValueMismatch(
                f"{table.name}: column {wanted.column} does not match {path.name}: "
                + "; ".join(differences)
            )
    return VerifyResult(table.name, expected.rows, len(fields))


def _compare_every_value(
    model: type[RawDataModel], path: Path, fields: tuple[Field, ...], using: str | None
) -> VerifyResult:
    """Compare each loaded row with the CSV's; raise at the first difference."""
    table = model.schema
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
