"""Concurrent pipeline steps: side by side on a database server, in order on SQLite.

``concurrent_pipeline`` runs two independent ``rendezvous`` steps that each wait for the other to
start (they meet only if they run at the same time), a step that fails while a marker exists, a
step that depends on the first rendezvous and a plain step after them all.
"""

from __future__ import annotations

import pytest
from django.db import connection

from calaccess_toolkit.errors import EXIT_PARTIAL
from django_commander.errors import StepsFailed
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db(transaction=True)

side_by_side = connection.vendor != "sqlite"


@pytest.fixture
def pipeline(example_commands, settings, tmp_path):
    settings.DJANGO_COMMANDER_PARALLEL_STEPS = 2
    (tmp_path / "marker").touch()
    return example_commands["concurrent_pipeline"]


def log(name: str, **parameters: str) -> CommandLog:
    logs = CommandLog.objects.filter(command__name=name).order_by("start_time")
    return [
        entry
        for entry in logs
        if all(entry.command.parameter_values.get(k) == v for k, v in parameters.items())
    ][-1]


def successes(name: str) -> int:
    return CommandLog.objects.filter(command__name=name, status=CommandLog.SUCCESS).count()


def test_independent_steps_overlap_a_failure_is_recorded_and_the_rerun_resumes(pipeline, tmp_path):
    seconds = 10.0 if side_by_side else 0.2
    with pytest.raises(StepsFailed, match="1 step\\(s\\) failed") as failure:
        pipeline(str(tmp_path), seconds=seconds).run()
    assert failure.value.exit_code == EXIT_PARTIAL
    assert "marker present" in str(failure.value)

    left, right = log("rendezvous", side="left"), log("rendezvous", side="right")
    assert left.status == right.status == CommandLog.SUCCESS
    assert log("flaky_step").status == CommandLog.FAILURE
    if side_by_side:
        # Each started before the other finished: they ran at the same time.
        assert left.start_time < right.end_time and right.start_time < left.end_time
        assert (tmp_path / "left.outcome").read_text() == "met"
    else:
        assert left.end_time <= right.start_time, "on SQLite the steps ran in order"
        assert (tmp_path / "left.outcome").read_text() == "alone"
    reader = log("read_rendezvous")
    assert reader.status == CommandLog.SUCCESS and reader.start_time >= left.end_time
    end = log("basic_echo", word="end")
    assert end.status == CommandLog.SUCCESS
    steps = (left, right, log("flaky_step"), reader)
    assert all(end.start_time >= step.end_time for step in steps), "the plain step came last"

    # The rerun retries only the failed step, then finishes.
    (tmp_path / "marker").unlink()
    result = pipeline(str(tmp_path), seconds=seconds).run()
    assert result == {f"flaky_step {tmp_path}/marker": "ok"}
    assert successes("rendezvous") == 2 and successes("read_rendezvous") == 1
    assert successes("flaky_step") == 1 and successes("basic_echo") == 1


def test_a_stopping_failure_lets_running_steps_finish_and_the_rerun_resumes(pipeline, tmp_path):
    seconds = 10.0 if side_by_side else 0.2
    with pytest.raises(RuntimeError, match="marker present"):
        pipeline(str(tmp_path), seconds=seconds, on_failure="stop").run()
    assert log("flaky_step").status == CommandLog.FAILURE
    assert successes("rendezvous") == 2, "the steps running beside it finished and are logged"
    assert successes("basic_echo") == 0, "nothing after the failure started"
    (tmp_path / "marker").unlink()
    pipeline(str(tmp_path), seconds=seconds, on_failure="stop").run()
    assert successes("rendezvous") == 2, "the resumed run skipped what had succeeded"
    assert successes("flaky_step") == successes("read_rendezvous") == successes("basic_echo") == 1
