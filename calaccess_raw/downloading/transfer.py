"""Download one release into the ``.part`` file, resuming it, then validate and promote it.

Each GET asks for the bytes still missing (``Range: bytes=N-``) and is refused when its
Last-Modified or ETag says the server now offers another release. Network errors and 5xx answers
are retried (see :mod:`~calaccess_raw.downloading.retry`); every retry resumes where the last one
stopped. The result is checked against the announced size and must be a readable ZIP before it
replaces the previous copy.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import requests

from calaccess_raw.downloading.errors import NotAZip, SizeMismatch
from calaccess_raw.downloading.http import check_answer_status
from calaccess_raw.downloading.local_copy import LocalCopy
from calaccess_raw.downloading.release import Release
from calaccess_raw.downloading.retry import Interrupted, RetryPolicy, with_retries
from calaccess_toolkit.http import make_session
from calaccess_toolkit.reporting import ProgressCallback, no_progress
from calaccess_toolkit.sizes import format_size

CHUNK_SIZE = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
#: How an archive without any member starts (its end-of-directory record): a ZIP, but empty.
EMPTY_ZIP_MAGIC = b"PK\x05\x06"


@dataclass(frozen=True)
class DownloadResult:
    """What a download did, for the tracking models and the user."""

    release: Release
    path: Path
    size: int
    skipped: bool  # the complete ZIP of this release was already there
    resumed_bytes: int  # bytes a previous run had already received
    restarted: bool  # a partial download of another release was thrown away
    started: datetime
    finished: datetime


def download_release(
    release: Release,
    destination: Path,
    *,
    policy: RetryPolicy | None = None,
    force_restart: bool = False,
    on_progress: ProgressCallback | None = None,
) -> DownloadResult:
    """Make ``destination`` hold ``release``, downloading only what is missing.

    With ``force_restart`` everything is downloaded again, even over a complete copy.
    """
    started = _now()
    policy = policy or RetryPolicy.from_settings()
    session = make_session()
    local = LocalCopy(destination)
    if local.is_complete(release) and not force_restart:
        return DownloadResult(
            release=release,
            path=local.path,
            size=release.size,
            skipped=True,
            resumed_bytes=0,
            restarted=False,
            started=started,
            finished=_now(),
        )
    if force_restart:
        local.discard_partial()
    resumed, restarted = local.start_partial(release)

    def attempt() -> None:
        _fetch_missing_bytes(session, release, local, policy, on_progress or no_progress)

    with_retries(attempt, policy, f"Downloading {release.url}", progress=local.partial_size)
    _validate(local)
    local.promote(release)
    return DownloadResult(
        release=release,
        path=local.path,
        size=local.path.stat().st_size,
        skipped=False,
        resumed_bytes=resumed,
        restarted=restarted,
        started=started,
        finished=_now(),
    )


def _fetch_missing_bytes(
    session: requests.Session,
    release: Release,
    local: LocalCopy,
    policy: RetryPolicy,
    on_progress: ProgressCallback,
) -> None:
    offset = local.partial_size()
    if offset == release.size:
        return
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    with session.get(release.url, headers=headers, stream=True, timeout=policy.timeout) as answer:
        check_answer_status(answer)
        release.check_answer(answer.headers)
        if offset and answer.status_code != 206:
            local.restart_partial()  # the server ignored the Range request: take the whole body
            offset = 0
        _check_length(release, answer, offset)
        chunks = _body(answer)
        try:
            with open(local.part, "ab") as part:
                for chunk in _checked_start(chunks, release) if offset == 0 else chunks:
                    part.write(chunk)
                    on_progress(len(chunk))
        except NotAZip:
            local.discard_partial()
            raise
    received = local.partial_size()
    if received < release.size:
        raise Interrupted(f"the server closed the connection after {received:,} bytes")
    if received > release.size:
        local.discard_partial()
        raise SizeMismatch(
            f"received {received:,} bytes from {release.url}, more than the announced "
            f"{release.size:,}; the partial download was discarded"
        )


def _body(answer: requests.Response) -> Iterator[bytes]:
    """The body as it arrives.

    ``read1`` hands over every byte received before a connection drops, so a resume starts
    exactly where the data stopped; ``iter_content`` would lose the chunk in flight.
    """
    while chunk := answer.raw.read1(CHUNK_SIZE):
        yield chunk


def _check_length(release: Release, answer: requests.Response, offset: int) -> None:
    """Refuse an answer that would not bring the file to exactly the announced size."""
    expected = release.size - offset
    length = answer.headers.get("Content-Length")
    if answer.status_code == 206:
        first, total = _content_range(answer.headers.get("Content-Range", ""))
        if first != offset or total != release.size:
            raise SizeMismatch(
                f"{release.url} answered a resume from byte {offset:,} with "
                f"'Content-Range: {answer.headers.get('Content-Range')}' "
                f"for a release of {release.size:,} bytes"
            )
    if length is not None and length.isdigit() and int(length) != expected:
        raise SizeMismatch(
            f"{release.url} sent {int(length):,} bytes where {expected:,} were expected "
            f"(the release is {format_size(release.size)})"
        )


def _content_range(value: str) -> tuple[int | None, int | None]:
    """``bytes 100-199/200`` as (100, 200); (None, None) when unreadable."""
    unit, _, rest = value.partition(" ")
    span, _, total = rest.partition("/")
    first = span.partition("-")[0]
    if unit != "bytes" or not first.isdigit() or not total.isdigit():
        return None, None
    return int(first), int(total)


def _checked_start(chunks: Iterator[bytes], release: Release) -> Iterator[bytes]:
    """Pass the body through, refusing it at once when it does not start like a ZIP."""
    head = b""
    for chunk in chunks:
        if len(head) < len(ZIP_MAGIC):
            head += chunk[:16]
            if len(head) >= len(ZIP_MAGIC) and not head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
                raise NotAZip(
                    f"{release.url} did not send a ZIP archive (it starts with {head[:16]!r})"
                )
        yield chunk


def _validate(local: LocalCopy) -> None:
    """The finished ``.part`` must be a ZIP whose directory can be read; else it is discarded."""
    try:
        with zipfile.ZipFile(local.part) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        local.discard_partial()
        raise NotAZip(
            f"the downloaded file is not a complete ZIP archive ({error}); it was discarded "
            "and the previous copy kept"
        ) from error
    if not members:
        local.discard_partial()
        raise NotAZip(
            "the downloaded ZIP archive is empty: it holds no tables; it was discarded and "
            "the previous copy kept"
        )


def _now() -> datetime:
    return datetime.now(UTC)
