"""Shared set-up for the download tests: the real sample export served by a real local server."""

from __future__ import annotations

from pathlib import Path

from calaccess_raw.downloading import RetryPolicy
from calaccess_toolkit.testing.fixtures import fixture
from calaccess_toolkit.testing.httpserver import LocalHTTPServer, Resource

EXPORT_PATH = "/dbwebexport.zip"

# Retry fast: real retries and timeouts, without real waiting.
FAST = RetryPolicy(retries=2, timeout=2.0, backoff=0.01)


def export_bytes() -> bytes:
    return fixture("calaccess-export", "dbwebexport.zip").read_bytes()


def serve_export(server: LocalHTTPServer, body: bytes | None = None) -> Resource:
    return server.add(EXPORT_PATH, export_bytes() if body is None else body)


def export_url(server: LocalHTTPServer) -> str:
    return server.url + EXPORT_PATH


def gets(server: LocalHTTPServer) -> list[dict[str, str]]:
    """Headers of every GET the server saw for the export, in order."""
    return [request.headers for request in server.requests_for(EXPORT_PATH, "GET")]


def range_of(headers: dict[str, str]) -> str | None:
    return {key.lower(): value for key, value in headers.items()}.get("range")


def write_previous_copy(destination: Path, server: LocalHTTPServer) -> bytes:
    """Download the export once so a good previous copy exists; return its bytes."""
    from calaccess_raw.downloading import check_release, download_release

    download_release(check_release(export_url(server), FAST), destination, policy=FAST)
    return destination.read_bytes()
