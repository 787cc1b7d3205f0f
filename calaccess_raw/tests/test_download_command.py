"""``downloadcalaccessrawdata`` end to end: prompt, progress, tracking rows and one-line errors."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from calaccess_raw import paths
from calaccess_raw.models import RawDataVersion
from calaccess_raw.tests.download_support import (
    EXPORT_PATH,
    export_bytes,
    export_url,
    gets,
    range_of,
    serve_export,
)
from calaccess_toolkit import network
from calaccess_toolkit.testing.httpserver import Fault
from calaccess_toolkit.testing.subprocess import run_manage

pytestmark = pytest.mark.django_db

RELEASE_DATE = datetime(2017, 7, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def export_server(http_server, settings, data_dir, monkeypatch):
    """The sample export served at CALACCESS_DOWNLOAD_URL, with quick retries."""
    serve_export(http_server)
    settings.CALACCESS_DOWNLOAD_URL = export_url(http_server)
    settings.CALACCESS_HTTP_RETRIES = 2
    settings.CALACCESS_HTTP_TIMEOUT = 2.0
    monkeypatch.setattr(network, "BACKOFF_SECONDS", 0.01)
    return http_server


def download(*args: str, answer: str | None = None) -> str:
    out = StringIO()
    if answer is None:
        call_command("downloadcalaccessrawdata", "--noinput", *args, stdout=out)
    else:
        call_command("downloadcalaccessrawdata", *args, stdin=StringIO(answer), stdout=out)
    return out.getvalue()


def test_download_shows_the_release_downloads_and_records_it(export_server):
    output = download()

    assert paths.zip_path().read_bytes() == export_bytes()
    assert output.splitlines() == [
        "The server offers the release of 2017-07-01 12:00:00 UTC (1.9 MB).",
        f"Downloaded 1.9 MB to {paths.zip_path()}.",
    ]
    version = RawDataVersion.objects.get()
    assert version.release_datetime == RELEASE_DATE
    assert version.last_modified == RELEASE_DATE
    assert version.expected_size == version.download_zip_size == 1_906_677
    assert version.etag == '"calaccess-test"'
    assert version.download_start_datetime <= version.download_finish_datetime


def test_the_user_is_asked_before_downloading(export_server):
    with pytest.raises(CommandError, match="^download cancelled; nothing was changed$"):
        download(answer="n\n")
    assert gets(export_server) == []
    assert not paths.zip_path().exists()

    output = download(answer="y\n")
    assert "Download it now? [y/n] " in output
    assert paths.zip_path().read_bytes() == export_bytes()


def test_a_complete_copy_is_not_downloaded_again_nor_asked_about(export_server):
    download()
    output = download(answer="")  # no answer needed: nothing is asked

    assert output.splitlines()[-1] == f"Already downloaded: {paths.zip_path()} holds this release."
    assert len(gets(export_server)) == 1
    assert RawDataVersion.objects.count() == 1


def test_a_failed_download_reads_as_started_and_a_rerun_resumes_it(export_server, settings):
    settings.CALACCESS_HTTP_RETRIES = 0
    export_server.fail_next(EXPORT_PATH, Fault(drop_after=500_000))
    with pytest.raises(CommandError) as error:
        download()
    assert str(error.value) == (
        f"Downloading {export_url(export_server)} failed after 1 attempt: Connection broken: "
        "IncompleteRead(500000 bytes read, 1406677 more expected)"
    )
    version = RawDataVersion.objects.get()
    assert version.download_start_datetime is not None
    assert version.download_finish_datetime is None

    output = download(answer="y\n")

    assert "Resume the download (500.0 KB already here)? [y/n] " in output
    assert output.endswith(f"Downloaded 1.9 MB to {paths.zip_path()}, resumed after 500.0 KB.\n")
    assert [range_of(headers) for headers in gets(export_server)] == [None, "bytes=500000-"]
    assert paths.zip_path().read_bytes() == export_bytes()
    version.refresh_from_db()
    assert version.download_finish_datetime is not None


def test_a_date_a_few_seconds_off_is_the_same_release(export_server):
    download()
    export_server.resources[EXPORT_PATH].last_modified = datetime(2017, 7, 1, 12, 0, 30, tzinfo=UTC)

    output = download()

    assert output.splitlines()[-1] == f"Already downloaded: {paths.zip_path()} holds this release."
    assert RawDataVersion.objects.get().release_datetime == RELEASE_DATE


def test_force_restart_ignores_the_partial_download(export_server, settings):
    settings.CALACCESS_HTTP_RETRIES = 0
    export_server.fail_next(EXPORT_PATH, Fault(drop_after=500_000))
    with pytest.raises(CommandError):
        download()

    download("--force-restart")

    assert [range_of(headers) for headers in gets(export_server)] == [None, None]
    assert paths.zip_path().read_bytes() == export_bytes()


def test_errors_are_one_line_and_keep_the_previous_copy(export_server, settings):
    download()
    settings.CALACCESS_DOWNLOAD_URL = export_server.url + "/gone.zip"
    with pytest.raises(CommandError) as error:
        download()
    assert str(error.value) == f"HTTP 404 Not Found from {export_server.url}/gone.zip"
    assert paths.zip_path().read_bytes() == export_bytes()


def test_the_zip_is_archived_when_asked(export_server, settings, tmp_path):
    settings.CALACCESS_STORE_ARCHIVE = True
    settings.MEDIA_ROOT = str(tmp_path / "media")

    output = download()

    version = RawDataVersion.objects.get()
    assert version.download_zip_archive.name == "calaccess/2017-07-01_12-00-00/dbwebexport.zip"
    assert output.splitlines()[-1] == f"Archived the ZIP as {version.download_zip_archive.name}."
    with version.download_zip_archive.open("rb") as archived:
        assert archived.read() == export_bytes()
    download()  # the same release again: not archived twice
    again = RawDataVersion.objects.get().download_zip_archive.name
    assert again == version.download_zip_archive.name


def test_programmatic_callers_get_the_result(export_server):
    from django_commander.registry import commands

    result = commands["download_raw_data"](noinput=True, verbosity=0).run()

    assert result == {
        "release_datetime": "2017-07-01T12:00:00+00:00",
        "size": 1_906_677,
        "etag": '"calaccess-test"',
        "skipped": False,
        "resumed_bytes": 0,
        "restarted": False,
        "path": str(paths.zip_path()),
    }


@pytest.mark.django_db(transaction=True)
def test_the_shell_command_exits_non_zero_with_one_line(http_server, data_dir):
    url = http_server.url + "/gone.zip"
    done = run_manage("downloadcalaccessrawdata", "--noinput", env={"CALACCESS_DOWNLOAD_URL": url})
    assert done.returncode == 1
    assert done.stderr.strip() == f"CommandError: HTTP 404 Not Found from {url}"


def test_force_restart_downloads_afresh_over_a_complete_copy(export_server):
    download()
    damaged = bytearray(export_bytes())
    damaged[len(damaged) // 2] ^= 0xFF  # one byte changed in transit: same size, same record
    paths.zip_path().write_bytes(bytes(damaged))
    output = download("--force-restart")
    assert f"Downloaded 1.9 MB to {paths.zip_path()}." in output
    assert paths.zip_path().read_bytes() == export_bytes()
    assert [range_of(headers) for headers in gets(export_server)] == [None, None]
