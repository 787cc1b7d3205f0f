"""Fixtures of the raw app's tests."""

from __future__ import annotations

import pytest

from calaccess_raw.tests.download_support import EXPORT_PATH, export_url, small_export
from calaccess_toolkit import network


@pytest.fixture
def small_server(http_server, settings, data_dir, monkeypatch):
    """A real local server offering an export of four small tables of the sample."""
    http_server.add(EXPORT_PATH, small_export())
    settings.CALACCESS_DOWNLOAD_URL = export_url(http_server)
    settings.CALACCESS_HTTP_RETRIES = 1
    settings.CALACCESS_HTTP_TIMEOUT = 5.0
    monkeypatch.setattr(network, "BACKOFF_SECONDS", 0.01)
    return http_server
