"""One real raw update of the coherent export per test session, and one processing of it.

The raw loaders of SQLite and MySQL use connections of their own and cannot run inside a test's
transaction, so the raw update runs once, outside any test, over a real local HTTP server; the
processing runs once after it. Tests then run in transactions (rolled back) and share the result.
The data is flushed when the package's tests are done, so other apps' tests start empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from calaccess_processed.tests.coherent import export_bytes
from calaccess_processed.tests.ocd_scrape import (
    forget_scrape_and_elections,
    ocd_tables,
    run,
    scraped_website,
)
from calaccess_toolkit.testing.httpserver import LocalHTTPServer

EXPORT_PATH = "/dbwebexport.zip"


@pytest.fixture(scope="package")
def coherent_data(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """The coherent export loaded raw and processed; yields the processing command's output."""
    data_dir = tmp_path_factory.mktemp("processed-data")
    with django_db_blocker.unblock(), LocalHTTPServer() as server:
        server.add(EXPORT_PATH, export_bytes())
        with override_settings(
            CALACCESS_DATA_DIR=str(data_dir),
            CALACCESS_DOWNLOAD_URL=server.url + EXPORT_PATH,
            CALACCESS_HTTP_RETRIES=1,
        ):
            call_command("updatecalaccessrawdata", "--noinput", stdout=StringIO())
            out = StringIO()
            call_command("processcalaccessdata", "--noinput", stdout=out)
            yield out.getvalue()
        call_command("flush", "--noinput", stdout=StringIO())


@pytest.fixture(scope="package")
def ocd_load(coherent_data, django_db_blocker, tmp_path_factory) -> Iterator[tuple]:
    """The scrape of the captured site over the coherent data, then ``loadocdelections`` at
    verbosity 0: its output, its error and every OCD table (shared by the OCD test modules)."""
    with django_db_blocker.unblock(), scraped_website(tmp_path_factory.mktemp("ocd")) as started:
        out, error = run("loadocdelections", "--noinput", "--verbosity=0")
        yield out, error, ocd_tables()
        forget_scrape_and_elections(started)
