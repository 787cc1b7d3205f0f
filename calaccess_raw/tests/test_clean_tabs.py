"""Rows with too many fields: joined back where one reading fits the schema, logged otherwise.

Purpose-built lines of real tables (S496_CD, LEXP_CD), so the real schema decides; each case runs
with the normal block size and with blocks of a few bytes, like the other edge cases.
"""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

import pytest

from calaccess_raw import schema
from calaccess_raw.cleaning import CSV_DIALECT, clean_file
from calaccess_raw.cleaning.tabs import TabRepair, unique_reading
from calaccess_raw.values.column_rules import ColumnRule, column_rules
from calaccess_raw.values.lines import BLOCK_SIZE
from calaccess_raw.values.rules import decimal_converter, to_date, to_integer

S496 = {
    "FILING_ID": "1890031",
    "AMEND_ID": "0",
    "LINE_ITEM": "1",
    "REC_TYPE": "S496",
    "FORM_TYPE": "F496",
    "TRAN_ID": "D552397",
    "AMOUNT": "5625",
    "EXP_DATE": "9/29/2014 12:00:00 AM",
}
LEXP = {
    "FILING_ID": "931805",
    "AMEND_ID": "0",
    "LINE_ITEM": "56",
    "REC_TYPE": "LEXP",
    "FORM_TYPE": "F635P3C",
    "TRAN_ID": "LEXP00056",
    "RECSUBTYPE": "2",
    "ENTITY_CD": "OTH",
    "PAYEE_NAML": "Classique Catering",
    "PAYEE_CITY": "Sacramento",
    "PAYEE_ST": "CA",
    "PAYEE_ZIP4": "95814",
    "BENE_AMT": "28",
    "EXPN_DSCR": "Food and Beverage",
    "MEMO_CODE": "N",
}


def columns(table: str) -> tuple[str, ...]:
    return schema.load().table(table).columns


def header(table: str) -> bytes:
    return "\t".join(columns(table)).encode() + b"\r\n"


def line(table: str, defaults: dict[str, str], **values: str) -> bytes:
    """A data line of ``table``: its values (blank unless given), tabs typed inside kept."""
    row = {**defaults, **values}
    return "\t".join(row.get(column, "") for column in columns(table)).encode() + b"\r\n"


def read_csv(path: Path | None) -> list[list[str]]:
    if path is None:
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle, dialect=CSV_DIALECT))


@pytest.fixture(params=[BLOCK_SIZE, 7], ids=["blocks", "tiny-blocks"])
def clean(request, tmp_path: Path):
    def run(table: str, data: bytes):
        source = tmp_path / f"{table}.TSV"
        source.write_bytes(data)
        result = clean_file(
            source,
            tmp_path / f"{table}.csv",
            tmp_path / f"{table}.errors.csv",
            block_size=request.param,
        )
        assert result.reconciles, result
        return result, read_csv(result.csv_path)[1:], read_csv(result.errors_path)[1:]

    return run


def test_a_description_split_by_a_tab_is_joined_back(clean):
    text = "TV Ads; Prop 1 Water Quality/Supply/Infastructure Act\t(Cumulative: $31,125.00)"
    result, rows, errors = clean(
        "S496_CD", header("S496_CD") + line("S496_CD", S496, EXPN_DSCR=text)
    )
    assert rows == [[*S496.values(), text, "", "", ""]]
    assert errors == []
    assert (result.clean_rows, result.repaired_tab_records, result.logged_errors) == (1, 1, 0)
    # One physical line, one row: not a record rebuilt from several lines.
    assert (result.source_lines, result.repaired_records, result.repaired_lines) == (2, 0, 0)


def test_a_reading_that_puts_a_date_into_the_amount_is_not_counted(clean):
    # "D1<TAB>5625" fits TRAN_ID's 20 letters, but then AMOUNT would hold the date: one reading.
    data = header("S496_CD") + line("S496_CD", S496, TRAN_ID="D1", EXPN_DSCR="Ads\tNote")
    result, rows, _ = clean("S496_CD", data)
    assert rows[0][5:9] == ["D1", "5625", "9/29/2014 12:00:00 AM", "Ads\tNote"]
    assert result.repaired_tab_records == 1


def test_a_tab_inside_a_number_has_no_reading_and_is_logged(clean):
    # AMOUNT cannot hold a tab, "25" is no EXP_DATE, and TRAN_ID has no room for "56".
    data = header("S496_CD") + line("S496_CD", S496, TRAN_ID="D" * 19, AMOUNT="56\t25")
    result, rows, errors = clean("S496_CD", data)
    assert rows == []
    assert [error[:3] for error in errors] == [["2", "12", "13"]]
    assert (result.repaired_tab_records, result.logged_errors) == (0, 1)


def test_a_row_that_joins_back_two_ways_is_logged(clean):
    # "Aris | Evia | Assemblymember Jackson": the tab fits in BENE_NAME or in BENE_POSIT.
    data = header("LEXP_CD") + line(
        "LEXP_CD", LEXP, BENE_NAME="Aris\tEvia", BENE_POSIT="Assemblymember Jackson"
    )
    result, rows, errors = clean("LEXP_CD", data)
    assert rows == []
    assert errors == [["2", "25", "26", data.decode().splitlines()[1]]]
    assert (result.repaired_tab_records, result.logged_errors) == (0, 1)


def test_two_values_split_by_tabs_are_both_joined_back(clean):
    text = "TV Ads\t(Cumulative: $31,125.00)"
    data = header("S496_CD") + line(
        "S496_CD", S496, EXPN_DSCR=text, MEMO_CODE="X", MEMO_REFNO="R1\tR2"
    )
    result, rows, _ = clean("S496_CD", data)
    assert rows == [[*S496.values(), text, "X", "R1\tR2", ""]]
    assert result.repaired_tab_records == 1


def test_more_than_three_extra_fields_are_logged(clean):
    text = "TV\tAds\ton\tProp\tOne"
    data = header("S496_CD") + line("S496_CD", S496, EXPN_DSCR=text)
    result, rows, errors = clean("S496_CD", data)
    assert (rows, result.repaired_tab_records, result.logged_errors) == ([], 0, 1)
    assert errors[0][:3] == ["2", "12", "16"]
    # Only the limit logs it: the row has one reading that fits.
    fields = data.decode().splitlines()[1].split("\t")
    repair = TabRepair("S496_CD", columns("S496_CD"), max_extra_fields=4)
    assert repair(fields) == [*S496.values(), text, "", "", ""]


def test_values_are_decoded_before_they_are_joined(clean):
    data = header("S496_CD") + line("S496_CD", S496, EXPN_DSCR="Ads").replace(
        b"Ads", b"Caf\xe9\tAds"
    )
    _, rows, _ = clean("S496_CD", data)
    assert rows[0][8] == "Café\tAds"


def test_a_column_the_schema_does_not_declare_means_no_repair(clean):
    data = header("S496_CD").replace(b"MEMO_CODE", b"MEMO_FLAG") + line(
        "S496_CD", S496, EXPN_DSCR="TV Ads\t(Cumulative: $31,125.00)"
    )
    result, rows, _ = clean("S496_CD", data)
    assert (rows, result.logged_errors) == ([], 1)


def test_a_repaired_row_keeps_its_place_among_many_plain_lines(clean):
    plain = [line("S496_CD", S496, LINE_ITEM=str(n), EXPN_DSCR="TV Ads") for n in range(3000)]
    split = line("S496_CD", S496, LINE_ITEM="1500", EXPN_DSCR="TV Ads\t(Cumulative)")
    data = header("S496_CD") + b"".join(plain[:1500]) + split
    result, rows, _ = clean("S496_CD", data + b"".join(plain[1500:]))
    assert len(rows) == 3001
    assert [row[2] for row in rows[1499:1502]] == ["1499", "1500", "1500"]
    assert rows[1500][8] == "TV Ads\t(Cumulative)"
    assert (result.clean_rows, result.repaired_tab_records, result.source_lines) == (3001, 1, 3002)


# -- the column rules ---------------------------------------------------------------------------


def rule(table: str, column: str) -> ColumnRule:
    return ColumnRule.of(schema.load().table(table).field(column))


@pytest.mark.parametrize(
    "column, value",
    [
        ("FILING_ID", "1890031"),
        ("FILING_ID", " 90034 "),
        ("FILING_ID", ""),
        ("AMOUNT", "31125.00"),
        ("AMOUNT", " "),
        ("EXP_DATE", "9/29/2014 12:00:00 AM"),
        ("EXP_DATE", "2014-09-29"),
        ("EXP_DATE", ""),
        ("MEMO_CODE", "X"),
        ("EXPN_DSCR", "x" * 90),
    ],
)
def test_values_that_fit_their_column(column, value):
    assert rule("S496_CD", column).accepts(value)


@pytest.mark.parametrize(
    "column, value",
    [
        ("FILING_ID", "D552397"),
        ("FILING_ID", "1\t2"),
        ("AMOUNT", "9/29/2014 12:00:00 AM"),
        ("AMOUNT", "1" * 15),  # 16 digits, 2 of them places: 14 before the point at most
        ("AMOUNT", "1" * 40),
        ("EXP_DATE", "TV Ads"),
        ("EXP_DATE", "2/30/2014"),
        ("MEMO_CODE", "XY"),  # the documented length (1), not the stored one (10)
        ("EXPN_DSCR", "x" * 91),
    ],
)
def test_values_that_do_not_fit_their_column(column, value):
    assert not rule("S496_CD", column).accepts(value)


def test_integer_columns_take_the_loaders_flags():
    control = rule("CVR_CAMPAIGN_DISCLOSURE_CD", "CONTROL_YN")
    assert control.convert is not None
    assert all(control.accepts(flag) for flag in ("Y", "N", "X", "y"))
    assert not control.accepts("Q")


def test_tables_or_columns_the_schema_does_not_declare_have_no_rules():
    assert column_rules("TEST_CD", ["ID"]) is None
    assert column_rules("S496_CD", ["FILING_ID", "NOT_A_COLUMN"]) is None
    assert len(column_rules("S496_CD", columns("S496_CD"))) == 12


# -- the search against plain enumeration ---------------------------------------------------------


def every_reading(fields: list[str], rules: list[ColumnRule]) -> list[list[str]]:
    """Every row the fields join back to that fits the rules, by listing all joinings."""
    extra = len(fields) - len(rules)
    readings = []
    for gaps in itertools.combinations(range(len(fields) - 1), extra):
        values, joined = [fields[0]], [False]
        for position in range(1, len(fields)):
            if position - 1 in gaps:
                values[-1] += "\t" + fields[position]
                joined[-1] = True
            else:
                values.append(fields[position])
                joined.append(False)
        fits = all(
            rule.accepts(value) and (rule.is_text or not was_joined)
            for rule, value, was_joined in zip(rules, values, joined, strict=True)
        )
        if fits:
            readings.append(values)
    return readings


def test_the_search_finds_what_listing_every_joining_finds():
    kinds = [
        ColumnRule(True, 1, None),
        ColumnRule(True, 4, None),
        ColumnRule(True, None, None),
        ColumnRule(False, None, to_integer),
        ColumnRule(False, None, decimal_converter(4, 2)),
        ColumnRule(False, None, to_date),
    ]
    values = ["", "", "Y", "7", "12.5", "1/2/2014", "ab", "abcd", "a"]
    generator = random.Random(20170701)
    outcomes = set()
    for _ in range(3000):
        rules = generator.choices(kinds, k=generator.randint(1, 7))
        fields = generator.choices(values, k=len(rules) + generator.randint(1, 3))
        readings = every_reading(fields, rules)
        expected = readings[0] if len(readings) == 1 else None
        assert unique_reading(fields, rules) == expected, (fields, rules)
        outcomes.add(min(len(readings), 2))
    assert outcomes == {0, 1, 2}
