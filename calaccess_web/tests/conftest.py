"""One real raw update, processing, scrape and OCD load of the fixtures for all web tests.

The browser's pages, the API and the baked website all read the same processed data, so the
package loads it once: the coherent export over a real local HTTP server, ``processcalaccessdata``,
the captured website pages scraped from a second local server, then ``loadocdelections``. Tests
run in transactions (rolled back) and share it; it is flushed when the package is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from calaccess_processed.tests.coherent import export_bytes
from calaccess_processed.tests.ocd_scrape import scraped_website
from calaccess_toolkit.testing.httpserver import LocalHTTPServer

EXPORT_PATH = "/dbwebexport.zip"


@pytest.fixture(scope="package")
def web_data(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Path]:
    """The fixtures loaded raw, processed, scraped and as OCD elections; yields the data folder."""
    data_dir = tmp_path_factory.mktemp("web-data")
    with django_db_blocker.unblock():
        with (
            LocalHTTPServer() as server,
            override_settings(
                CALACCESS_DATA_DIR=str(data_dir),
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
            with override_settings(CALACCESS_DATA_DIR=str(data_dir)):
                yield data_dir
        call_command("flush", "--noinput", stdout=StringIO())
