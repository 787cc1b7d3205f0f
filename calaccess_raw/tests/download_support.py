"""Shared set-up for the download tests: the real sample export served by a real local server."""

from __future__ import annotations

import io
import zipfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

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


#: Four small tables of the sample: an export of them updates in a second.
SMALL_TABLES = (
    "FILER_STATUS_TYPES_CD",
    "FILER_TYPES_CD",
    "GROUP_TYPES_CD",
    "LEGISLATIVE_SESSIONS_CD",
)


def small_export(
    tables: tuple[str, ...] = SMALL_TABLES, extra: dict[str, bytes] | None = None
) -> bytes:
    """A ZIP of some tables of the sample export, laid out like the real one, plus ``extra``
    members (name → bytes), built at run time."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(fixture("calaccess-export", "dbwebexport.zip")) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for table in tables:
            member = f"CalAccess/DATA/{table}.TSV"
            archive.writestr(member, source.read(member))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def damaged(archive_bytes: bytes, member: str) -> bytes:
    """The ZIP with one byte of ``member``'s compressed data changed, as a bad transfer would:
    the size and the directory stay right, only extraction finds the damage."""
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        info = archive.getinfo(member)
    header = info.header_offset
    name_length = int.from_bytes(archive_bytes[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(archive_bytes[header + 28 : header + 30], "little")
    position = header + 30 + name_length + extra_length + info.compress_size // 2
    data = bytearray(archive_bytes)
    data[position] ^= 0xFF
    return bytes(data)


def update(*args: str) -> tuple[str, CommandError | None]:
    """Run ``updatecalaccessrawdata --noinput``; its output and the error it ended with."""
    out = StringIO()
    try:
        call_command("updatecalaccessrawdata", "--noinput", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None
