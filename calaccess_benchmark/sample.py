"""The sample export's rows, kept as raw bytes, ready to be repeated into a larger export.

Each record line is kept exactly as the state wrote it (CRLF line end, its bytes undecoded, a NUL
where there is one), so the cleaner does on the larger export the work it does on the real one.
Only lines that are a record on their own are kept: a line with the wrong number of fields (which
the cleaner logs) or a blank line is left out, so every generated line is one row to load and the
benchmark can check that no row is lost between generation, cleaning and loading.

One integer column per table is *renumbered* so that repetitions never share a key: the sample's
distinct values of that column, in ascending order, are numbered 1…D, and repetition ``r`` writes
``r·D + k`` for the ``k``-th. A plain offset (``id + r·max``) would leave the 32-bit range after a
thousand repetitions, since sample ids run into the millions.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from calaccess_raw import schema
from calaccess_raw.schema import Table

from .errors import UnusableTable


@dataclass(frozen=True)
class Record:
    """One record line cut around its renumbered value: ``head + str(number) + tail``.

    ``rank`` is the value's position (1-based) among the sample's distinct values of the column;
    None when the line's value is not an integer, and then ``head`` is the whole line.
    """

    head: bytes
    rank: int | None
    tail: bytes


@dataclass(frozen=True)
class SampleTable:
    """The sample's header and record lines of one table."""

    name: str
    header: bytes
    records: tuple[Record, ...]
    #: The renumbered column (None when the table has no integer id column to renumber).
    renumbered_column: str | None
    #: Distinct integer values of that column in the sample (the step between repetitions).
    distinct_values: int
    #: Lines of the sample left out: blank, or not the header's number of fields.
    skipped_lines: int


def renumbered_column(table: Table) -> str | None:
    """The column renumbered per repetition: the first integer column of the unique key, else
    the first integer column named ``…_ID``, else none."""
    integers = [field.column for field in table.fields if field.type == "IntegerField"]
    for column in table.unique_key:
        if column in integers:
            return column
    return next((column for column in integers if column.endswith("_ID")), None)


def read_sample(zip_path: Path, table_name: str) -> SampleTable:
    """Read one table of the sample export ZIP (wherever the TSV sits inside it)."""
    try:
        table = schema.load().table(table_name)
    except KeyError:
        raise UnusableTable(f"{table_name} is not a table of the CAL-ACCESS export") from None
    data = _member_bytes(zip_path, f"{table.name}.TSV")
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if not lines:
        raise UnusableTable(f"{table.name}: the sample's file is empty, there is nothing to repeat")
    header, body = lines[0] + b"\n", lines[1:]
    width = header.count(b"\t") + 1
    kept = [line + b"\n" for line in body if line.strip(b"\r") and line.count(b"\t") + 1 == width]
    if not kept:
        raise UnusableTable(f"{table.name}: the sample holds no complete row to repeat")
    column = renumbered_column(table)
    records, distinct = _cut(kept, header, column)
    return SampleTable(
        name=table.name,
        header=header,
        records=records,
        renumbered_column=column,
        distinct_values=distinct,
        skipped_lines=len(body) - len(kept),
    )


def _member_bytes(zip_path: Path, file_name: str) -> bytes:
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            if info.filename.rsplit("/", 1)[-1].upper() == file_name.upper():
                return archive.read(info)
    raise UnusableTable(f"{zip_path.name} holds no {file_name}")


def _cut(lines: list[bytes], header: bytes, column: str | None) -> tuple[tuple[Record, ...], int]:
    """Cut each line around the column's value and rank the values; (records, distinct count)."""
    if column is None:
        return tuple(Record(line, None, b"") for line in lines), 0
    position = header.rstrip(b"\r\n").decode("ascii").split("\t").index(column)
    ends = [b"\r\n" if line.endswith(b"\r\n") else b"\n" for line in lines]
    split_lines = [line[: -len(end)].split(b"\t") for line, end in zip(lines, ends, strict=True)]
    values = {int(fields[position]) for fields in split_lines if fields[position].strip().isdigit()}
    ranks = {value: rank for rank, value in enumerate(sorted(values), start=1)}
    records = []
    for line, end, fields in zip(lines, ends, split_lines, strict=True):
        value = fields[position]
        if not value.strip().isdigit():
            records.append(Record(line, None, b""))
            continue
        head = b"".join(field + b"\t" for field in fields[:position])
        tail = b"".join(b"\t" + field for field in fields[position + 1 :]) + end
        records.append(Record(head, ranks[int(value)], tail))
    return tuple(records), len(ranks)
