"""``updatecalaccessrawdata`` end to end: the real sample export, over HTTP, into the database.

Runs on whichever database ``DATABASE_URL`` names (CI runs it on SQLite, PostgreSQL and MariaDB).
"""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from calaccess_raw import loading, schema
from calaccess_raw.commands.update_raw_data import PER_TABLE_COMMANDS, UpdateRawData, table_of_step
from calaccess_raw.models import RawDataVersion
from calaccess_raw.tests.download_support import EXPORT_PATH, export_bytes, export_url, gets
from calaccess_toolkit import network
from calaccess_toolkit.testing.fixtures import fixture
from calaccess_toolkit.testing.httpserver import Fault
from django_commander.models import CommandLog

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def source_lines() -> dict[str, int]:
    """Physical lines of every TSV of the sample, counted from the ZIP itself."""
    counts = {}
    with zipfile.ZipFile(fixture("calaccess-export", "dbwebexport.zip")) as archive:
        for member in archive.namelist():
            if member.upper().endswith(".TSV"):
                data = archive.read(member)
                lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
                counts[member.rsplit("/", 1)[-1][:-4].upper()] = lines
    return counts


def source_sizes() -> dict[str, int]:
    """Bytes of every TSV of the sample, read from the ZIP itself."""
    with zipfile.ZipFile(fixture("calaccess-export", "dbwebexport.zip")) as archive:
        return {
            info.filename.rsplit("/", 1)[-1][:-4].upper(): info.file_size
            for info in archive.infolist()
            if info.filename.upper().endswith(".TSV")
        }


def tables_largest_first() -> list[str]:
    """The sample's tables as the update plans them: largest TSV first, ties by name."""
    sizes = source_sizes()
    return sorted(sizes, key=lambda table: (-sizes[table], table))


@pytest.fixture
def export_server(http_server, settings, data_dir, monkeypatch):
    http_server.add(EXPORT_PATH, export_bytes())
    settings.CALACCESS_DOWNLOAD_URL = export_url(http_server)
    settings.CALACCESS_HTTP_RETRIES = 1
    settings.CALACCESS_HTTP_TIMEOUT = 5.0
    monkeypatch.setattr(network, "BACKOFF_SECONDS", 0.01)
    return http_server


def update(*args: str) -> str:
    out = StringIO()
    call_command("updatecalaccessrawdata", "--noinput", *args, stdout=out)
    return out.getvalue()


def _count(model_name: str) -> int:
    from calaccess_raw import models

    return getattr(models, model_name).objects.count()


def test_update_loads_every_table_and_accounts_for_every_line(export_server):
    output = update()
    version = RawDataVersion.objects.get()
    assert version.update_completed
    lines = source_lines()
    files = {file.file_name: file for file in version.files.all()}
    assert set(files) == set(lines) and len(files) == 80
    for table, file in files.items():
        rows_in_database = _count(schema.load().table(table).model_name)
        assert rows_in_database == file.load_records_count == file.clean_records_count, table
        single_line_rows = file.clean_records_count - file.repaired_records_count
        accounted = (
            (1 if lines[table] else 0)  # the header
            + single_line_rows
            + file.repaired_lines_count
            + file.error_count
            + file.blank_line_count
        )
        assert accounted == lines[table], table
    assert version.load_record_count == sum(f.load_records_count for f in files.values())
    # The sample's rows split by a tab: two repaired (S496_CD), four ambiguous and logged.
    assert files["S496_CD"].repaired_tab_records_count == 2
    logged = {table: file.error_count for table, file in files.items() if file.error_count}
    assert logged == {"LEXP_CD": 2, "LPAY_CD": 1, "S401_CD": 1}
    assert version.error_count == 4
    assert "Loaded" in output
    largest_first = tables_largest_first()
    _assert_each_file_cleaned_while_the_previous_loaded(largest_first)
    _assert_the_largest_tables_come_first(version, largest_first)


def _assert_each_file_cleaned_while_the_previous_loaded(tables: list[str]) -> None:
    """``tables`` in the order the update plans them. On PostgreSQL and MariaDB a table is
    cleaned while the one planned before it loads; on SQLite, which the command log shares with
    the loads, the steps run one after the other."""
    logs = CommandLog.objects.filter(status=CommandLog.SUCCESS)
    cleans = {
        json.loads(log.command.parameters)["file_name"]: log
        for log in logs.filter(command__name="clean_raw_file")
    }
    loads = {
        json.loads(log.command.parameters)["model"]: log
        for log in logs.filter(command__name="load_raw_file")
    }
    overlapped = []
    for previous, table in zip(tables, tables[1:], strict=False):
        clean, previous_load = cleans[table], loads[schema.load().table(previous).model_name]
        overlapped.append(
            clean.start_time < previous_load.end_time and clean.end_time > previous_load.start_time
        )
    if connection.vendor == "sqlite":
        assert not any(overlapped)
    else:
        assert any(overlapped), "no file was cleaned while the previous one loaded"


def _assert_the_largest_tables_come_first(
    version: RawDataVersion, largest_first: list[str]
) -> None:
    """The update plans the tables' steps largest TSV first (ties by name), each table's clean,
    load and verify together; on SQLite they ran in that order, on a server the first tables
    to start cleaning, one per parallel slot, were the largest."""
    sizes = source_sizes()
    assert largest_first[:3] == ["CVR_LOBBY_DISCLOSURE_CD", "CVR_SO_CD", "CVR_REGISTRATION_CD"]
    assert sizes["CVR_LOBBY_DISCLOSURE_CD"] == 382161 and sizes["CVR_F470_CD"] == 0

    update = UpdateRawData(noinput=True)
    update.version = version  # as recorded by the run: the sizes its extraction noted
    planned = [step for step in update.steps() if step.command in PER_TABLE_COMMANDS]
    assert [(table_of_step(step), step.command) for step in planned] == [
        (table, command) for table in largest_first for command in PER_TABLE_COMMANDS
    ]

    cleans = CommandLog.objects.filter(command__name="clean_raw_file").order_by("start_time")
    started = [json.loads(log.command.parameters)["file_name"] for log in cleans]
    if connection.vendor == "sqlite":
        assert started == largest_first
    else:
        slots = UpdateRawData().parallel_steps()
        assert set(started[:slots]) == set(largest_first[:slots])


def test_real_values_arrive_typed(export_server):
    update()
    from calaccess_raw.models import FilerFilingsCd

    assert FilerFilingsCd.objects.exists()


def test_second_run_with_noinput_exits_quietly(export_server):
    update()
    logs_before = CommandLog.objects.filter(command__name="load_raw_file").count()
    output = update()
    assert "already loaded; nothing to do" in output
    assert CommandLog.objects.filter(command__name="load_raw_file").count() == logs_before
    assert len(gets(export_server)) == 1


def test_interrupted_update_resumes_at_the_file_where_it_stopped(export_server, monkeypatch):
    real_load = loading.load_table
    calls = {"n": 0}

    def flaky_load(model, *args, **kwargs):
        calls["n"] += 1
        if model._meta.db_table == "RCPT_CD":
            raise RuntimeError("power cut while loading RCPT_CD")
        return real_load(model, *args, **kwargs)

    monkeypatch.setattr(loading, "load_table", flaky_load)
    with pytest.raises(CommandError, match="power cut"):
        update()
    loads_before = CommandLog.objects.filter(
        command__name="load_raw_file", status="success"
    ).count()
    assert 0 < loads_before < 80
    monkeypatch.setattr(loading, "load_table", real_load)
    output = update()
    assert "Resuming" in output
    assert len(gets(export_server)) == 1, "the download was not repeated"
    loads_after = CommandLog.objects.filter(command__name="load_raw_file", status="success").count()
    assert loads_after == 80, "only the tables not yet loaded were loaded again"
    assert RawDataVersion.objects.get().update_completed


def test_a_new_release_after_an_interruption_starts_afresh(export_server, monkeypatch):
    real_load = loading.load_table

    def failing_load(model, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loading, "load_table", failing_load)
    with pytest.raises(CommandError):
        update()
    monkeypatch.setattr(loading, "load_table", real_load)
    export_server.resources[EXPORT_PATH].last_modified = datetime(2017, 7, 2, 12, tzinfo=UTC)
    export_server.resources[EXPORT_PATH].etag = '"next-release"'
    output = update()
    assert "starting afresh" in output
    assert len(gets(export_server)) == 2
    newest = RawDataVersion.objects.order_by("-release_datetime").first()
    assert newest.release_datetime == datetime(2017, 7, 2, 12, tzinfo=UTC)
    assert newest.update_completed


@pytest.mark.parametrize(
    "fault, message",
    [
        (Fault(status=404, methods=("HEAD", "GET")), "HTTP 404"),
        (Fault(status=500, methods=("HEAD", "GET")), "HTTP 500"),
        (Fault(drop_after=0, methods=("GET",)), "connection|interrupted|broken|ended|closed"),
    ],
)
def test_bad_downloads_fail_clearly_and_keep_the_previous_data(export_server, fault, message):
    update()
    before = _count("RcptCd")
    resource = export_server.resources[EXPORT_PATH]
    resource.last_modified = resource.last_modified + timedelta(days=1)
    resource.etag = '"tomorrow"'
    export_server.fail_next(EXPORT_PATH, fault, times=10)
    with pytest.raises(CommandError, match=message) as raised:
        update()
    assert "\n" not in str(raised.value)
    assert _count("RcptCd") == before > 0
    assert RawDataVersion.objects.completed().count() == 1


def test_html_instead_of_a_zip_fails_clearly_and_keeps_the_previous_data(export_server):
    update()
    before = _count("RcptCd")
    page = b"<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>"
    export_server.add(
        EXPORT_PATH, page, content_type="text/html", last_modified=datetime(2017, 7, 4, tzinfo=UTC)
    )
    with pytest.raises(CommandError, match="did not send a ZIP archive"):
        update()
    assert _count("RcptCd") == before > 0


def test_truncated_zip_fails_clearly_and_keeps_the_previous_data(export_server):
    update()
    before = _count("RcptCd")
    truncated = export_bytes()[:500_000]
    export_server.add(
        EXPORT_PATH, truncated, last_modified=datetime(2017, 7, 3, tzinfo=UTC), etag='"cut"'
    )
    with pytest.raises(CommandError, match="not a complete ZIP archive"):
        update()
    assert _count("RcptCd") == before > 0


def test_report_and_totals_after_an_update(export_server, tmp_path):
    update()
    report = tmp_path / "report.csv"
    call_command("reportcalaccessrawdata", "--output", str(report), stdout=StringIO())
    rows = {row["file_name"]: row for row in csv.DictReader(report.open(encoding="utf-8"))}
    assert len(rows) == 80
    assert rows["S496_CD"]["repaired_tab_records"] == "2"
    assert rows["LEXP_CD"]["clean_errors"] == "2"
    assert rows["RCPT_CD"]["load_share"] == "100.00"
    out = StringIO()
    call_command("totalcalaccessrawdata", stdout=out)
    assert "80" in out.getvalue()


def test_archive_keeps_the_release_files_in_storage(export_server, settings, tmp_path):
    settings.CALACCESS_STORE_ARCHIVE = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    update()
    version = RawDataVersion.objects.get()
    assert version.download_zip_archive.name.startswith("calaccess/2017-07-01_12-00-00/")
    assert version.clean_zip_archive.name.endswith(".zip") and version.clean_zip_size > 0
    with zipfile.ZipFile(version.clean_zip_archive.path) as clean:
        assert len([n for n in clean.namelist() if n.endswith(".csv")]) == 80
    with zipfile.ZipFile(version.error_log_zip_archive.path) as logs:
        assert "clean/LEXP_CD.errors.csv" in logs.namelist()
    lexp = version.files.get(file_name="LEXP_CD")
    assert lexp.error_log_archive.name.endswith("LEXP_CD.errors.csv")


def test_a_release_date_seconds_off_is_still_the_release_already_loaded(export_server):
    update()
    export_server.resources[EXPORT_PATH].last_modified += timedelta(seconds=30)  # another edge
    assert "already loaded; nothing to do" in update()
    assert len(gets(export_server)) == 1 and RawDataVersion.objects.count() == 1
