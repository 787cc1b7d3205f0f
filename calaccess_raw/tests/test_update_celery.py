"""``updatecalaccessrawdata --workers celery``: every table's clean, load and verify on two real
Celery workers (Redis on 127.0.0.1, worker processes started here), the sample export served by a
real local server, the data folder shared by the test and the workers.

On SQLite, which the workers could not share, the option is refused in one line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from calaccess_raw import paths, schema
from calaccess_raw.models import FilernameCd, RawDataVersion
from calaccess_raw.tests.download_support import EXPORT_PATH, export_bytes, export_url
from calaccess_toolkit import network
from calaccess_toolkit.testing.database import current_database_url
from calaccess_toolkit.testing.fixtures import REPOSITORY_ROOT
from django_commander.models import CommandLog

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PER_TABLE = ("clean_raw_file", "load_raw_file", "verify_raw_file")
#: A table whose clean the first run cannot finish (its CSV's path is taken by a folder).
BLOCKED = "FILERNAME_CD"


@pytest.fixture
def export_server(http_server, settings, monkeypatch):
    http_server.add(EXPORT_PATH, export_bytes())
    settings.CALACCESS_DOWNLOAD_URL = export_url(http_server)
    settings.CALACCESS_HTTP_RETRIES = 1
    settings.CALACCESS_HTTP_TIMEOUT = 5.0
    monkeypatch.setattr(network, "BACKOFF_SECONDS", 0.01)
    return http_server


@pytest.fixture
def workers(data_dir, settings):
    """Two worker processes, one task at a time each, on a queue of this test's own."""
    queue = f"raw-update-test-{uuid.uuid4().hex[:8]}"
    settings.DJANGO_COMMANDER_CELERY_QUEUE = queue
    settings.DJANGO_COMMANDER_PARALLEL_STEPS = 2
    env = {
        **os.environ,
        "DATABASE_URL": current_database_url(),
        "CALACCESS_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "calaccess_project.settings_test",
    }
    started = []
    for name in ("w1", "w2"):
        log = open(data_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed after the worker stops
        command = [sys.executable, "-m", "celery", "-A", "calaccess_project", "worker"]
        command += ["--pool=solo", "--concurrency=1", "--prefetch-multiplier=1", "-n"]
        command += [f"{name}@%h", "-Q", queue, "--loglevel=INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        process = subprocess.Popen(
            command, cwd=REPOSITORY_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        started.append((name, process, log))
    yield {name: data_dir / f"{name}.log" for name, _, _ in started}
    for _name, process, _log in started:
        process.terminate()
    for name, process, log in started:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        print(name, (data_dir / f"{name}.log").read_text()[-3000:])  # shown when a test fails


def update(*args: str) -> str:
    out = StringIO()
    call_command("updatecalaccessrawdata", "--noinput", "--workers", "celery", *args, stdout=out)
    return out.getvalue()


def task_ids(log_path) -> set[str]:
    """Ids of the tasks a worker's log says it ran."""
    text = log_path.read_text()
    return set(re.findall(r"django_commander\.run_command\[([0-9a-f-]{36})\] received", text))


def step_logs(command: str) -> list[CommandLog]:
    return list(CommandLog.objects.filter(command__name=command).select_related("command"))


def test_two_workers_share_the_tables_record_every_step_and_a_rerun_resumes(
    export_server, workers, data_dir
):
    if connection.vendor == "sqlite":  # the workers could not share it
        with pytest.raises(CommandError, match="Celery workers need the command log in a datab"):
            update()
        assert not task_ids(workers["w1"]) and not task_ids(workers["w2"])
        return
    tables = len(schema.load().tables)
    blocker = paths.csv_path(BLOCKED)
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.mkdir()
    (blocker / "in the way").touch()

    with pytest.raises(CommandError, match=f"clean_raw_file {BLOCKED}"):
        update()
    version = RawDataVersion.objects.get()
    assert version.update_finished and not version.update_completed
    assert version.stale_tables == BLOCKED

    every_log = {log.celery_task_id: log for log in CommandLog.objects.exclude(celery_task_id="")}
    ran = {name: task_ids(path) & set(every_log) for name, path in workers.items()}
    assert ran["w1"] and ran["w2"] and not ran["w1"] & ran["w2"]
    loads = {log.celery_task_id for log in step_logs("load_raw_file")}
    assert ran["w1"] & loads and ran["w2"] & loads, "both workers loaded tables"
    # Every table's steps ran as tasks, logged with their task ids; the blocked table's load
    # and verify were refused before they ran, on their dependency.
    for command, count in zip(PER_TABLE, (tables, tables - 1, tables - 1), strict=True):
        logs = step_logs(command)
        assert len(logs) == count, command
        assert all(log.celery_task_id in ran["w1"] | ran["w2"] for log in logs), command
    failed = {
        (log.command.name, log.status)
        for log in CommandLog.objects.filter(status=CommandLog.FAILURE).select_related("command")
    }
    assert ("clean_raw_file", CommandLog.FAILURE) in failed
    # Download and extraction ran here, not on the workers.
    assert all(not log.celery_task_id for log in step_logs("download_raw_data"))

    (blocker / "in the way").unlink()
    blocker.rmdir()
    update()
    version.refresh_from_db()
    assert version.update_completed and version.stale_tables == ""
    for command in PER_TABLE:  # the rerun ran the blocked table's steps only, on a worker
        successes = [log for log in step_logs(command) if log.status == CommandLog.SUCCESS]
        assert len(successes) == tables, command
    retried = [log for log in step_logs("load_raw_file") if "FilernameCd" in log.command.parameters]
    assert retried[-1].status == CommandLog.SUCCESS and retried[-1].celery_task_id
    assert len(step_logs("download_raw_data")) == 1, "the rerun resumed after the download"
    file = version.files.get(file_name=BLOCKED)
    assert FilernameCd.objects.count() == file.load_records_count > 0
