"""The cleaner on small purpose-built files: every rule of decoding, scrubbing, repair and logging.

Each case runs twice: with the normal block size (whole-block fast path where it applies) and with
blocks of a few bytes (lines spanning blocks, most of them on the line-by-line path).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from calaccess_raw.cleaning import (
    CSV_DIALECT,
    ERRORS_HEADER,
    CleanResult,
    EmptySourceFile,
    MalformedHeader,
    MissingHeader,
    SourceFileMissing,
    UnreadableSourceFile,
    clean_file,
)
from calaccess_raw.cleaning.dialect import row_formatter
from calaccess_raw.values.lines import BLOCK_SIZE
from calaccess_toolkit.errors import ToolkitError

HEADER = b"ID\tNAME\tNOTE\r\n"


@pytest.fixture(params=[BLOCK_SIZE, 7], ids=["blocks", "tiny-blocks"])
def block_size(request) -> int:
    return request.param


class Cleaned:
    """The outcome of cleaning one file: the result, the CSV rows and the error rows."""

    def __init__(self, result: CleanResult) -> None:
        self.result = result
        self.csv_bytes = result.csv_path.read_bytes()
        self.rows = read_csv(result.csv_path)
        self.errors = read_csv(result.errors_path) if result.errors_path else []


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle, dialect=CSV_DIALECT))


@pytest.fixture
def clean(tmp_path: Path, block_size: int):
    def run(data: bytes) -> Cleaned:
        source = tmp_path / "TEST_CD.TSV"
        source.write_bytes(data)
        result = clean_file(
            source, tmp_path / "TEST_CD.csv", tmp_path / "TEST_CD.errors.csv", block_size=block_size
        )
        assert result.reconciles, result
        assert result.source_lines == data.count(b"\n") + (not data.endswith(b"\n"))
        return Cleaned(result)

    return run


def test_rows_become_minimal_csv_with_lf_line_ends(clean):
    cleaned = clean(HEADER + b"1\tSMITH\t\r\n2\t\tx\r\n")
    assert cleaned.csv_bytes == b"ID,NAME,NOTE\n1,SMITH,\n2,,x\n"
    assert cleaned.result.table == "TEST_CD"
    assert (cleaned.result.header_fields, cleaned.result.clean_rows) == (3, 2)
    assert cleaned.result.errors_path is None


def test_fields_with_commas_or_quotes_are_quoted(clean):
    cleaned = clean(HEADER + b'1\tSMITH, JOHN\tsays "hi"\r\n2\t"\t,\r\n')
    assert cleaned.csv_bytes == (b'ID,NAME,NOTE\n1,"SMITH, JOHN","says ""hi"""\n2,"""",","\n')
    assert cleaned.rows[1:] == [["1", "SMITH, JOHN", 'says "hi"'], ["2", '"', ","]]


def test_quoting_is_pythons_csv_writers_wherever_the_field_sits(clean):
    rows = [["a,b", "", 'x"y'], [",", '"', ""], ["", "", 'a, "b"'], ["plain", "x", "y"]]
    cleaned = clean(HEADER + b"".join("\t".join(row).encode() + b"\r\n" for row in rows))
    format_row = row_formatter()
    assert cleaned.csv_bytes.decode() == "".join(map(format_row, [["ID", "NAME", "NOTE"], *rows]))


def test_odd_lines_among_many_plain_ones_keep_their_place_and_line_numbers(clean):
    plain = [b"%d\tNAME %d\tnote, %d\r\n" % (n, n, n) for n in range(3000)]
    odd = [b"x\ttoo\tmany\tfields\r\n", b"1\tNUL\x00\t\r\n", b"1\tbroken\r\nvalue\t\r\n"]
    lines = plain[:1000] + odd[:1] + plain[1000:2000] + odd[1:] + plain[2000:]
    cleaned = clean(HEADER + b"".join(lines))
    assert len(cleaned.rows) == 1 + 3000 + 2
    assert [row[0] for row in cleaned.rows[1000:1002]] == ["999", "1000"]
    assert cleaned.rows[2000:2004] == [
        ["1999", "NAME 1999", "note, 1999"],
        ["1", "NUL", ""],
        ["1", "broken\nvalue", ""],
        ["2000", "NAME 2000", "note, 2000"],
    ]
    assert [row[0] for row in cleaned.errors[1:]] == ["1002"]
    assert cleaned.result.repaired_lines == 2


def test_nul_bytes_are_dropped_and_counted(clean):
    cleaned = clean(HEADER + b"1\tGovernor\x00s\t\x00\r\n")
    assert cleaned.rows[1] == ["1", "Governors", ""]
    assert cleaned.result.dropped_nul_bytes == 2


def test_stray_cr_bytes_are_dropped(clean):
    cleaned = clean(HEADER + b"1\tG\t\r\r\n2\tA\rB\tC\r\n3\t\rD\tE\r\n")
    assert cleaned.rows[1:] == [["1", "G", ""], ["2", "AB", "C"], ["3", "D", "E"]]


def test_lf_line_ends_and_a_last_line_without_line_end(clean):
    cleaned = clean(b"ID\tNAME\tNOTE\n1\tA\tB\n2\tC\tD")
    assert cleaned.rows[1:] == [["1", "A", "B"], ["2", "C", "D"]]
    assert cleaned.result.source_lines == 3


@pytest.mark.parametrize("line_end", [b"\r", b"\r\n"])
def test_bare_cr_line_ends_are_read_as_lines(tmp_path, block_size, line_end):
    """Files of the 2015 export end their lines with a bare CR; a CRLF after them is one end."""
    body = [b"ID\tNAME\tNOTE", b"1\tSMITH\t", b"2\t\tx"]
    source = tmp_path / "TEST_CD.TSV"
    source.write_bytes(b"\r".join(body[:2]) + line_end + body[2] + b"\r")
    result = clean_file(
        source, tmp_path / "TEST_CD.csv", tmp_path / "TEST_CD.errors.csv", block_size=block_size
    )
    assert result.csv_path.read_bytes() == b"ID,NAME,NOTE\n1,SMITH,\n2,,x\n"
    assert (result.source_lines, result.clean_rows, result.blank_lines) == (3, 2, 0)


def test_windows_1252_bytes_are_decoded_without_loss(clean):
    cleaned = clean(HEADER + b"1\tCaf\xe9\t\x93quoted\x94 \x80 \x81\r\n")
    assert cleaned.rows[1] == ["1", "Café", "“quoted” € \x81"]
    assert "Café" in cleaned.csv_bytes.decode("utf-8")


def test_valid_utf8_multibyte_characters_stay_as_they_are(clean):
    cleaned = clean(HEADER + "1\tJosé Muñoz\t€ ¿\r\n".encode())
    assert cleaned.rows[1] == ["1", "José Muñoz", "€ ¿"]


def test_encoding_is_decided_per_field(clean):
    cleaned = clean(HEADER + "1\tJosé\t".encode() + b"Caf\xe9\r\n")
    assert cleaned.rows[1] == ["1", "José", "Café"]


def test_a_value_broken_by_a_line_break_is_joined_back(clean):
    cleaned = clean(HEADER + b"1\tfirst line\r\nsecond line\tok\r\n2\tJONES\tok\r\n")
    assert cleaned.rows[1:] == [["1", "first line\nsecond line", "ok"], ["2", "JONES", "ok"]]
    result = cleaned.result
    assert (result.clean_rows, result.repaired_records, result.repaired_lines) == (2, 1, 2)
    assert result.source_lines == 4


def test_a_record_broken_over_several_lines_keeps_its_empty_paragraph(clean):
    cleaned = clean(HEADER + b"1\tpara one, two\r\n\r\npara two\r\nend\t\r\n")
    assert cleaned.rows[1:] == [["1", "para one, two\n\npara two\nend", ""]]
    result = cleaned.result
    assert (result.repaired_records, result.repaired_lines, result.blank_lines) == (1, 4, 0)


def test_a_break_between_fields_is_joined_too(clean):
    cleaned = clean(HEADER + b"1\tSMITH\r\n\tnote\r\n")
    assert cleaned.rows[1:] == [["1", "SMITH\n", "note"]]


def test_a_complete_line_is_never_merged_with_a_neighbour(clean):
    # "rest" ends line 3's NOTE or starts line 5's ID: both join to 3 fields, so it is not guessed.
    cleaned = clean(HEADER + b"orphan\r\n1\tA\tB\r\nrest\r\n2\tC\tD\r\n")
    assert cleaned.rows[1:] == [["1", "A", "B"], ["2", "C", "D"]]
    assert cleaned.errors == [
        list(ERRORS_HEADER),
        ["2", "3", "1", "orphan"],
        ["4", "3", "1", "rest"],
    ]


def test_too_many_fields_are_logged_not_shifted(clean):
    # TEST_CD is no table of the schema, so no reading can be checked (see test_clean_tabs).
    cleaned = clean(HEADER + b"1\tMary Ann\tWarmerdam\t\r\n2\tA\tB\r\n")
    assert cleaned.rows[1:] == [["2", "A", "B"]]
    assert cleaned.errors[1:] == [["2", "3", "4", "1\tMary Ann\tWarmerdam\t"]]
    assert cleaned.result.logged_errors == 1
    assert cleaned.result.errors_size == cleaned.result.errors_path.stat().st_size


def test_too_few_fields_that_nothing_completes_are_logged(clean):
    cleaned = clean(HEADER + b"1\tA\r\n2\tB\tC\tD\r\n3\tE\r\n")
    assert cleaned.rows[1:] == []
    assert [row[:3] for row in cleaned.errors[1:]] == [
        ["2", "3", "2"],
        ["3", "3", "4"],
        ["4", "3", "2"],
    ]


def test_a_fragment_that_overshoots_is_logged_and_the_rest_still_repaired(clean):
    # 3 + 3 - 1 > 4 fields, so line 2 cannot start the record; lines 3 and 4 join to exactly 4.
    cleaned = clean(b"A\tB\tC\tD\r\n1\tx\ty\r\n2\ty\tstart\r\nend\tz\r\n")
    assert cleaned.rows[1:] == [["2", "y", "start\nend", "z"]]
    assert cleaned.errors[1:] == [["2", "4", "3", "1\tx\ty"]]


def test_blank_lines_are_skipped_and_counted(clean):
    cleaned = clean(b"\r\n" + HEADER + b"\r\n1\tA\tB\r\n\r\n\x00\r\n")
    assert cleaned.rows[1:] == [["1", "A", "B"]]
    assert cleaned.result.blank_lines == 4


def test_blank_lines_of_a_one_column_table_are_not_rows(clean):
    cleaned = clean(b"FILER_ID\r\n1\r\n\r\n2\r\n \r\n")
    assert cleaned.rows == [["FILER_ID"], ["1"], ["2"], [" "]]
    assert cleaned.result.blank_lines == 1


def test_a_header_only_file_gives_a_header_only_csv(clean):
    cleaned = clean(HEADER)
    assert cleaned.csv_bytes == b"ID,NAME,NOTE\n"
    assert (cleaned.result.source_lines, cleaned.result.clean_rows) == (1, 0)


def test_a_byte_order_mark_is_not_part_of_the_first_column_name(clean):
    cleaned = clean(b"\xef\xbb\xbf" + HEADER + b"1\tA\tB\r\n")
    assert cleaned.rows[0] == ["ID", "NAME", "NOTE"]


def error_of(tmp_path: Path, source: Path) -> ToolkitError:
    with pytest.raises(ToolkitError) as caught:
        clean_file(source, tmp_path / "OUT.csv", tmp_path / "OUT.errors.csv")
    message = str(caught.value)
    assert message and "\n" not in message
    assert not (tmp_path / "OUT.csv").exists()
    assert not (tmp_path / "OUT.csv.part").exists()
    return caught.value


def test_an_empty_file_is_refused(tmp_path):
    source = tmp_path / "EMPTY_CD.TSV"
    source.write_bytes(b"")
    error = error_of(tmp_path, source)
    assert isinstance(error, EmptySourceFile)
    assert str(error) == "EMPTY_CD.TSV is empty: no header and no rows"


def test_a_missing_file_is_refused(tmp_path):
    error = error_of(tmp_path, tmp_path / "MISSING_CD.TSV")
    assert isinstance(error, SourceFileMissing)
    assert "MISSING_CD.TSV does not exist" in str(error)


def test_a_folder_is_unreadable(tmp_path):
    folder = tmp_path / "FOLDER_CD.TSV"
    folder.mkdir()
    assert isinstance(error_of(tmp_path, folder), UnreadableSourceFile)


def test_a_file_of_blank_lines_has_no_header(tmp_path):
    source = tmp_path / "BLANK_CD.TSV"
    source.write_bytes(b"\r\n\r\n")
    assert isinstance(error_of(tmp_path, source), MissingHeader)


@pytest.mark.parametrize(
    "header, problem",
    [(b"ID\t\tNOTE\r\n", "header column 2 has no name"), (b"ID\tID\r\n", "ID appears twice")],
)
def test_a_header_without_usable_names_is_refused(tmp_path, header, problem):
    source = tmp_path / "BAD_CD.TSV"
    source.write_bytes(header + b"1\t2\t3\r\n")
    error = error_of(tmp_path, source)
    assert isinstance(error, MalformedHeader)
    assert problem in str(error)


def test_outputs_of_an_earlier_run_are_replaced(tmp_path):
    source = tmp_path / "TEST_CD.TSV"
    destination, errors = tmp_path / "TEST_CD.csv", tmp_path / "TEST_CD.errors.csv"
    source.write_bytes(HEADER + b"1\tA\r\n")
    assert clean_file(source, destination, errors).logged_errors == 1
    source.write_bytes(HEADER + b"1\tA\tB\r\n")
    result = clean_file(source, destination, errors)
    assert (result.logged_errors, result.errors_path) == (0, None)
    assert not errors.exists()
    assert destination.read_bytes() == b"ID,NAME,NOTE\n1,A,B\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["TEST_CD.TSV", "TEST_CD.csv"]
