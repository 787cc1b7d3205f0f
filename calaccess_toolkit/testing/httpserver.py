"""A real HTTP server on 127.0.0.1 for tests: HEAD, Range, conditional GET and injected faults.

A resource answers with its ``Last-Modified`` and ``ETag``; a request that sends them back
(``If-None-Match``, or else ``If-Modified-Since`` not older than ``Last-Modified``) gets
``304 Not Modified``, as HTTP's conditional requests say (RFC 9110, section 13).

Tests register resources by path (query string included) and can queue faults for the next
requests of a path: an error status, a connection dropped after some bytes, or a stall longer than
the client's timeout, optionally with an action run mid-answer (``then``, e.g. changing the
resource so that the client's retry meets a new release). Every request is recorded so tests can
assert what the client asked for.
"""

from __future__ import annotations

import email.utils
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Resource:
    """What the server answers for one path."""

    body: bytes
    content_type: str = "application/octet-stream"
    last_modified: datetime = field(default_factory=lambda: datetime(2017, 7, 1, 12, 0, tzinfo=UTC))
    etag: str | None = '"calaccess-test"'
    status: int = 200


@dataclass
class Fault:
    """A one-off misbehaviour for the next matching request."""

    status: int | None = None  # answer with this status and a short body
    drop_after: int | None = None  # send headers and this many body bytes, then close
    stall: float | None = None  # sleep this long before answering
    body: bytes | None = None  # answer 200 with this body instead (e.g. an HTML error page)
    methods: tuple[str, ...] = ("GET",)
    # called once the headers are sent, before the body: e.g. publish the next release mid-transfer
    then: Callable[[], None] | None = None


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    time: float = field(default_factory=time.monotonic)  # when it arrived (time.monotonic)


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up (after a timeout, or on purpose) are expected here, not errors."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalHTTPServer:
    """Serve resources from a background thread; use as a context manager."""

    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.faults: dict[str, deque[Fault]] = defaultdict(deque)
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, path: str, body: bytes, **kwargs) -> Resource:
        resource = Resource(body=body, **kwargs)
        self.resources[path] = resource
        return resource

    def fail_next(self, path: str, fault: Fault, times: int = 1) -> None:
        for _ in range(times):
            self.faults[path].append(fault)

    def requests_for(self, path: str, method: str | None = None) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path and method in (None, r.method)]

    def __enter__(self) -> LocalHTTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_fault(self, path: str, method: str) -> Fault | None:
        with self._lock:
            queue = self.faults.get(path)
            if queue and method in queue[0].methods:
                return queue.popleft()
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Send each write at once: with Nagle's algorithm the body waits for the client's
            # delayed ACK of the headers, about 40 ms per answer on a kept-alive connection.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args) -> None:  # noqa: A002 - keep tests quiet
                return

            def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
                self._answer(send_body=False)

            def do_GET(self) -> None:  # noqa: N802
                self._answer(send_body=True)

            def _answer(self, send_body: bool) -> None:
                server.requests.append(
                    RecordedRequest(
                        self.command, self.path, {k: v for k, v in self.headers.items()}
                    )
                )
                fault = server._next_fault(self.path, self.command)
                if fault and fault.stall:
                    time.sleep(fault.stall)
                if fault and fault.status:
                    return self._plain(fault.status, f"error {fault.status}".encode(), send_body)
                resource = server.resources.get(self.path)
                if resource is None:
                    return self._plain(404, b"not found", send_body)
                if not fault and resource.status == 200 and _not_modified(self.headers, resource):
                    return self._not_modified(resource)
                body = fault.body if fault and fault.body is not None else resource.body
                status, start, end = resource.status, 0, len(body)
                range_header = self.headers.get("Range")
                if (
                    range_header
                    and range_header.startswith("bytes=")
                    and not (fault and fault.body)
                ):
                    first, _, last = range_header[len("bytes=") :].partition("-")
                    start = int(first or 0)
                    end = int(last) + 1 if last else len(body)
                    if start >= len(body):
                        return self._plain(416, b"range not satisfiable", send_body)
                    status = 206
                chunk = body[start:end]
                self.send_response(status)
                self.send_header("Content-Type", resource.content_type)
                self.send_header("Content-Length", str(len(chunk)))
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("Last-Modified", _http_date(resource.last_modified))
                if resource.etag:
                    self.send_header("ETag", resource.etag)
                if status == 206:
                    self.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(body)}")
                self.end_headers()
                if fault and fault.then:
                    fault.then()
                if not send_body:
                    return
                if fault and fault.drop_after is not None:
                    self.wfile.write(chunk[: fault.drop_after])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.wfile.write(chunk)

            def _not_modified(self, resource: Resource) -> None:
                self.send_response(304)
                self.send_header("Last-Modified", _http_date(resource.last_modified))
                if resource.etag:
                    self.send_header("ETag", resource.etag)
                self.end_headers()

            def _plain(self, status: int, body: bytes, send_body: bool) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)

        return Handler


def _http_date(moment: datetime) -> str:
    return email.utils.format_datetime(moment, usegmt=True)


def _not_modified(headers, resource: Resource) -> bool:
    """Whether a conditional request's validators still match ``resource``."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip() for tag in if_none_match.split(",")}
        return resource.etag is not None and (resource.etag in tags or "*" in tags)
    if_modified_since = headers.get("If-Modified-Since")
    if if_modified_since is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    return resource.last_modified.replace(microsecond=0) <= since
