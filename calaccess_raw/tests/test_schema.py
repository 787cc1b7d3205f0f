"""The package's schema: complete, true to the real export, and normalised only where documented."""

from __future__ import annotations

import csv
import zipfile

import pytest

from calaccess_raw import schema
from calaccess_toolkit.testing.fixtures import fixture

SCHEMA = schema.load()


def sample_headers() -> dict[str, list[str]]:
    """Header of every non-empty TSV of the real sample export, read from the ZIP."""
    headers = {}
    with zipfile.ZipFile(fixture("calaccess-export", "dbwebexport.zip")) as archive:
        for member in archive.namelist():
            if not member.upper().endswith(".TSV"):
                continue
            with archive.open(member) as handle:
                first = handle.readline().decode("latin-1").rstrip("\r\n")
            table = member.rsplit("/", 1)[-1][: -len(".TSV")]
            headers[table] = first.split("\t") if first else []
    return headers


def test_schema_has_80_tables_and_1465_columns():
    assert len(SCHEMA.tables) == 80
    assert sum(len(table.fields) for table in SCHEMA.tables) == 1465


def test_every_header_of_the_sample_export_matches_in_order():
    headers = sample_headers()
    assert set(headers) == {table.name for table in SCHEMA.tables}
    non_empty = {name: header for name, header in headers.items() if header}
    assert len(non_empty) == 76
    for name, header in non_empty.items():
        assert list(SCHEMA.table(name).columns) == header, name


def test_lookup_codes_are_all_there_including_misspellings():
    with_choices = [field for table in SCHEMA.tables for field in table.fields if field.choices]
    assert len(with_choices) == 182
    assert sum(len(field.choices) for field in with_choices) == 2720
    codes = {
        choice.code: choice.meaning
        for choice in SCHEMA.table("CVR_SO_CD").field("ACTVTY_LVL").choices
    }
    assert codes["CO"] == "County" and codes["St"] == "State"


def test_table_facts():
    rcpt = SCHEMA.table("RCPT_CD")
    assert rcpt.group == "campaign" and rcpt.model_name == "RcptCd"
    assert rcpt.unique_key == ("FILING_ID", "AMEND_ID", "LINE_ITEM", "REC_TYPE", "FORM_TYPE")
    assert "F460/A" in [str(form) for form in rcpt.filing_forms]
    schedule_a = next(form for form in rcpt.filing_forms if str(form) == "F460/A")
    assert schedule_a.section.title == "Schedule A, Monetary Contributions Received"
    assert schedule_a.form.document.id == "2781363"
    assert SCHEMA.table("FILER_FILINGS_CD").stores_all_forms


def test_field_facts_and_documentation():
    amount = SCHEMA.table("DEBT_CD").field("AMT_INCUR")
    assert (amount.type, amount.max_digits, amount.decimal_places) == ("DecimalField", 14, 2)
    assert amount.definition == "Amount incurred this period"
    level = SCHEMA.table("CVR_SO_CD").field("ACTVTY_LVL")
    assert level.max_length == 2 and level.db_max_length == 10
    pages = [str(page) for page in level.documents]
    assert pages[0] == "MapCalFormat2Fields, p. 30"
    assert (
        level.documents[0]
        .document.page_image_url(30)
        .endswith("/2711616/pages/MapCalFormat2Fields-p30-normal.gif")
    )


def test_references_are_stored_as_plain_integers():
    period = SCHEMA.table("FILER_TYPE_PERIODS_CD").field("PERIOD_ID")
    assert period.documented_type == "ForeignKey" and period.type == "IntegerField"
    assert period.references == "FilingPeriodCd"
    assert "not reliable" in period.note
    assert not [
        field for table in SCHEMA.tables for field in table.fields if field.type == "ForeignKey"
    ]


def test_date_columns_that_carry_a_time_are_datetimes():
    filing_date = SCHEMA.table("FILER_FILINGS_CD").field("FILING_DATE")
    assert (filing_date.documented_type, filing_date.type) == ("DateField", "DateTimeField")
    assert SCHEMA.table("RCPT_CD").field("RCPT_DATE").type == "DateField"


def test_reversed_and_suffixed_document_references_were_normalised():
    documents = {
        str(page)
        for page in SCHEMA.table("DEBT_CD").documents + SCHEMA.table("EFS_FILING_LOG_CD").documents
    }
    assert "MapCalFormat2Fields, pp. 48-49" in documents
    assert "Overview, pp. 1-2" in documents


def test_field_names_are_valid_model_attributes():
    assert SCHEMA.table("REPORTS_CD").field("RPT_DESC_").name == "rpt_desc"
    for table in SCHEMA.tables:
        names = [field.name for field in table.fields]
        assert len(set(names)) == len(names), table.name
        assert all(name.isidentifier() and not name.endswith("_") for name in names)


def test_the_data_files_differ_from_the_shared_schema_only_as_documented():
    """Same rows (but for the documented normalisations) as the fixture the files came from."""
    with open(fixture("calaccess-schema", "fields.csv"), newline="", encoding="utf-8") as handle:
        shared = {(row["table"], row["column"]): row for row in csv.DictReader(handle)}
    for table in SCHEMA.tables:
        for field in table.fields:
            row = shared[(table.name, field.column)]
            assert field.documented_type == row["field_type"]
            assert field.definition == row["official_definition"]
            assert field.null == (row["null"] == "True")
            assert field.db_index == (row["db_index"] == "True")
            if field.type != field.documented_type:
                assert field.note


def test_unknown_names_raise_key_errors():
    with pytest.raises(KeyError, match="NOPE_CD"):
        SCHEMA.table("NOPE_CD")
    with pytest.raises(KeyError, match="F999"):
        SCHEMA.form("F999")
