"""The flag rewrite PostgreSQL's loader streams a file through: flags become numbers, by the
typing rules, in integer columns only; every other byte passes as written."""

from __future__ import annotations

import csv
import io

import pytest

from calaccess_raw.loading.flags import rewrite_flags
from calaccess_raw.models import CvrCampaignDisclosureCd
from calaccess_raw.values.lines import iter_line_blocks
from calaccess_raw.values.rules import to_integer

from .load_support import reference_zip

HEADER = b"ID,NAME,FLAG,MEMO\n"
#: The integer columns of HEADER.
INTEGERS = [0, 2]


def _rewritten(data: bytes, positions=INTEGERS, block_size: int = 1 << 20) -> bytes:
    return b"".join(rewrite_flags(iter_line_blocks(io.BytesIO(data), block_size), positions))


def test_flags_become_numbers_in_integer_columns_only():
    data = HEADER + b"1,Y,Y,N\n2,X,x,n\n3,N,N,Y\n4,y, Y ,X\n"
    assert _rewritten(data) == HEADER + b"1,Y,1,N\n2,X,1,n\n3,N,0,Y\n4,y,1,X\n"


def test_blanks_of_spaces_become_empty_and_numbers_pass_as_written():
    data = HEADER + b"   ,a,,b\n 7 ,a,\t,b\n-3,a,12,b\n"
    assert _rewritten(data) == HEADER + b",a,,b\n 7 ,a,,b\n-3,a,12,b\n"


def test_a_value_neither_number_nor_flag_passes_for_copy_to_refuse():
    data = HEADER + b"1,a,7Q,b\n2,a,YES,b\n"
    assert _rewritten(data) == data


def test_a_file_without_flags_passes_byte_for_byte():
    data = HEADER + b'1,"Smith, Jo",2,"said ""hi"""\n2,,,\n'
    assert _rewritten(data) == data


def test_a_quoted_field_before_an_integer_column_is_parsed():
    data = HEADER + b'1,"Smith, Jo",Y,"a, b"\n"2","""Q"", Inc.",N,\n'
    rows = list(csv.reader(io.StringIO(_rewritten(data).decode())))
    assert rows[1:] == [["1", "Smith, Jo", "1", "a, b"], ["2", '"Q", Inc.', "0", ""]]


def test_in_a_record_with_quotes_only_the_integer_fields_change():
    data = HEADER + b'"7",Y,N,"Y, N"\n8,"Y",X,"Y"\n" 9",a, N ,"b"\n10,a,"N",b\n'
    expected = b'"7",Y,0,"Y, N"\n8,"Y",1,"Y"\n" 9",a,0,"b"\n10,a,"N",b\n'
    assert _rewritten(data) == HEADER + expected  # a quoted value is left for COPY to judge


@pytest.mark.parametrize("block_size", [8, 1 << 20])
def test_a_record_with_a_line_break_in_a_quoted_field_is_rewritten_whole(block_size):
    data = HEADER + b'1,"first\nsecond\nthird",Y,"x"\n2,plain,N,"memo\nmore"\n3,a,X,b\n'
    rows = list(csv.reader(io.StringIO(_rewritten(data, block_size=block_size).decode())))
    assert rows[1:] == [
        ["1", "first\nsecond\nthird", "1", "x"],
        ["2", "plain", "0", "memo\nmore"],
        ["3", "a", "1", "b"],
    ]


def test_rows_it_cannot_read_pass_as_written():
    short = HEADER + b"1,Y\n"
    assert _rewritten(short) == short
    unclosed = HEADER + b'1,a,Y,"never closed\nY,Y,Y,Y\n'
    assert _rewritten(unclosed) == unclosed


def test_real_flagged_table_reads_as_the_typing_rules_read_it():
    """Every value of the sample's CVR_CAMPAIGN_DISCLOSURE_CD after the rewrite: integer columns
    hold what the Python rule gives (blank for NULL), the other columns exactly what they held."""
    with reference_zip() as archive:
        data = archive.read("cvr_campaign_disclosure_cd.csv")
    fields = CvrCampaignDisclosureCd.schema.fields
    header = data.split(b"\n", 1)[0].decode().split(",")
    positions = [header.index(f.column) for f in fields if f.type == "IntegerField"]
    before = list(csv.reader(io.StringIO(data.decode())))
    after = list(csv.reader(io.StringIO(_rewritten(data, positions, block_size=4096).decode())))
    assert len(after) == len(before) == 1001
    flags = 0
    for old, new in zip(before[1:], after[1:], strict=True):
        for position, (old_value, new_value) in enumerate(zip(old, new, strict=True)):
            if position in positions:
                assert (int(new_value) if new_value else None) == to_integer(old_value)
                flags += old_value.strip() in ("Y", "N", "X")
            else:
                assert new_value == old_value
    assert flags > 100
