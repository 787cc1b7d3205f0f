"""``loadcalaccessrawfile``: the thin shell over load_table, recording counts on the release."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from calaccess_raw import paths
from calaccess_raw.loading import LoadResult
from calaccess_raw.models import RawDataFile, RawDataVersion, RcptCd
from django_commander.registry import commands

from .load_support import reference_csv, reference_rows, write_csv

pytestmark = pytest.mark.django_db(transaction=True)


def load(*args: str) -> str:
    out = StringIO()
    call_command("loadcalaccessrawfile", "--ignore-dependencies", *args, stdout=out)
    return out.getvalue()


def test_loads_the_cleaned_file_and_deletes_it(data_dir):
    reference_csv("RCPT_CD")
    output = load("RcptCd")
    assert "Loaded 1,000 rows of 63 columns into RCPT_CD" in output
    assert RcptCd.objects.count() == 1000
    assert not paths.csv_path("RCPT_CD").exists()


def test_keep_file_keeps_it_and_table_names_work_too(data_dir):
    reference_csv("RCPT_CD")
    load("RCPT_CD", "--keep-file")
    assert paths.csv_path("RCPT_CD").exists()


def test_a_given_csv_is_loaded_and_kept(data_dir):
    path = reference_csv("RCPT_CD", data_dir / "mine.csv")
    load("RcptCd", "--csv", str(path))
    assert RcptCd.objects.count() == 1000 and path.exists()


def test_counts_and_times_go_to_the_latest_release(data_dir):
    RawDataVersion.objects.create(release_datetime=timezone.now() - timedelta(days=1))
    latest = RawDataVersion.objects.create(release_datetime=timezone.now())
    rows = reference_rows("RCPT_CD")
    rows[0]["AMOUNT"] = "n/a"
    write_csv(paths.csv_path("RCPT_CD"), list(rows[0]), [list(row.values()) for row in rows])
    output = load("RcptCd")
    raw_file = RawDataFile.objects.get(version=latest, file_name="RCPT_CD")
    assert (raw_file.load_records_count, raw_file.load_columns_count) == (1000, 63)
    assert raw_file.load_error_count == 1
    assert raw_file.load_start_datetime <= raw_file.load_finish_datetime
    assert "1 values or rows logged to" in output


def test_programmatic_run_returns_the_result(data_dir):
    reference_csv("ACRONYMS_CD")
    result = commands["load_raw_file"]("AcronymsCd", keep_file=True, ignore_dependencies=True).run()
    assert isinstance(result, LoadResult) and result.table == "ACRONYMS_CD"


def test_it_depends_on_the_cleaning_of_its_file(data_dir):
    command = commands["load_raw_file"]("rcpt_cd")
    assert command.parameters == {"model": "RcptCd"}
    assert command.dependency_parameters() == [("clean_raw_file", {"file_name": "RCPT_CD"})]


def test_errors_are_one_line(data_dir):
    with pytest.raises(CommandError, match="no cleaned file to load into RCPT_CD"):
        load("RcptCd")
    with pytest.raises(CommandError, match="no CAL-ACCESS raw-data model or table named 'Nope'"):
        load("Nope")
