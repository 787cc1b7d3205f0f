"""Downloading the real sample export from a real local HTTP server: whole, skipped, resumed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from calaccess_raw.downloading import LocalCopy, check_release, download_release, make_session
from calaccess_raw.tests.download_support import (
    FAST,
    export_bytes,
    export_url,
    gets,
    range_of,
    serve_export,
)
from calaccess_toolkit.testing.httpserver import Fault

RELEASE_DATE = datetime(2017, 7, 1, 12, 0, tzinfo=UTC)


def test_head_describes_the_release(http_server):
    serve_export(http_server)
    release = check_release(export_url(http_server), FAST)
    assert release.size == 1_906_677
    assert release.last_modified == RELEASE_DATE
    assert release.etag == '"calaccess-test"'
    assert release.describe() == "release of 2017-07-01 12:00:00 UTC (1.9 MB)"
    assert [r.method for r in http_server.requests] == ["HEAD"]


def test_certificates_are_verified_and_bytes_are_not_recompressed():
    session = make_session()
    assert session.verify is True
    assert session.headers["Accept-Encoding"] == "identity"


def test_full_download_matches_the_export(http_server, tmp_path):
    serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    received = []
    release = check_release(export_url(http_server), FAST)
    result = download_release(release, destination, policy=FAST, on_progress=received.append)

    assert destination.read_bytes() == export_bytes()
    assert result.size == destination.stat().st_size == 1_906_677
    assert sum(received) == 1_906_677
    assert (result.skipped, result.resumed_bytes, result.restarted) == (False, 0, False)
    assert result.started <= result.finished
    assert range_of(gets(http_server)[0]) is None
    # The ZIP carries the release date, and its record names the release; no .part is left over.
    assert destination.stat().st_mtime == RELEASE_DATE.timestamp()
    record = json.loads((tmp_path / "dbwebexport.zip.json").read_text())
    assert record == {
        "url": export_url(http_server),
        "size": 1_906_677,
        "last_modified": "2017-07-01T12:00:00+00:00",
        "etag": '"calaccess-test"',
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dbwebexport.zip", "dbwebexport.zip.json"]


def test_a_complete_copy_of_the_release_is_not_downloaded_again(http_server, tmp_path):
    serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    release = check_release(export_url(http_server), FAST)
    download_release(release, destination, policy=FAST)

    again = download_release(check_release(export_url(http_server), FAST), destination, policy=FAST)

    assert again.skipped is True
    assert again.size == 1_906_677
    assert len(gets(http_server)) == 1


def test_a_new_release_replaces_the_complete_copy(http_server, tmp_path):
    resource = serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    download_release(check_release(export_url(http_server), FAST), destination, policy=FAST)

    resource.last_modified = datetime(2017, 7, 2, 12, 0, tzinfo=UTC)
    resource.etag = '"next-night"'
    result = download_release(
        check_release(export_url(http_server), FAST), destination, policy=FAST
    )

    assert result.skipped is False
    assert len(gets(http_server)) == 2
    assert LocalCopy(destination).complete_release().etag == '"next-night"'


def test_a_dropped_connection_is_resumed_with_a_range_request(http_server, tmp_path):
    serve_export(http_server)
    http_server.fail_next("/dbwebexport.zip", Fault(drop_after=700_000))
    destination = tmp_path / "dbwebexport.zip"
    received = []

    release = check_release(export_url(http_server), FAST)
    result = download_release(release, destination, policy=FAST, on_progress=received.append)

    requests_seen = gets(http_server)
    assert [range_of(headers) for headers in requests_seen] == [None, "bytes=700000-"]
    assert destination.read_bytes() == export_bytes()
    assert sum(received) == 1_906_677
    assert result.resumed_bytes == 0  # resumed within this run, not from an earlier one


def test_a_later_run_resumes_the_partial_download_of_the_same_release(http_server, tmp_path):
    serve_export(http_server)
    http_server.fail_next("/dbwebexport.zip", Fault(drop_after=500_000))
    destination = tmp_path / "dbwebexport.zip"
    no_retries = FAST.__class__(retries=0, timeout=FAST.timeout, backoff=FAST.backoff)
    release = check_release(export_url(http_server), FAST)
    try:
        download_release(release, destination, policy=no_retries)
    except Exception as error:  # noqa: BLE001 - the first run is meant to fail
        assert "Downloading" in str(error)
    assert (tmp_path / "dbwebexport.zip.part").stat().st_size == 500_000
    assert not destination.exists()

    result = download_release(
        check_release(export_url(http_server), FAST), destination, policy=FAST
    )

    assert [range_of(headers) for headers in gets(http_server)] == [None, "bytes=500000-"]
    assert result.resumed_bytes == 500_000
    assert destination.read_bytes() == export_bytes()
    assert not (tmp_path / "dbwebexport.zip.part").exists()


def test_a_changed_release_restarts_from_scratch(http_server, tmp_path):
    resource = serve_export(http_server)
    http_server.fail_next("/dbwebexport.zip", Fault(drop_after=500_000))
    destination = tmp_path / "dbwebexport.zip"
    no_retries = FAST.__class__(retries=0, timeout=FAST.timeout, backoff=FAST.backoff)
    release = check_release(export_url(http_server), FAST)
    try:
        download_release(release, destination, policy=no_retries)
    except Exception:  # noqa: BLE001 - the first run is meant to fail
        pass
    assert (tmp_path / "dbwebexport.zip.part").stat().st_size == 500_000

    resource.last_modified = datetime(2017, 7, 2, 12, 0, tzinfo=UTC)
    resource.etag = '"next-night"'
    result = download_release(
        check_release(export_url(http_server), FAST), destination, policy=FAST
    )

    assert [range_of(headers) for headers in gets(http_server)] == [None, None]
    assert (result.restarted, result.resumed_bytes) == (True, 0)
    assert destination.read_bytes() == export_bytes()


def test_force_restart_discards_the_partial_download(http_server, tmp_path):
    serve_export(http_server)
    destination = tmp_path / "dbwebexport.zip"
    release = check_release(export_url(http_server), FAST)
    LocalCopy(destination).start_partial(release)
    (tmp_path / "dbwebexport.zip.part").write_bytes(export_bytes()[:1000])

    result = download_release(release, destination, policy=FAST, force_restart=True)

    assert [range_of(headers) for headers in gets(http_server)] == [None]
    assert result.resumed_bytes == 0
    assert destination.read_bytes() == export_bytes()


def test_a_small_last_modified_difference_between_head_and_get_is_accepted(http_server, tmp_path):
    resource = serve_export(http_server)
    release = check_release(export_url(http_server), FAST)
    resource.last_modified = datetime(2017, 7, 1, 12, 4, 59, tzinfo=UTC)

    result = download_release(release, tmp_path / "dbwebexport.zip", policy=FAST)

    assert result.size == 1_906_677
