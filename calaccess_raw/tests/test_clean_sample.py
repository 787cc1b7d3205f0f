"""The cleaner over all 80 tables of the real sample export, checked against the older cleaner.

``reference-cleaned.zip`` is what the older reference cleaner made of the same ZIP. It decoded the
bytes as ASCII, turning every non-ASCII byte into U+FFFD (so ``¿`` in UTF-8 became two of them),
dropped SUB (0x1A) characters and turned NUL into a space; it dropped every row with the wrong
field count. We keep the text (UTF-8 as UTF-8, SUB kept, NUL dropped), so our values are folded
the same lossy way before comparing, and the one line with a NUL byte is compared knowingly.
Of the six rows it dropped, the two whose description holds a tab are repaired here.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from calaccess_raw.cleaning import CSV_DIALECT, CleanResult, EmptySourceFile, clean_file
from calaccess_raw.cleaning.dialect import row_formatter
from calaccess_raw.values.column_rules import column_rules
from calaccess_toolkit.testing.fixtures import fixture
from calaccess_toolkit.text import decode_fields, decode_line

pytestmark = pytest.mark.slow

EXPORT = fixture("calaccess-export", "dbwebexport.zip")
REFERENCE = fixture("calaccess-export", "reference-cleaned.zip")
EMPTY_TABLES = {
    "CVR_F470_CD",
    "FILER_TYPE_PERIODS_CD",
    "LOBBYIST_EMPLOYER_HISTORY_CD",
    "LOBBYIST_FIRM_HISTORY_CD",
}
#: Rows with too many fields that join back one way only: (table, line) -> the row.
REPAIRED_ROWS = {
    ("S496_CD", 596): [
        *("1890031", "0", "1", "S496", "F496", "D552397", "5625", "9/29/2014 12:00:00 AM"),
        "TV Ads; Prop 1 Water Quality/Supply/Infastructure Act\t(Cumulative: $31,125.00)",
        *("", "", ""),
    ],
    ("S496_CD", 722): [
        *("1887479", "0", "1", "S496", "F496", "D551587", "25500", "9/19/2014 12:00:00 AM"),
        "Radio Ads; Prop 2 Rainy Day Budget Stabilization Fund Act\t(Cumulative: $25,500.00)",
        *("", "", ""),
    ],
}
#: Rows with too many fields that stay logged: (table, line) -> two different readings that both
#: fit the schema, each as (the tabs joined back, as positions of the second field of each pair;
#: a column; its value in that reading).
AMBIGUOUS_ROWS = {
    ("LEXP_CD", 148): (
        ((17,), "BENE_NAME", "Aris\tEvia"),
        ((18,), "BENE_POSIT", "Evia\tAssemblymember Jackson"),
    ),
    ("LEXP_CD", 601): (
        ((17,), "BENE_NAME", "Mary Ann\tWarmerdam"),
        ((18,), "BENE_POSIT", "Warmerdam\tCDPR"),
    ),
    ("LPAY_CD", 50): (
        ((20, 21, 22), "ADVAN_DSCR", "\t\t\t"),
        ((8, 9, 10), "EMPLR_NAML", "OFFICE OF BARRY BROAD\t\t\t"),
    ),
    ("S401_CD", 868): (
        ((10,), "AGENT_NAMS", "\t "),
        ((11,), "PAYEE_NAML", " \tShaun Haines For DCCC Assembly District 17 2016"),
    ),
}


@dataclass
class Table:
    """One table of the sample: its source, our outcome and the reference's."""

    name: str
    source: bytes
    result: CleanResult | None
    rows: list[list[str]]
    errors: list[list[str]]
    reference_rows: list[list[str]] | None
    reference_errors: list[list[str]]

    @property
    def source_lines(self) -> list[bytes]:
        lines = self.source.split(b"\n")
        return lines[:-1] if lines[-1] == b"" else lines


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), dialect=CSV_DIALECT))


def read_csv(path: Path | None) -> list[list[str]]:
    return parse_csv(path.read_text(encoding="utf-8")) if path else []


def scrub(line: bytes) -> bytes:
    return line.replace(b"\r", b"").replace(b"\x00", b"")


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, Table]:
    folder = tmp_path_factory.mktemp("sample")
    found = {}
    with zipfile.ZipFile(EXPORT) as export, zipfile.ZipFile(REFERENCE) as reference:
        reference_files = set(reference.namelist())

        def reference_csv(name: str) -> list[list[str]] | None:
            if name not in reference_files:
                return None
            return parse_csv(reference.read(name).decode("utf-8"))

        for info in export.infolist():
            name = Path(info.filename).stem
            source = folder / f"{name}.TSV"
            source.write_bytes(export.read(info))
            try:
                result = clean_file(source, folder / f"{name}.csv", folder / f"{name}.errors.csv")
            except EmptySourceFile:
                result = None
            found[name] = Table(
                name=name,
                source=source.read_bytes(),
                result=result,
                rows=read_csv(result.csv_path) if result else [],
                errors=read_csv(result.errors_path) if result else [],
                reference_rows=reference_csv(f"{name.lower()}.csv"),
                reference_errors=reference_csv(f"{name.lower()}.errors.csv") or [],
            )
    return found


def cleaned(tables: dict[str, Table]) -> list[Table]:
    return [table for table in tables.values() if table.result is not None]


def fold(value: str) -> str:
    """Our value as the reference would have written it."""
    return value.encode("utf-8").decode("ascii", "replace").replace("\x1a", "")


def folded(row: list[str]) -> list[str]:
    return [fold(value) for value in row]


def test_all_80_tables_are_cleaned_but_the_4_empty_files(tables):
    assert len(tables) == 80
    assert {name for name, table in tables.items() if table.result is None} == EMPTY_TABLES
    assert {name for name, table in tables.items() if table.reference_rows is None} == EMPTY_TABLES


def test_every_source_line_is_accounted_for_in_every_table(tables):
    for table in cleaned(tables):
        result = table.result
        assert result.reconciles, result
        assert result.source_lines == len(table.source_lines), table.name
        assert result.clean_rows == len(table.rows) - 1
        assert result.logged_errors == max(len(table.errors) - 1, 0)
        assert result.source_size == len(table.source)
        assert result.csv_size == result.csv_path.stat().st_size
        assert table.rows[0] == table.reference_rows[0], table.name
        assert result.header_fields == len(table.rows[0])


def test_totals_over_the_sample(tables):
    results = [table.result for table in cleaned(tables)]
    assert len(results) == 76
    assert sum(r.source_lines for r in results) == 62_755
    assert sum(r.clean_rows for r in results) == 62_674
    assert sum(r.repaired_records for r in results) == 0
    assert sum(r.repaired_tab_records for r in results) == 2
    assert sum(r.logged_errors for r in results) == 4
    assert sum(r.blank_lines for r in results) == 1
    assert sum(r.dropped_nul_bytes for r in results) == 1
    assert sum(len(table.reference_rows) - 1 for table in cleaned(tables)) == 62_672


def test_every_row_the_reference_kept_is_kept_with_the_same_values(tables):
    for table in cleaned(tables):
        # The reference made a space of a NUL byte where we drop it: map its form to ours.
        nul_lines = [line.replace(b"\r", b"") for line in table.source_lines if b"\x00" in line]
        ours_for_reference = {
            tuple(folded(decode_fields(line.replace(b"\x00", b" ")))): folded(
                decode_fields(line.replace(b"\x00", b""))
            )
            for line in nul_lines
        }
        ours = [folded(row) for row in table.rows[1:]]
        position = 0
        for reference_row in table.reference_rows[1:]:
            expected = ours_for_reference.get(tuple(reference_row), reference_row)
            while position < len(ours) and ours[position] != expected:
                position += 1
            assert position < len(ours), f"{table.name}: lost {reference_row[:6]}"
            position += 1
        # Rows of ours that the reference does not have can only be repaired records.
        repaired = table.result.repaired_records + table.result.repaired_tab_records
        assert len(ours) - (len(table.reference_rows) - 1) == repaired


def test_rows_the_reference_dropped_are_logged_with_their_line_or_repaired(tables):
    for table in cleaned(tables):
        logged = [int(row[0]) for row in table.errors[1:]]
        repaired = [line for name, line in REPAIRED_ROWS if name == table.name]
        dropped = []
        for line_number in sorted(logged + repaired):
            line = scrub(table.source_lines[line_number - 1])
            fields = str(line.count(b"\t") + 1)
            raw = fold(decode_line(line).replace("\t", ","))
            dropped.append([str(table.result.header_fields), fields, raw])
        assert dropped == table.reference_errors[1:], table.name
        for line_number, _, _, raw in table.errors[1:]:
            assert decode_line(scrub(table.source_lines[int(line_number) - 1])) == raw
    logged_lines = {
        (table.name, int(row[0])) for table in cleaned(tables) for row in table.errors[1:]
    }
    assert logged_lines == set(AMBIGUOUS_ROWS)


def test_values_split_by_a_tab_are_joined_back_where_one_reading_fits(tables):
    for (name, line_number), row in REPAIRED_ROWS.items():
        table = tables[name]
        assert len(decode_fields(scrub(table.source_lines[line_number - 1]))) == len(row) + 1
        # Each repaired row sits where its line is: after the row of the line before it.
        previous = decode_fields(scrub(table.source_lines[line_number - 2]))
        position = table.rows.index(previous) + 1
        assert table.rows[position] == row
    assert tables["S496_CD"].result.repaired_tab_records == 2
    assert tables["S496_CD"].result.logged_errors == 0


def test_rows_that_join_back_several_ways_stay_logged(tables):
    for (name, line_number), readings in AMBIGUOUS_ROWS.items():
        table = tables[name]
        header = table.rows[0]
        fields = decode_fields(scrub(table.source_lines[line_number - 1]))
        rules = column_rules(name, header)
        for tabs, column, value in readings:
            assert len(fields) - len(tabs) == len(rules)
            row = joined(fields, tabs)
            assert row[header.index(column)] == value
            assert all(rule.accepts(cell) for rule, cell in zip(rules, row, strict=True)), row


def joined(fields: list[str], tabs: tuple[int, ...]) -> list[str]:
    """The row that joins ``fields[i - 1]`` and ``fields[i]`` back for every ``i`` in ``tabs``."""
    row = [fields[0]]
    for position in range(1, len(fields)):
        if position in tabs:
            row[-1] += "\t" + fields[position]
        else:
            row.append(fields[position])
    return row


def test_the_dirty_lines_of_the_sample_come_out_clean(tables):
    def row(table: str, *key: str) -> list[str]:
        return next(r for r in tables[table].rows if r[: len(key)] == list(key))

    # UTF-8 ¿ (a mis-encoded apostrophe at the source) kept as the character, not as U+FFFD.
    assert "Governor¿s Office" in row("CVR_LOBBY_DISCLOSURE_CD", "901931", "0")[-9]
    # A NUL byte dropped; the SUB and other control characters kept as they are.
    assert "Governorb\x19s Office" in row("TEXT_MEMO_CD", "1776455", "0", "1")[6]
    assert row("LOAN_CD", "785815", "0", "1")[44] == "\x1a"
    # Stray CR bytes before the CRLF dropped.
    assert row("SPLT_CD", "871773", "1", "42")[-1] == "G"
    assert tables["NAMES_CD"].result.blank_lines == 1


def test_the_csv_is_exactly_what_pythons_csv_writer_writes(tables):
    format_row = row_formatter()
    for table in cleaned(tables):
        expected = []
        for line_number, line in enumerate(table.source_lines, start=1):
            fields = decode_fields(scrub(line))
            if fields != [""] and len(fields) == table.result.header_fields:
                expected.append(format_row(fields))
            elif (table.name, line_number) in REPAIRED_ROWS:
                expected.append(format_row(REPAIRED_ROWS[table.name, line_number]))
        assert table.result.csv_path.read_text(encoding="utf-8") == "".join(expected), table.name
