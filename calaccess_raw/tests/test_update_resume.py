"""What a resumed ``updatecalaccessrawdata`` counts as done: only work on the release on offer.

Small exports of four tables of the sample (see ``test_update_faults``), so every update ends
partial for the 76 tables they lack; each test checks the resume it is about on top of that.
"""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from calaccess_raw import loading, paths
from calaccess_raw.models import GroupTypesCd, RawDataVersion
from calaccess_raw.tests.download_support import EXPORT_PATH, SMALL_TABLES, gets, update
from calaccess_toolkit.errors import EXIT_PARTIAL
from calaccess_toolkit.testing.httpserver import Fault
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db(transaction=True)


def loads() -> int:
    return CommandLog.objects.filter(command__name="load_raw_file", status="success").count()


@pytest.fixture
def group_types_fail(monkeypatch):
    """Loading GROUP_TYPES_CD fails until the returned function is called."""
    real_load = loading.load_table

    def failing_load(model, *args, **kwargs):
        if model._meta.db_table == "GROUP_TYPES_CD":
            raise loading.LoadError("GROUP_TYPES_CD: the database refused the load")
        return real_load(model, *args, **kwargs)

    monkeypatch.setattr(loading, "load_table", failing_load)
    return lambda: monkeypatch.setattr(loading, "load_table", real_load)


def test_a_resume_counts_nothing_done_on_an_older_release(small_server, group_types_fail):
    update()  # night 1: release R1, one table fails (partial)
    group_types_fail()
    resource = small_server.resources[EXPORT_PATH]
    resource.last_modified += timedelta(days=1)  # night 2: release R2, the download fails
    resource.etag = '"next-release"'
    small_server.fail_next(EXPORT_PATH, Fault(status=500, methods=("GET",)), times=10)
    output, error = update()
    assert "starting afresh" in output and error.returncode == 1
    small_server.faults[EXPORT_PATH].clear()
    before = len(gets(small_server))
    output, error = update()  # night 3 resumes night 2, which started R2 afresh
    assert "Resuming" in output
    assert error.returncode == EXIT_PARTIAL and "load_raw_file" not in str(error)
    assert len(gets(small_server)) == before + 1, "R1's download did not count for R2"
    newest = RawDataVersion.objects.order_by("-release_datetime").first()
    assert newest.files.count() == len(SMALL_TABLES)
    assert sorted(set(SMALL_TABLES) & set(newest.stale_table_names)) == []
    assert loads() == 3 + 4, "every table of R2 was loaded"


def test_an_edge_giving_the_release_date_seconds_off_still_resumes_it(
    small_server, group_types_fail
):
    update()
    group_types_fail()
    small_server.resources[EXPORT_PATH].last_modified += timedelta(seconds=30)
    output, error = update()
    assert "Resuming" in output and "another release" not in output
    assert len(gets(small_server)) == 1, "the download was not repeated"
    assert loads() == 4 and GroupTypesCd.objects.count() > 0
    assert RawDataVersion.objects.count() == 1


def test_a_resume_that_extracted_again_leaves_no_tsv_behind(
    small_server, group_types_fail, data_dir
):
    update()
    for folder in data_dir.iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    group_types_fail()
    output, error = update()  # extracts every table again, cleans only GROUP_TYPES_CD again
    assert "Resuming" in output and error.returncode == EXIT_PARTIAL
    assert [table for table in SMALL_TABLES if paths.tsv_path(table).exists()] == []
    assert [table for table in SMALL_TABLES if paths.csv_path(table).exists()] == []
