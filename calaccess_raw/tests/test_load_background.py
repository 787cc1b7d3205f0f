"""The loader's helper: typed (or flag-rewritten) rows arrive whole, counts and errors come back,
failures surface.

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

from calaccess_raw.loading import background, load_table, sidecar
from calaccess_raw.loading.errorlog import ErrorLog
from calaccess_raw.loading.errors import NotUTF8
from calaccess_raw.loading.rows import TypedRows, read_header
from calaccess_raw.loading.verify import verify_table
from calaccess_raw.models import RcptCd

from .load_support import HELPER_METHODS, error_rows, reference_cells, write_csv

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


#: How PostgreSQL loads each case; the other databases type every file with the helper.
POSTGRESQL_METHODS = {
    ("RCPT_CD", ""): "copy",
    ("CVR_CAMPAIGN_DISCLOSURE_CD", ""): "flags",
    ("CVR_CAMPAIGN_DISCLOSURE_CD", "7Q"): "typed",
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("table", "bad_flag"), sorted(POSTGRESQL_METHODS))
def test_a_load_through_the_helper_stores_and_verifies(data_dir, helper, table, bad_flag):
    """The flags of CVR_CAMPAIGN_DISCLOSURE_CD take PostgreSQL's flag rewrite, in the helper; a
    ``7Q`` among them only the typed path (logged)."""
    header, values = reference_cells(table)
    if bad_flag:
        values[0][header.index("CONTROL_YN")] = bad_flag
    path = write_csv(data_dir / f"{table}.csv", header, values)
    cpu_before = _children_cpu()
    result = load_table(table, path)
    errors = 1 if bad_flag else 0
    assert (result.rows, result.errors, result.skipped_rows) == (len(values), errors, 0)
    assert verify_table(table, path).rows == len(values)
    if connection.vendor == "postgresql":
        method = POSTGRESQL_METHODS[table, bad_flag]
    else:
        method = HELPER_METHODS[connection.vendor]
    assert result.method == method
    # Every path has a helper: it types the rows, rewrites the flags, or (PostgreSQL's COPY of
    # the file as it is) sums up their fingerprint for the verification.
    assert (_children_cpu() > cpu_before) is (helper == "process")
    assert sidecar.saved(path, tuple(header)) is not None
