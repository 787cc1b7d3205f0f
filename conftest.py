"""Fixtures every test suite shares: the shared CAL-ACCESS fixtures and a real local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from calaccess_toolkit.testing.fixtures import fixtures_dir
from calaccess_toolkit.testing.httpserver import LocalHTTPServer


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """The shared fixtures folder (``../shared/fixtures`` or ``$CALACCESS_FIXTURES_DIR``)."""
    return fixtures_dir()


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A real HTTP server on 127.0.0.1, empty until the test adds resources."""
    with LocalHTTPServer() as server:
        yield server


@pytest.fixture
def data_dir(tmp_path: Path, settings) -> Path:
    """A fresh CALACCESS_DATA_DIR for one test."""
    path = tmp_path / "data"
    path.mkdir()
    settings.CALACCESS_DATA_DIR = str(path)
    return path
