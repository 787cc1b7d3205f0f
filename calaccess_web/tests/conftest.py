"""One real raw update, processing, scrape and OCD load of the fixtures for all web tests.

The browser's pages, the API and the baked website all read the same processed data, so the
package loads it once: the coherent export over a real local HTTP server (archived in the data
folder's ``media/``, as the nightly job keeps releases), ``processcalaccessdata``,
the captured website pages scraped from a second local server, then ``loadocdelections``. Tests
run in transactions (rolled back) and share it; it is flushed when the package is done.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import CommandError, call_command
from django.core.wsgi import get_wsgi_application
from django.test import override_settings

from calaccess_processed.tests.coherent import export_bytes
from calaccess_processed.tests.ocd_scrape import scraped_website
from calaccess_toolkit.testing.httpserver import LocalHTTPServer
from django_commander.registry import commands

EXPORT_PATH = "/dbwebexport.zip"


@pytest.fixture(scope="package")
def web_data(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Path]:
    """The fixtures loaded raw, processed, scraped and as OCD elections; yields the data folder."""
    data_dir = tmp_path_factory.mktemp("web-data")
    media = data_dir / "media"  # the archived release files, as the nightly job keeps them
    with django_db_blocker.unblock():
        with (
            LocalHTTPServer() as server,
            override_settings(
                CALACCESS_DATA_DIR=str(data_dir),
                CALACCESS_STORE_ARCHIVE=True,
                MEDIA_ROOT=str(media),
                CALACCESS_DOWNLOAD_URL=server.url + EXPORT_PATH,
                CALACCESS_HTTP_RETRIES=1,
            ),
        ):
            server.add(EXPORT_PATH, export_bytes())
            call_command("updatecalaccessrawdata", "--noinput", stdout=StringIO())
            call_command("processcalaccessdata", "--noinput", stdout=StringIO())
        with scraped_website(data_dir), override_settings(CALACCESS_DATA_DIR=str(data_dir)):
            try:
                call_command("loadocdelections", "--noinput", stdout=StringIO())
            except CommandError as error:
                # Partial (exit 3) while some special elections of the captured site are undated.
                if getattr(error, "returncode", 1) != 3:
                    raise
            # As the nightly job: the candidates' committees after the scrape, then the search.
            commands["link_candidate_committees"](verbosity=0).run()
            call_command("buildcalaccesssearchindex", "--noinput", stdout=StringIO())
            with override_settings(CALACCESS_DATA_DIR=str(data_dir), MEDIA_ROOT=str(media)):
                yield data_dir
        call_command("flush", "--noinput", stdout=StringIO())


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """A request per thread: the browser's idle preconnections never hold up another fetch."""

    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture(scope="package")
def site(web_data, django_db_blocker) -> Iterator[str]:
    """The project served on a free local port over the loaded data, for the browser tests.

    The data is committed outside any test transaction, so the server's own connections see it.
    """
    with django_db_blocker.unblock():
        server = make_server(
            "127.0.0.1",
            0,
            StaticFilesHandler(get_wsgi_application()),
            server_class=ThreadingServer,
            handler_class=QuietHandler,
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            server.server_close()
