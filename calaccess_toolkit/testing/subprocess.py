"""Run ``manage.py`` in a child process against the test database, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from .database import current_database_url
from .fixtures import REPOSITORY_ROOT


def run_manage(
    *args: str, env: dict[str, str] | None = None, stdin: str = "", timeout: float = 300
):
    """Run ``python manage.py ARGS`` with the test database; returns the CompletedProcess."""
    environment = {
        **os.environ,
        "DATABASE_URL": current_database_url(),
        "CALACCESS_DATA_DIR": str(settings.CALACCESS_DATA_DIR),
        "DJANGO_SETTINGS_MODULE": "calaccess_project.settings_test",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, str(Path(REPOSITORY_ROOT) / "manage.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPOSITORY_ROOT,
        timeout=timeout,
    )
