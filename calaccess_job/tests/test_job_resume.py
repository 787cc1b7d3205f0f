"""The job pipelines never resume: a killed or partial night is followed by every step again.

Each step resumes its own interrupted work and skips what its release already holds; the job
skipping a step would skip the next release (or its publication).
"""

from __future__ import annotations

import pytest

from django_commander import recorder
from django_commander.registry import commands

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["update_calaccess", "update_download_website"])
def test_a_job_left_running_or_partial_is_not_resumed(name):
    pipeline = commands[name](noinput=True)
    partial = recorder.start(name, pipeline.parameters, {})
    recorder.fail(partial, RuntimeError("a partial night"))
    killed = recorder.start(name, pipeline.parameters, {})  # left running, as a kill leaves it
    attempt = recorder.interrupted_since(name, pipeline.parameters, test_mode=False, current=None)
    assert attempt == killed.start_time, "there is an attempt another pipeline would resume"
    assert not pipeline.resumes  # so its run skips nothing (test_pipeline.py shows the rule)
