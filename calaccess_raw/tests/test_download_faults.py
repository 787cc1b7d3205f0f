"""Every way the download can go wrong gives one clear typed error and keeps the previous ZIP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from calaccess_raw.downloading import (
    DownloadError,
    DownloadTimeout,
    LocalCopy,
    NotAZip,
    ReleaseChanged,
    RetryPolicy,
    SizeMismatch,
    check_release,
    download_release,
)
from calaccess_raw.tests.download_support import (
    EXPORT_PATH,
    FAST,
    export_bytes,
    export_url,
    gets,
    serve_export,
    write_previous_copy,
)
from calaccess_toolkit.errors import ToolkitError
from calaccess_toolkit.testing.httpserver import Fault, LocalHTTPServer

HTML_PAGE = b"<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>\n"


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert isinstance(error.value, ToolkitError)
    return message


def test_404_is_a_clear_error(http_server, tmp_path):
    with pytest.raises(DownloadError) as error:
        check_release(http_server.url + "/missing.zip", FAST)
    assert one_line(error) == f"HTTP 404 Not Found from {http_server.url}/missing.zip"
    assert len(http_server.requests) == 1  # a 404 is not retried


def test_404_on_get_is_a_clear_error_and_keeps_the_previous_copy(http_server, tmp_path):
    resource = serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    previous = write_previous_copy(destination, http_server)
    resource.etag = '"next-night"'
    release = check_release(export_url(http_server), FAST)
    http_server.fail_next(EXPORT_PATH, Fault(status=404))

    with pytest.raises(DownloadError, match=r"^HTTP 404 Not Found from http://127\.0\.0\.1"):
        download_release(release, destination, policy=FAST)
    assert destination.read_bytes() == previous


def test_500_is_retried_until_it_succeeds(http_server, tmp_path):
    serve_export(http_server)
    http_server.fail_next(EXPORT_PATH, Fault(status=500), times=2)
    destination = tmp_path / "dbwebexport.zip"

    download_release(check_release(export_url(http_server), FAST), destination, policy=FAST)

    assert len(gets(http_server)) == 3
    assert destination.read_bytes() == export_bytes()


def test_500_after_every_retry_fails_clearly(http_server, tmp_path):
    serve_export(http_server)
    http_server.fail_next(EXPORT_PATH, Fault(status=500), times=3)
    destination = tmp_path / "dbwebexport.zip"

    with pytest.raises(DownloadError) as error:
        download_release(check_release(export_url(http_server), FAST), destination, policy=FAST)

    assert one_line(error) == (
        f"Downloading {export_url(http_server)} failed after 3 attempts: "
        f"HTTP 500 Internal Server Error from {export_url(http_server)}"
    )
    assert len(gets(http_server)) == 3
    assert not destination.exists()


def test_an_unreachable_server_fails_clearly_after_retries(tmp_path):
    with LocalHTTPServer() as server:
        url = server.url + EXPORT_PATH  # a port that is closed once the server has stopped
    with pytest.raises(DownloadError) as error:
        check_release(url, FAST)
    assert one_line(error) == (
        f"Checking {url} failed after 3 attempts: "
        "Failed to establish a new connection: [Errno 111] Connection refused"
    )


def test_an_unknown_host_names_the_host_in_one_line():
    url = "http://calaccess-export.invalid/dbwebexport.zip"  # .invalid never resolves (RFC 2606)
    with pytest.raises(DownloadError) as error:
        check_release(url, FAST)
    message = one_line(error)
    assert message.startswith(
        f"Checking {url} failed after 3 attempts: Failed to resolve 'calaccess-export.invalid' ("
    )
    assert message.endswith(")") and "Connection(" not in message


def test_500_on_head_is_retried(http_server):
    serve_export(http_server)
    http_server.fail_next(EXPORT_PATH, Fault(status=503, methods=("HEAD",)), times=2)
    assert check_release(export_url(http_server), FAST).size == 1_906_677
    assert len(http_server.requests_for(EXPORT_PATH, "HEAD")) == 3


def test_a_stalled_server_times_out(http_server, tmp_path):
    serve_export(http_server)
    http_server.fail_next(EXPORT_PATH, Fault(stall=3.0), times=2)
    policy = RetryPolicy(retries=1, timeout=0.5, backoff=0.01)
    release = check_release(export_url(http_server), policy)

    with pytest.raises(DownloadTimeout) as error:
        download_release(release, tmp_path / "dbwebexport.zip", policy=policy)

    assert one_line(error) == (
        f"Downloading {export_url(http_server)} failed: the server did not answer within "
        "0.5 seconds (2 attempts); CALACCESS_HTTP_TIMEOUT sets the limit"
    )


def test_get_last_modified_more_than_five_minutes_from_head_is_refused(http_server, tmp_path):
    resource = serve_export(http_server)
    resource.last_modified = datetime(2017, 6, 30, 12, 0, tzinfo=UTC)
    destination = tmp_path / "dbwebexport.zip"
    previous = write_previous_copy(destination, http_server)
    resource.etag = None  # only the date tells the releases apart here
    resource.last_modified = datetime(2017, 7, 1, 12, 0, tzinfo=UTC)
    release = check_release(export_url(http_server), FAST)
    resource.last_modified = datetime(2017, 7, 1, 12, 5, 1, tzinfo=UTC)

    with pytest.raises(ReleaseChanged) as error:
        download_release(release, destination, policy=FAST)

    assert one_line(error) == (
        f"the export at {export_url(http_server)} changed during the download "
        "(Last-Modified 2017-07-01 12:00:00 UTC became 2017-07-01 12:05:01 UTC); "
        "run the download again to fetch the new release"
    )
    assert destination.read_bytes() == previous


def test_get_with_another_etag_is_refused(http_server, tmp_path):
    resource = serve_export(http_server)
    release = check_release(export_url(http_server), FAST)
    resource.etag = '"next-night"'

    with pytest.raises(ReleaseChanged, match='ETag "calaccess-test" became "next-night"'):
        download_release(release, tmp_path / "dbwebexport.zip", policy=FAST)


def test_a_resume_that_finds_another_release_is_refused(http_server, tmp_path):
    resource = serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    release = check_release(export_url(http_server), FAST)

    def publish_next_release() -> None:
        resource.etag = '"next-night"'

    http_server.fail_next(EXPORT_PATH, Fault(drop_after=300_000, then=publish_next_release))

    with pytest.raises(ReleaseChanged, match='ETag "calaccess-test" became "next-night"'):
        download_release(release, destination, policy=FAST)
    assert [headers.get("Range") for headers in gets(http_server)] == [None, "bytes=300000-"]
    assert not destination.exists()
    # The partial download stays for the old release; the next run's HEAD decides (restart).
    assert (tmp_path / "dbwebexport.zip.part").stat().st_size == 300_000


def test_html_instead_of_zip_is_refused_and_the_previous_copy_kept(http_server, tmp_path):
    serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    previous = write_previous_copy(destination, http_server)
    # The CDN answers both HEAD and GET with an HTML page: a "new release" that is not a ZIP.
    http_server.fail_next(EXPORT_PATH, Fault(body=HTML_PAGE, methods=("HEAD", "GET")), times=2)
    release = check_release(export_url(http_server), FAST)
    assert release.size == len(HTML_PAGE)

    with pytest.raises(NotAZip) as error:
        download_release(release, destination, policy=FAST)

    assert one_line(error) == (
        f"{export_url(http_server)} did not send a ZIP archive (it starts with b'<!DOCTYPE html><')"
    )
    assert destination.read_bytes() == previous
    assert LocalCopy(destination).complete_release().size == len(previous)
    assert not (tmp_path / "dbwebexport.zip.part").exists()


def test_html_body_for_a_zip_head_is_a_size_mismatch(http_server, tmp_path):
    serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    release = check_release(export_url(http_server), FAST)
    http_server.fail_next(EXPORT_PATH, Fault(body=HTML_PAGE))

    with pytest.raises(SizeMismatch) as error:
        download_release(release, destination, policy=FAST)

    assert one_line(error) == (
        f"{export_url(http_server)} sent {len(HTML_PAGE)} bytes where 1,906,677 were expected "
        "(the release is 1.9 MB)"
    )
    assert not destination.exists()


def test_a_truncated_zip_is_refused_and_the_previous_copy_kept(http_server, tmp_path):
    resource = serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    previous = write_previous_copy(destination, http_server)
    resource.body = export_bytes()[:1_000_000]  # served whole, with honest headers: the file is cut
    resource.etag = '"truncated"'
    release = check_release(export_url(http_server), FAST)

    with pytest.raises(NotAZip) as error:
        download_release(release, destination, policy=FAST)

    assert one_line(error).startswith("the downloaded file is not a complete ZIP archive (")
    assert destination.read_bytes() == previous
    assert LocalCopy(destination).complete_release().etag == '"calaccess-test"'
    assert not (tmp_path / "dbwebexport.zip.part").exists()


def test_a_head_without_a_date_is_refused(http_server):
    serve_export(http_server)
    http_server.fail_next(EXPORT_PATH, Fault(status=200, methods=("HEAD",)))  # a bare answer
    with pytest.raises(DownloadError) as error:
        check_release(export_url(http_server), FAST)
    assert one_line(error) == (
        f"{export_url(http_server)} did not report the date of the export (Last-Modified)"
    )
