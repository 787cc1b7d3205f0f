"""A real Celery round trip: Redis broker on 127.0.0.1:6379 and a worker process started here."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from calaccess_toolkit.testing.database import current_database_url
from calaccess_toolkit.testing.fixtures import REPOSITORY_ROOT
from django_commander.models import CommandLog
from django_commander.tasks import run_command_task

from .conftest import FOLDERS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(data_dir):
    queue = f"commander-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": current_database_url(),
        "CALACCESS_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "calaccess_project.settings_test",
        "DJANGO_COMMANDER_COMMAND_FOLDERS": str(FOLDERS / "good"),
    }
    log = open(data_dir / "worker.log", "wb")  # noqa: SIM115 - closed after the worker stops
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "calaccess_project",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=REPOSITORY_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    print((data_dir / "worker.log").read_text())  # shown by pytest when a test fails


def test_command_runs_as_a_celery_task_and_logs_the_task(worker, example_commands):
    result = run_command_task.apply_async(
        args=["basic_echo"],
        kwargs={"parameters": {"word": "celery"}, "options": {"times": 3}},
        queue=worker,
    )
    assert result.get(timeout=90) == "celerycelerycelery"
    log = CommandLog.objects.get(command__name="basic_echo")
    assert log.status == CommandLog.SUCCESS
    assert log.celery_task_id == result.id


def test_failing_task_is_logged_and_fails(worker, example_commands):
    result = run_command_task.apply_async(args=["basic_fail"], queue=worker)
    with pytest.raises(ValueError, match="always fails"):
        result.get(timeout=90)
    log = CommandLog.objects.get(command__name="basic_fail")
    assert log.status == CommandLog.FAILURE
    assert log.celery_task_id == result.id
    assert settings.CELERY_BROKER_URL.startswith("redis://127.0.0.1:6379")
