"""One update at a time: a second process is refused while the first holds the lock, and a
crashed holder's lock is taken over. Real processes, on the database of ``DATABASE_URL``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from calaccess_raw.locking import LOCK_FILE, UpdateRunning, update_lock
from calaccess_raw.tests.download_support import update
from calaccess_toolkit.errors import EXIT_PARTIAL
from calaccess_toolkit.testing.database import current_database_url
from calaccess_toolkit.testing.fixtures import REPOSITORY_ROOT

pytestmark = pytest.mark.django_db(transaction=True)

HOLD = """
import time
from calaccess_raw.locking import update_lock
with update_lock():
    print("held", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def holder(data_dir):
    """Another process holding the update lock, as a running update would."""
    environment = {
        **os.environ,
        "DATABASE_URL": current_database_url(),
        "CALACCESS_DATA_DIR": str(settings.CALACCESS_DATA_DIR),
        "DJANGO_SETTINGS_MODULE": "calaccess_project.settings_test",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            str(Path(REPOSITORY_ROOT) / "manage.py"),
            "shell",
            "--no-imports",
            "-c",
            HOLD,
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=REPOSITORY_ROOT,
    )
    assert process.stdout.readline().strip() == "held"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_a_second_update_is_refused_while_one_runs(small_server, holder):
    output, error = update()
    assert error is not None and error.returncode == 1
    assert "another update of the raw data is running" in str(error)
    if connection.vendor == "sqlite":
        assert f"pid {holder.pid} on {socket.gethostname()}" in str(error)
        assert str(Path(settings.CALACCESS_DATA_DIR) / LOCK_FILE) in str(error)
    assert not small_server.requests_for("/dbwebexport.zip", "GET"), "nothing was downloaded"


def test_a_crashed_holders_lock_is_taken_over(small_server, holder):
    with pytest.raises(UpdateRunning):
        with update_lock():
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    for _attempt in range(50):  # the server notices the closed session within moments
        try:
            with update_lock():
                break
        except UpdateRunning:
            time.sleep(0.1)
    output, error = update()
    assert error.returncode == EXIT_PARTIAL and "has no file for 76" in str(error)
