"""``cleancalaccessrawfile`` / ``clean_raw_file`` end to end: files, tracking counts, errors."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from calaccess_raw import paths
from calaccess_raw.cleaning import CleanResult
from calaccess_raw.models import RawDataFile, RawDataVersion
from calaccess_toolkit.testing.fixtures import fixture
from django_commander.models import Command
from django_commander.registry import commands

pytestmark = pytest.mark.django_db

EXPORT = fixture("calaccess-export", "dbwebexport.zip")


def put_tsv(table: str) -> bytes:
    """Put one table of the sample export where the extract step leaves it."""
    with zipfile.ZipFile(EXPORT) as archive:
        data = archive.read(f"CalAccess/DATA/{table}.TSV")
    paths.tsv_path(table).write_bytes(data)
    return data


@pytest.fixture
def version() -> RawDataVersion:
    return RawDataVersion.objects.create(release_datetime=datetime(2017, 7, 12, 21, 42, tzinfo=UTC))


def clean(*args: str) -> str:
    out = StringIO()
    call_command("cleancalaccessrawfile", "--ignore-dependencies", *args, stdout=out)
    return out.getvalue()


def test_cleans_a_table_deletes_its_tsv_and_records_the_counts(data_dir, version):
    put_tsv("LEXP_CD")
    output = clean("LEXP_CD.TSV")

    assert output.splitlines() == [
        "Cleaned LEXP_CD.TSV: 998 rows of 25 columns, 2 logged, 0 blank lines skipped.",
        f"2 lines logged to {paths.clean_errors_path('LEXP_CD')}.",
    ]
    assert not paths.tsv_path("LEXP_CD").exists()
    assert paths.csv_path("LEXP_CD").read_text(encoding="utf-8").count("\n") == 999
    assert paths.clean_errors_path("LEXP_CD").read_text(encoding="utf-8").count("\n") == 3
    row = RawDataFile.objects.get(version=version, file_name="LEXP_CD")
    assert (row.clean_records_count, row.clean_columns_count) == (998, 25)
    assert (row.error_count, row.blank_line_count) == (2, 0)
    assert (row.repaired_records_count, row.repaired_lines_count) == (0, 0)
    assert row.clean_file_size == paths.csv_path("LEXP_CD").stat().st_size
    assert row.clean_start_datetime <= row.clean_finish_datetime


def test_rows_with_a_value_split_by_a_tab_are_repaired_and_counted_as_rows(data_dir, version):
    put_tsv("S496_CD")
    output = clean("S496_CD")

    assert output.splitlines() == [
        "Cleaned S496_CD.TSV: 1,000 rows of 12 columns, 2 split by a tab joined back, "
        "0 logged, 0 blank lines skipped."
    ]
    assert not paths.clean_errors_path("S496_CD").exists()
    row = RawDataFile.objects.get(version=version, file_name="S496_CD")
    assert (row.clean_records_count, row.error_count) == (1000, 0)
    # Repaired on their own line: single-line rows, not records rebuilt from several lines.
    assert (row.repaired_records_count, row.repaired_lines_count) == (0, 0)
    assert row.repaired_tab_records_count == 2


def test_keep_file_keeps_the_tsv_and_the_extract_counts_stay(data_dir, version):
    source = put_tsv("NAMES_CD")
    RawDataFile.objects.create(
        version=version, file_name="NAMES_CD", download_records_count=1000, download_file_size=1
    )
    clean("names_cd", "--keep-file")

    assert paths.tsv_path("NAMES_CD").read_bytes() == source
    row = RawDataFile.objects.get(version=version, file_name="NAMES_CD")
    assert (row.download_records_count, row.download_file_size) == (1000, 1)
    assert (row.clean_records_count, row.clean_columns_count, row.blank_line_count) == (999, 10, 1)
    assert row.error_count == 0


def test_an_empty_table_becomes_an_empty_csv(data_dir, version):
    put_tsv("CVR_F470_CD")
    assert clean("CVR_F470_CD").splitlines() == [
        "CVR_F470_CD.TSV is empty: wrote an empty CVR_F470_CD.csv."
    ]
    assert paths.csv_path("CVR_F470_CD").read_bytes() == b""
    row = RawDataFile.objects.get(version=version, file_name="CVR_F470_CD")
    assert (row.clean_records_count, row.clean_columns_count, row.error_count) == (0, 0, 0)
    assert row.clean_finish_datetime is not None


def test_a_missing_file_is_a_one_line_error_and_the_table_stays_unfinished(data_dir, version):
    with pytest.raises(CommandError) as caught:
        clean("RCPT_CD")
    missing = paths.tsv_path("RCPT_CD")
    assert str(caught.value) == f"{missing} does not exist; extract the export first"
    row = RawDataFile.objects.get(version=version, file_name="RCPT_CD")
    assert row.clean_start_datetime is not None
    assert row.clean_finish_datetime is None


def test_without_a_tracked_release_it_cleans_and_says_nothing_is_recorded(data_dir):
    put_tsv("FILER_TYPES_CD")
    output = clean("FILER_TYPES_CD")
    assert output.splitlines()[0] == (
        "No release is tracked (run download_raw_data); counts are not recorded."
    )
    assert paths.csv_path("FILER_TYPES_CD").exists()
    assert not RawDataFile.objects.exists()


def test_it_depends_on_the_extract_step(data_dir, version):
    put_tsv("FILER_TYPES_CD")
    with pytest.raises(CommandError, match="depends on extract_raw_files"):
        call_command("cleancalaccessrawfile", "FILER_TYPES_CD", "--noinput", stdout=StringIO())
    assert paths.tsv_path("FILER_TYPES_CD").exists()


def test_programmatic_runs_return_the_result_under_one_canonical_name(data_dir, version):
    put_tsv("RCPT_CD")
    command = commands["clean_raw_file"]
    result = command("rcpt_cd.tsv", keep_file=True, ignore_dependencies=True, verbosity=0).run()
    again = command("RCPT_CD", keep_file=True, ignore_dependencies=True, verbosity=0).run()

    assert isinstance(result, CleanResult)
    assert (result.table, result.clean_rows, result.header_fields) == ("RCPT_CD", 1000, 63)
    assert result.reconciles and again == result
    logged = Command.objects.get(name="clean_raw_file")
    assert logged.parameter_values == {"file_name": "RCPT_CD"}
