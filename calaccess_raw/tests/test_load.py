"""Loading cleaned CSVs on the database of ``DATABASE_URL``: typing, errors and atomicity."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.utils import ConnectionHandler

from calaccess_raw import paths
from calaccess_raw.loading import (
    CleanFileMissing,
    HeaderMismatch,
    LoadError,
    NotUTF8,
    UnknownTable,
    load_table,
    resolve_model,
)
from calaccess_raw.loading.sqlite import SQLiteLoader
from calaccess_raw.models import (
    AcronymsCd,
    CvrCampaignDisclosureCd,
    FilerFilingsCd,
    RcptCd,
    TextMemoCd,
)

from .load_support import error_rows, reference_csv, reference_rows, write_csv

pytestmark = pytest.mark.django_db(transaction=True)


def test_real_receipts_load_typed(data_dir):
    result = load_table("RcptCd", reference_csv("RCPT_CD"))
    assert (result.rows, result.columns, result.errors, result.error_log) == (1000, 63, 0, None)
    assert RcptCd.objects.count() == 1000
    receipt = RcptCd.objects.get(filing_id=591352, line_item=22)
    assert receipt.rcpt_date == date(2000, 2, 3)  # written 2/3/2000 12:00:00 AM
    assert receipt.date_thru is None
    assert receipt.amount == Decimal("250.00")
    assert receipt.cum_oth is None  # blank amount: unknown, not 0
    assert (receipt.ctrib_naml, receipt.ctrib_namf, receipt.ctrib_namt) == ("Dunn", "Philip R.", "")


def test_flags_in_integer_columns(data_dir):
    result = load_table(CvrCampaignDisclosureCd, reference_csv("CVR_CAMPAIGN_DISCLOSURE_CD"))
    assert result.errors == 0
    flags = dict(
        CvrCampaignDisclosureCd.objects.filter(
            filing_id__in=[675112, 803717, 639534, 595930]
        ).values_list("filing_id", "control_yn")
    )
    assert flags == {675112: 1, 803717: 1, 639534: 0, 595930: None}
    assert CvrCampaignDisclosureCd.objects.get(filing_id=803717).sponsor_yn == 1


def test_times_of_day_are_kept_in_datetime_columns(data_dir):
    load_table("FILER_FILINGS_CD", reference_csv("FILER_FILINGS_CD"))
    filing = FilerFilingsCd.objects.get(filer_id=1021721, filing_id=591278)
    assert filing.filing_date == datetime(2000, 2, 24, 3, 28, 18, tzinfo=UTC)  # 7:28:18 PM PST


def test_reloading_replaces_rows_and_restarts_ids(data_dir):
    path = reference_csv("ACRONYMS_CD")
    load_table(AcronymsCd, path)
    load_table(AcronymsCd, path)
    ids = list(AcronymsCd.objects.order_by("id").values_list("id", flat=True))
    assert ids == list(range(1, len(reference_rows("ACRONYMS_CD")) + 1))


def test_a_bad_value_is_logged_with_its_row_and_the_rest_loads(data_dir):
    rows = reference_rows("RCPT_CD")
    header = list(rows[0])
    rows[1]["AMOUNT"] = "12O.00"  # letter O for a zero
    rows[2]["RCPT_DATE"] = "2/30/2000 12:00:00 AM"
    cells = [[row[column] for column in header] for row in rows]
    cells.insert(3, cells[3][:10])  # a row cut short
    write_csv(paths.csv_path("RCPT_CD"), header, cells)

    result = load_table(RcptCd)

    assert (result.rows, result.errors, result.skipped_rows) == (1000, 3, 1)
    assert result.method in {"typed", "insert-select", "load-data"}
    assert RcptCd.objects.count() == 1000
    assert result.error_log == paths.load_errors_path("RCPT_CD")
    logged = error_rows(result.error_log)
    assert [(row["line"], row["column"], row["value"], row["reason"]) for row in logged[:2]] == [
        ("3", "AMOUNT", "12O.00", "not a decimal number"),
        ("4", "RCPT_DATE", "2/30/2000 12:00:00 AM", "not a date"),
    ]
    assert logged[2]["line"] == "5" and "row skipped" in logged[2]["reason"]
    assert {row["file"] for row in logged} == {"RCPT_CD.csv"}
    damaged = RcptCd.objects.get(filing_id=rows[1]["FILING_ID"], line_item=rows[1]["LINE_ITEM"])
    assert damaged.amount is None
    assert damaged.ctrib_naml == rows[1]["CTRIB_NAML"]
    assert damaged.cum_ytd == Decimal(rows[1]["CUM_YTD"])


def test_a_clean_load_removes_the_previous_error_log(data_dir):
    log = paths.load_errors_path("ACRONYMS_CD")
    log.write_text("file,line,column,value,reason\nold,2,X,Y,stale\n")
    result = load_table(AcronymsCd, reference_csv("ACRONYMS_CD"))
    assert result.error_log is None and not log.exists()


def test_over_long_text_is_logged_and_stored_empty(data_dir):
    header = list(AcronymsCd.schema.columns)
    limit = AcronymsCd._meta.get_field("stands_for").max_length
    rows = [["CAL", "x" * (limit + 1), "1/1/2000", "ok"], ["SOS", "Secretary", "", ""]]
    result = load_table(AcronymsCd, write_csv(data_dir / "acronyms.csv", header, rows))
    assert (result.rows, result.errors) == (2, 1)
    assert AcronymsCd.objects.get(acronym="CAL").stands_for == ""
    assert AcronymsCd.objects.get(acronym="SOS").effect_dt is None
    assert error_rows(result.error_log)[0]["reason"] == f"longer than {limit} characters"


def test_a_failed_load_leaves_the_previous_contents(data_dir):
    load_table(AcronymsCd, reference_csv("ACRONYMS_CD"))
    before = list(AcronymsCd.objects.order_by("id").values_list("acronym", "stands_for"))
    indexes_before = _indexes("ACRONYMS_CD")
    broken = data_dir / "broken.csv"
    good = reference_csv("ACRONYMS_CD", data_dir / "good.csv").read_bytes()
    broken.write_bytes(good + b"ZZZ,Caf\xe9 in Latin-1,1/1/2000,\n")  # fails after 1000 rows

    with pytest.raises(NotUTF8, match="broken.csv"):
        load_table(AcronymsCd, broken)

    after = list(AcronymsCd.objects.order_by("id").values_list("acronym", "stands_for"))
    assert after == before
    assert _indexes("ACRONYMS_CD") == indexes_before
    assert not [name for name in connection.introspection.table_names() if "__" in name]


def test_a_changed_header_fails_before_the_database_naming_the_column(data_dir):
    load_table(AcronymsCd, reference_csv("ACRONYMS_CD"))
    header = ["ACRONYM", "STANDS_FOR", "EFFECT_DATE", "A_DESC"]
    path = write_csv(data_dir / "renamed.csv", header, [["A", "B", "", ""]])
    with pytest.raises(HeaderMismatch, match="'EFFECT_DATE' is not a column of ACRONYMS_CD"):
        load_table(AcronymsCd, path)
    path = write_csv(data_dir / "short.csv", ["ACRONYM", "STANDS_FOR", "A_DESC"], [])
    with pytest.raises(HeaderMismatch, match="column EFFECT_DT of ACRONYMS_CD is missing"):
        load_table(AcronymsCd, path)
    assert AcronymsCd.objects.count() == len(reference_rows("ACRONYMS_CD"))


def test_columns_may_come_in_any_order(data_dir):
    header = ["A_DESC", "EFFECT_DT", "ACRONYM", "STANDS_FOR"]
    path = write_csv(data_dir / "shuffled.csv", header, [["desc", "05/15/2008", "FPPC", "Fair"]])
    load_table(AcronymsCd, path)
    row = AcronymsCd.objects.get()
    assert (row.acronym, row.stands_for, row.effect_dt, row.a_desc) == (
        "FPPC",
        "Fair",
        date(2008, 5, 15),
        "desc",
    )


def test_an_empty_file_is_an_empty_table(data_dir):
    load_table(AcronymsCd, reference_csv("ACRONYMS_CD"))
    paths.csv_path("ACRONYMS_CD").write_bytes(b"")
    result = load_table(AcronymsCd)
    assert result.rows == 0 and AcronymsCd.objects.count() == 0


def test_a_missing_file_is_a_clear_error(data_dir):
    with pytest.raises(CleanFileMissing, match="RCPT_CD.csv"):
        load_table(RcptCd)


def test_unknown_tables_are_a_clear_error(data_dir):
    with pytest.raises(LoadError, match="NOPE_CD"):
        load_table("NOPE_CD")


def test_a_load_inside_a_transaction(data_dir):
    """PostgreSQL nests the load in the caller's transaction; MySQL (its DDL commits) and SQLite
    (the load has a connection of its own) refuse it, before touching the table."""
    path = reference_csv("ACRONYMS_CD")
    if connection.vendor in ("mysql", "sqlite"):
        with pytest.raises(LoadError, match="inside a transaction"), transaction.atomic():
            load_table(AcronymsCd, path)
        assert AcronymsCd.objects.count() == 0
        return
    with pytest.raises(RuntimeError, match="caller gives up"), transaction.atomic():
        load_table(AcronymsCd, path)
        assert AcronymsCd.objects.count() == len(reference_rows("ACRONYMS_CD"))
        raise RuntimeError("caller gives up")
    assert AcronymsCd.objects.count() == 0


def test_sqlite_refuses_an_in_memory_database(data_dir):
    """The SQLite load writes through a connection of its own, which cannot see such a database."""
    memory = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    )
    loader = SQLiteLoader(AcronymsCd, reference_csv("ACRONYMS_CD"), memory["default"], None)
    with pytest.raises(LoadError, match="ACRONYMS_CD: cannot load into an in-memory SQLite"):
        loader.load()
    memory.close_all()


def _indexes(table: str) -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {tuple(spec["columns"]) for spec in constraints.values() if spec["index"]}


def test_nul_characters_are_taken_out_and_logged(data_dir):
    header = list(AcronymsCd.schema.columns)
    path = write_csv(data_dir / "nul.csv", header, [["CAL\x00", "California", "", ""]])
    result = load_table(AcronymsCd, path)
    assert AcronymsCd.objects.get().acronym == "CAL"
    assert error_rows(result.error_log)[0]["reason"] == "NUL character removed"


def test_models_of_other_apps_are_looked_up_there(data_dir):
    assert resolve_model("rcpt_cd", app="calaccess_raw") is RcptCd
    with pytest.raises(UnknownTable, match="no installed app 'nope'"):
        resolve_model("RcptCd", app="nope")
    with pytest.raises(UnknownTable, match="'calaccess_scraped' has no raw-data models"):
        resolve_model("RcptCd", app="calaccess_scraped")


def test_separators_escapes_and_blanks_in_text_are_stored_exactly(data_dir):
    """Characters that are syntax in some bulk format (tab, newline, backslash, quote, ``\\N``)
    arrive as they are; a blank text is ``''`` and a blank number NULL, on every database."""
    memo = reference_rows("TEXT_MEMO_CD")[0]
    texts = ["tab\there", "two\nlines", "back\\slash", 'say "hi"', "\\N", "", "a\r\nb", "\\t"]
    header = list(memo)
    rows = [
        [*(memo[column] for column in header[:2]), str(line_item), "TEXT", "", "", text]
        for line_item, text in enumerate(texts, start=1)
    ]
    rows.append([memo["FILING_ID"], "", "99", "TEXT", "A", "REF", "amend blank"])
    result = load_table(TextMemoCd, write_csv(data_dir / "memo.csv", header, rows))
    assert (result.rows, result.errors) == (len(texts) + 1, 0)
    stored = dict(TextMemoCd.objects.values_list("line_item", "text4000"))
    assert [stored[line_item] for line_item in range(1, len(texts) + 1)] == texts
    assert TextMemoCd.objects.get(line_item=99).amend_id is None
    assert TextMemoCd.objects.get(line_item=1).form_type == ""
    assert not TextMemoCd.objects.filter(form_type__isnull=True).exists()
