"""The benchmark's larger export, generated from the real sample: exact sizes, raw bytes kept,
ids renumbered so that copies never share a key."""

from __future__ import annotations

import zipfile

import pytest

from calaccess_benchmark.errors import UnusableTable
from calaccess_benchmark.generation import DEFAULT_MIX, generate_export, share_rows
from calaccess_benchmark.sample import read_sample
from calaccess_raw import schema
from calaccess_toolkit.testing.fixtures import fixture

EXPORT = fixture("calaccess-export", "dbwebexport.zip")


def lines_of(data: bytes) -> list[bytes]:
    """A file's lines, each with its line feed (a stray CR stays inside its line)."""
    assert data.endswith(b"\n")
    return [line + b"\n" for line in data.split(b"\n")[:-1]]


def sample_lines(table: str) -> list[bytes]:
    with zipfile.ZipFile(EXPORT) as archive:
        return lines_of(archive.read(f"CalAccess/DATA/{table}.TSV"))


def test_rows_are_shared_by_weight_and_add_up_exactly():
    shares = share_rows(1_000_003, DEFAULT_MIX)
    assert sum(shares.values()) == 1_000_003
    assert list(shares) == [name for name, _ in DEFAULT_MIX]
    assert shares["RCPT_CD"] in (350_001, 350_002)
    assert shares["SMRY_CD"] in (150_000, 150_001)
    assert share_rows(7, [("A", 1), ("B", 1), ("C", 1)]) in (
        {"A": 3, "B": 2, "C": 2},
        {"A": 2, "B": 3, "C": 2},
        {"A": 2, "B": 2, "C": 3},
    )


def test_generated_tables_hold_exactly_their_share_of_raw_sample_lines(tmp_path):
    samples = {name: read_sample(EXPORT, name) for name, _ in DEFAULT_MIX}
    shares = share_rows(5000, DEFAULT_MIX)
    generated = generate_export(samples, shares, tmp_path / "tsv")

    assert [table.name for table in generated] == list(shares)
    for table in generated:
        original = sample_lines(table.name)
        lines = lines_of(table.path.read_bytes())
        assert lines[0] == original[0]  # the header, byte for byte
        assert len(lines) - 1 == table.rows == shares[table.name]
        assert table.repetitions == -(-table.rows // (len(original) - 1))
        assert all(line.endswith(b"\r\n") for line in lines)  # CRLF kept: the cleaner's work
        width = original[0].count(b"\t")
        assert all(line.count(b"\t") == width for line in lines)


def test_odd_bytes_are_repeated_as_they_are(tmp_path):
    sample = read_sample(EXPORT, "TEXT_MEMO_CD")  # one NUL byte, and UTF-8 text
    rows = 3 * len(sample.records)
    data = generate_export({"TEXT_MEMO_CD": sample}, {"TEXT_MEMO_CD": rows}, tmp_path)[0]
    generated = data.path.read_bytes()
    original = b"".join(sample_lines("TEXT_MEMO_CD"))
    assert original.count(b"\x00") == 1
    assert generated.count(b"\x00") == 3
    assert generated.count("\u00bf".encode()) == 3 * original.count("\u00bf".encode()) > 0


# The id is the first column of RCPT_CD, the only one of FILERS_CD (its line end follows it).
@pytest.mark.parametrize("table_name", ["RCPT_CD", "FILER_FILINGS_CD", "FILERS_CD", "SMRY_CD"])
def test_ids_are_renumbered_per_copy_and_keys_stay_unique(tmp_path, table_name):
    table = schema.load().table(table_name)
    sample = read_sample(EXPORT, table_name)
    original = sample_lines(table_name)
    header = original[0].rstrip(b"\r\n").decode().split("\t")
    records = [line.rstrip(b"\r\n").split(b"\t") for line in original[1:]]
    rows = 2 * len(records) + 123  # two whole copies and part of a third
    generated = generate_export({table_name: sample}, {table_name: rows}, tmp_path)[0]
    lines = [line.rstrip(b"\r\n").split(b"\t") for line in lines_of(generated.path.read_bytes())]

    column = header.index(sample.renumbered_column)
    assert sample.renumbered_column == table.unique_key[0]
    distinct = sorted({int(fields[column]) for fields in records})
    rank = {value: position for position, value in enumerate(distinct, start=1)}
    assert sample.distinct_values == len(distinct)
    for number, fields in enumerate(lines[1:]):
        copy, source = divmod(number, len(records))
        expected = list(records[source])
        expected[column] = b"%d" % (copy * len(distinct) + rank[int(records[source][column])])
        assert fields == expected
    key = [header.index(name) for name in table.unique_key]
    keys = {tuple(fields[position] for position in key) for fields in lines[1:]}
    assert len(keys) == rows  # the sample's keys are unique, and so are the copies'


def test_lines_that_are_not_a_record_are_left_out():
    sample = read_sample(EXPORT, "S496_CD")  # two lines with 13 fields where the header has 12
    assert sample.skipped_lines == 2
    assert len(sample.records) == len(sample_lines("S496_CD")) - 1 - 2
    assert read_sample(EXPORT, "NAMES_CD").renumbered_column is None  # no integer id column


@pytest.mark.parametrize(
    ("table_name", "message"),
    [
        ("NOT_A_TABLE_CD", "NOT_A_TABLE_CD is not a table of the CAL-ACCESS export"),
        ("CVR_F470_CD", "CVR_F470_CD: the sample's file is empty, there is nothing to repeat"),
    ],
)
def test_tables_that_cannot_be_repeated_are_refused(table_name, message):
    with pytest.raises(UnusableTable, match=f"^{message}$"):
        read_sample(EXPORT, table_name)
