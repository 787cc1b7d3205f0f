"""The typing helper: the typed rows arrive whole, counts and errors come back, failures surface.

Each test runs with the helper as a forked process and as a thread (the small-file and no-fork
case), chosen through ``PROCESS_MIN_BYTES``; the process case is checked to have used a process
by the CPU time it leaves in this process's children.
"""

from __future__ import annotations

import csv
import io
import resource

import pytest
from django.db import connection

from calaccess_raw.loading import background, load_table
from calaccess_raw.loading.errorlog import ErrorLog
from calaccess_raw.loading.errors import NotUTF8
from calaccess_raw.loading.rows import TypedRows, read_header
from calaccess_raw.loading.verify import verify_table
from calaccess_raw.models import RcptCd

from .load_support import error_rows, reference_cells, write_csv

HELPERS = {"process": 0, "thread": 1 << 62}


@pytest.fixture(params=sorted(HELPERS))
def helper(request, monkeypatch) -> str:
    monkeypatch.setattr(background, "PROCESS_MIN_BYTES", HELPERS[request.param])
    return request.param


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _receipts(data_dir, copies: int = 1):
    """The reference receipts ``copies`` times over, one date made impossible and one row cut."""
    header, values = reference_cells("RCPT_CD")
    values[1][header.index("RCPT_DATE")] = "2/30/2015"
    values[2] = values[2][:5]
    values *= copies
    return write_csv(data_dir / "RCPT_CD.csv", header, values), len(values)


def _as_csv_text(value: object) -> str:
    return "" if value is None else str(value)


def test_the_stream_holds_every_typed_row_and_the_counts_come_back(data_dir, helper):
    path, lines = _receipts(data_dir, copies=20)
    fields = read_header(path, RcptCd.schema)
    with ErrorLog(None, path.name) as log:
        expected = [[_as_csv_text(value) for value in row] for row in TypedRows(path, fields, log)]

    log_path = data_dir / "errors.csv"
    cpu_before = _children_cpu()
    with ErrorLog(log_path, path.name) as log:
        rows = TypedRows(path, fields, log)
        with background.typed_csv(rows) as stream:
            streamed = list(csv.reader(io.TextIOWrapper(stream, encoding="utf-8", newline="")))
        assert streamed == expected
        assert (rows.rows, rows.skipped_rows, log.count) == (lines - 20, 20, 40)
        assert log.written == log_path
    logged = error_rows(log_path)
    assert [(row["line"], row["column"], row["reason"]) for row in logged[:2]] == [
        ("3", "RCPT_DATE", "not a date"),
        ("4", "", f"expected {len(fields)} fields, found 5; row skipped"),
    ]
    assert len(logged) == 40
    assert (_children_cpu() > cpu_before) is (helper == "process")


def test_an_error_of_the_helper_is_raised_when_the_block_ends(data_dir, helper):
    path, lines = _receipts(data_dir, copies=20)
    fields = read_header(path, RcptCd.schema)
    text = path.read_bytes()
    middle = text.index(b"\n", len(text) // 2) + 1
    path.write_bytes(text[:middle] + b"\xff\xfe broken\n" + text[middle:])
    with ErrorLog(None, path.name) as log:
        rows = TypedRows(path, fields, log)
        with pytest.raises(NotUTF8, match="RCPT_CD.csv: not UTF-8 after line"):
            with background.typed_csv(rows) as stream:
                received = list(csv.reader(io.TextIOWrapper(stream, encoding="utf-8", newline="")))
    assert 0 < len(received) < lines / 2  # the rows typed before the bad line


def test_an_error_of_the_reader_wins_and_stops_the_helper(data_dir, helper):
    path, lines = _receipts(data_dir, copies=60)  # more than the pipe holds
    assert path.stat().st_size > 2 * background.PIPE_SIZE
    fields = read_header(path, RcptCd.schema)
    with ErrorLog(None, path.name) as log:
        rows = TypedRows(path, fields, log)
        with pytest.raises(ZeroDivisionError):
            with background.typed_csv(rows) as stream:
                stream.read(1000)
                raise ZeroDivisionError  # the helper, blocked on a full pipe, must still end
    assert rows.rows < lines / 2  # the helper stopped: it did not type the rest of the file


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("table", ["RCPT_CD", "CVR_CAMPAIGN_DISCLOSURE_CD"])
def test_a_load_typed_by_the_helper_stores_and_verifies(data_dir, helper, table):
    """CVR_CAMPAIGN_DISCLOSURE_CD gets a ``7Q`` flag, which only the typed path takes (logged)."""
    header, values = reference_cells(table)
    if table == "CVR_CAMPAIGN_DISCLOSURE_CD":
        values[0][header.index("CONTROL_YN")] = "7Q"
    path = write_csv(data_dir / f"{table}.csv", header, values)
    cpu_before = _children_cpu()
    result = load_table(table, path)
    errors = int(table == "CVR_CAMPAIGN_DISCLOSURE_CD")
    assert (result.rows, result.errors, result.skipped_rows) == (len(values), errors, 0)
    assert verify_table(table, path).rows == len(values)
    assert (_children_cpu() > cpu_before) is (
        helper == "process" and _typed_by_helper(connection.vendor, table)
    )


def _typed_by_helper(vendor: str, table: str) -> bool:
    """SQLite and MySQL type every file with the helper; PostgreSQL only a file its COPY refuses
    (the one with ``7Q``)."""
    return vendor != "postgresql" or table == "CVR_CAMPAIGN_DISCLOSURE_CD"
