"""The loader's typing rules, with values as they occur in the real export."""

from __future__ import annotations

import pytest

from calaccess_raw import schema
from calaccess_raw.loading.errorlog import ErrorLog
from calaccess_raw.loading.rows import TypedRows
from calaccess_raw.values.rules import (
    BadValue,
    canonical,
    decimal_converter,
    to_date,
    to_datetime,
    to_float,
    to_integer,
)

from .load_support import error_rows, write_csv


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/23/1998 12:00:00 AM", "1998-03-23"),
        ("2/3/2000 12:00:00 AM", "2000-02-03"),
        ("05/15/2008", "2008-05-15"),  # ACRONYMS_CD.EFFECT_DT spells dates without a time
        ("10/10/0009 12:00:00 AM", "0009-10-10"),  # kept as filed, however improbable
        ("11/18/5201 12:00:00 AM", "5201-11-18"),
        ("5/27/14", "2014-05-27"),
        ("2017-07-01", "2017-07-01"),
        ("  ", None),
    ],
)
def test_dates(text, expected):
    assert to_date(text) == expected


@pytest.mark.parametrize("text", ["2/30/2017", "13/1/2017", "not a date", "1/1/2017 13:00:00 PM"])
def test_impossible_dates_are_errors(text):
    with pytest.raises(BadValue, match="not a date"):
        to_date(text)


def test_datetimes_are_california_time_stored_in_utc():
    assert to_datetime("6/21/2017 5:04:28 PM") == "2017-06-22 00:04:28"  # daylight time, UTC-7
    assert to_datetime("1/13/2004 4:14:13 PM") == "2004-01-14 00:14:13"  # standard time, UTC-8
    assert to_datetime("12/19/2016 12:00:00 AM") == "2016-12-19 08:00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("591352", 591352),
        ("90034    ", 90034),  # LOBBYING_CHG_LOG_CD.FILER_ZIP
        ("         ", None),
        ("Y", 1),  # CVR_CAMPAIGN_DISCLOSURE_CD.CONTROL_YN
        ("N", 0),
        ("X", 1),
        ("y", 1),
        ("-3", -3),
    ],
)
def test_integers_and_flags(text, expected):
    assert to_integer(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [("Yes", "not an integer"), ("1.5", "not an integer"), ("3000000000", "out of range")],
)
def test_bad_integers(text, reason):
    with pytest.raises(BadValue, match=reason):
        to_integer(text)


def test_decimals_are_rounded_like_the_databases_and_limited():
    to_decimal = decimal_converter(14, 2)
    assert to_decimal("250") == "250"
    assert to_decimal("16669.53") == "16669.53"
    assert to_decimal("1.005") == "1.01"
    assert to_decimal("-0.125") == "-0.13"
    assert to_decimal(".5") == "0.50"
    assert to_decimal(" 12 ") == "12.00"
    assert to_decimal("1e-400") == "0.00"
    assert to_decimal("99999999999.994") == "99999999999.99"
    for too_big in ["1234567890123", "999999999999.995", "1" * 40, "1e400", "-1E999999999"]:
        with pytest.raises(BadValue, match="12 digits"):
            to_decimal(too_big)
    with pytest.raises(BadValue, match="not a decimal"):
        to_decimal("$250")


def test_decimals_in_other_digits_are_written_in_ascii_for_the_database():
    assert decimal_converter(14, 2)("\u0663\u0662.5") == "32.50"  # Arabic-Indic ٣٢.5


def test_floats():
    assert to_float("34.32") == 34.32
    assert to_float(" ") is None
    with pytest.raises(BadValue):
        to_float("nan")
    with pytest.raises(BadValue):
        to_float("1e400")


def test_canonical_values_match_what_django_returns():
    table = schema.load().table("RCPT_CD")
    from datetime import date
    from decimal import Decimal

    assert canonical(table.field("AMOUNT"), "250") == Decimal("250.00")
    assert canonical(table.field("RCPT_DATE"), "2000-02-03") == date(2000, 2, 3)
    assert canonical(table.field("AMOUNT"), None) is None


def test_typed_rows_log_bad_values_and_wrong_widths(tmp_path):
    table = schema.load().table("FILER_FILINGS_CD")
    header = list(table.columns)
    good = {column: "" for column in header}
    good.update(FILER_ID="1021721", FILING_ID="591278", FILING_DATE="2/23/2000 7:28:18 PM")
    bad = dict(good, FILING_ID="ABC", FILING_DATE="2/30/2000")
    path = write_csv(
        tmp_path / "f.csv",
        header,
        [[good[c] for c in header], [bad[c] for c in header], ["too", "short"]],
    )
    log = ErrorLog(tmp_path / "errors.csv", "f.csv")
    typed = TypedRows(path, table.fields, log)
    rows = list(typed)
    log.close()
    index = {column: i for i, column in enumerate(header)}
    assert len(rows) == 2 and typed.rows == 2 and typed.skipped_rows == 1
    assert rows[0][index["FILING_DATE"]] == "2000-02-24 03:28:18"
    assert rows[1][index["FILING_ID"]] is None and rows[1][index["FILING_DATE"]] is None
    assert rows[1][index["FILER_ID"]] == "1021721"  # plain digits pass on as text
    assert log.count == 3
    assert (tmp_path / "errors.csv").read_text().splitlines()[0] == "file,line,column,value,reason"
    logged = [tuple(row.values()) for row in error_rows(tmp_path / "errors.csv")]
    assert logged == [
        ("f.csv", "3", "FILING_ID", "ABC", "not an integer"),
        ("f.csv", "3", "FILING_DATE", "2/30/2000", "not a date"),
        ("f.csv", "4", "", "too\tshort", "expected 16 fields, found 2; row skipped"),
    ]
