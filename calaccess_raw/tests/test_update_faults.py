"""``updatecalaccessrawdata`` on damaged and incomplete exports, as a hostile user sends them.

Small exports of four tables of the sample, built at run time and served by a real local
server, keep these fast. Such an export lacks 76 tables of the schema, so every update of one
ends partial (exit code 3) and says so; each test checks the fault it is about on top of that.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import UTC, datetime

import pytest

from calaccess_raw import loading, paths, schema
from calaccess_raw.models import FilerTypesCd, GroupTypesCd, RawDataVersion
from calaccess_raw.tests.download_support import (
    EXPORT_PATH,
    SMALL_TABLES,
    damaged,
    gets,
    small_export,
    update,
)
from calaccess_toolkit.errors import EXIT_PARTIAL
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db(transaction=True)

MISSING = sorted({table.name for table in schema.load().tables} - set(SMALL_TABLES))


def loads(status: str = "success") -> int:
    return CommandLog.objects.filter(command__name="load_raw_file", status=status).count()


def test_missing_tables_are_reported_recorded_and_end_partial(small_server):
    output, error = update()
    assert error is not None and error.returncode == EXIT_PARTIAL
    assert "has no file for 76 table(s) of the schema" in str(error)
    assert "RCPT_CD" in str(error) and "\n" not in str(error)
    version = RawDataVersion.objects.get()
    assert version.stale_table_names == MISSING
    assert version.update_finished and version.update_partial and not version.update_completed
    assert not RawDataVersion.objects.completed().exists()
    assert (
        FilerTypesCd.objects.count()
        == version.files.get(file_name="FILER_TYPES_CD").load_records_count
        > 0
    )


def test_an_unknown_extra_table_is_skipped_with_a_warning(small_server):
    small_server.add(
        EXPORT_PATH, small_export(extra={"CalAccess/DATA/NEW_THING_CD.TSV": b"A\tB\r\n1\t2\r\n"})
    )
    output, error = update()
    assert "Skipped CalAccess/DATA/NEW_THING_CD.TSV: the schema has no such table" in output
    assert error.returncode == EXIT_PARTIAL and "KeyError" not in str(error)
    version = RawDataVersion.objects.get()
    assert sorted(version.files.values_list("file_name", flat=True)) == list(SMALL_TABLES)
    assert loads() == 4
    assert not paths.tsv_path("NEW_THING_CD").exists()


def test_one_bad_table_does_not_stop_the_others_and_a_rerun_retries_only_it(
    small_server, monkeypatch
):
    real_load = loading.load_table

    def failing_load(model, *args, **kwargs):
        if model._meta.db_table == "GROUP_TYPES_CD":
            raise loading.LoadError("GROUP_TYPES_CD: the database refused the load")
        return real_load(model, *args, **kwargs)

    monkeypatch.setattr(loading, "load_table", failing_load)
    output, error = update()
    assert error.returncode == EXIT_PARTIAL
    assert "load_raw_file GroupTypesCd (LoadError: GROUP_TYPES_CD: the database refused" in str(
        error
    )
    assert "verify_raw_file GroupTypesCd (DependencyMissing" in str(error)
    assert loads() == 3 and GroupTypesCd.objects.count() == 0
    assert FilerTypesCd.objects.count() > 0  # the table after the bad one was loaded
    version = RawDataVersion.objects.get()
    assert "GROUP_TYPES_CD" in version.stale_table_names
    assert paths.csv_path("GROUP_TYPES_CD").exists(), "kept for the rerun"

    monkeypatch.setattr(loading, "load_table", real_load)
    output, error = update()
    assert "Resuming" in output
    assert error.returncode == EXIT_PARTIAL and "load_raw_file" not in str(error)
    assert len(gets(small_server)) == 1, "the download was not repeated"
    assert loads() == 4 and GroupTypesCd.objects.count() > 0
    version.refresh_from_db()
    assert version.stale_table_names == MISSING


def test_a_damaged_download_is_discarded_and_fetched_again(small_server):
    good = small_export()
    small_server.add(EXPORT_PATH, damaged(good, "CalAccess/DATA/GROUP_TYPES_CD.TSV"))
    output, error = update()
    assert error.returncode == 1
    assert "GROUP_TYPES_CD.TSV" in str(error) and "the download was deleted" in str(error)
    assert not paths.zip_path().exists()
    resource = small_server.resources[EXPORT_PATH]
    small_server.add(EXPORT_PATH, good, last_modified=resource.last_modified, etag=resource.etag)
    output, error = update()
    assert error.returncode == EXIT_PARTIAL and "has no file for 76" in str(error)
    assert len(gets(small_server)) == 2
    assert loads() == 4


def test_a_changed_export_under_the_same_date_is_downloaded_again(small_server):
    update()
    resource = small_server.resources[EXPORT_PATH]
    small_server.add(
        EXPORT_PATH,
        small_export(SMALL_TABLES[:3]),
        last_modified=resource.last_modified,
        etag='"replaced"',
    )
    output, error = update()
    assert "starting afresh" in output
    assert len(gets(small_server)) == 2
    assert loads() == 4 + 3


def test_a_rerun_after_the_data_folder_was_emptied_starts_those_stages_over(
    small_server, monkeypatch, data_dir
):
    real_load = loading.load_table

    def disk_full(model, *args, **kwargs):
        if model._meta.db_table == "GROUP_TYPES_CD":
            raise OSError(28, "No space left on device")
        return real_load(model, *args, **kwargs)

    monkeypatch.setattr(loading, "load_table", disk_full)
    update()
    for folder in data_dir.iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    monkeypatch.setattr(loading, "load_table", real_load)
    output, error = update()
    assert "Resuming" in output
    assert error.returncode == EXIT_PARTIAL and "download it first" not in str(error)
    assert "load_raw_file" not in str(error)
    assert len(gets(small_server)) == 2, "the deleted download was fetched again"
    assert GroupTypesCd.objects.count() > 0
    assert loads() == 4, "only the table that had failed was loaded again"


def test_force_restart_downloads_afresh(small_server):
    update("--keep-files")
    update("--force-restart", "--keep-files")
    assert len(gets(small_server)) == 2


def test_an_empty_zip_says_it_holds_no_tables(small_server):
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    small_server.add(EXPORT_PATH, empty.getvalue(), last_modified=datetime(2017, 7, 4, tzinfo=UTC))
    output, error = update()
    assert error.returncode == 1
    assert "holds no tables" in str(error) and "did not send a ZIP" not in str(error)
