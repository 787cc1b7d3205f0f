import pytest
from django.db import connection

from django_commander.base import Step
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db


def runs(word: str) -> int:
    return CommandLog.objects.filter(
        command__name="basic_echo", command__parameters__contains=word, status="success"
    ).count()


def test_pipeline_runs_every_step_and_returns_their_values(example_commands, tmp_path):
    result = example_commands["flaky_pipeline"](str(tmp_path / "marker")).run()
    assert result == {
        "basic_echo first": "firstfirst",
        "flaky_step " + str(tmp_path / "marker"): "ok",
        "basic_echo last": "last",
    }


def test_interrupted_pipeline_resumes_at_the_failed_step(example_commands, tmp_path):
    marker = tmp_path / "marker"
    marker.touch()
    pipeline = example_commands["flaky_pipeline"]
    with pytest.raises(RuntimeError, match="marker present"):
        pipeline(str(marker)).run()
    with pytest.raises(RuntimeError):
        pipeline(str(marker)).run()  # a second failure continues the same attempt
    assert runs("first") == 1 and runs("last") == 0
    marker.unlink()
    pipeline(str(marker)).run()
    assert runs("first") == 1, "the step completed before the interruption ran again"
    assert runs("last") == 1
    # After a success, the next run starts from the beginning.
    pipeline(str(marker)).run()
    assert runs("first") == 2 and runs("last") == 2


def test_force_restart_runs_completed_steps_again(example_commands, tmp_path):
    marker = tmp_path / "marker"
    marker.touch()
    pipeline = example_commands["flaky_pipeline"]
    with pytest.raises(RuntimeError):
        pipeline(str(marker)).run()
    marker.unlink()
    pipeline(str(marker), force_restart=True).run()
    assert runs("first") == 2


def test_resume_is_per_parameters(example_commands, tmp_path):
    marker = tmp_path / "marker"
    marker.touch()
    with pytest.raises(RuntimeError):
        example_commands["flaky_pipeline"](str(marker)).run()
    example_commands["flaky_pipeline"](str(tmp_path / "other")).run()
    assert runs("first") == 2, "a pipeline with other parameters does not resume this attempt"


def logged(name: str) -> CommandLog:
    return CommandLog.objects.get(command__name=name)


def background_expected() -> bool:
    """Background steps run alongside later ones unless the command log is in SQLite."""
    return connection.vendor != "sqlite"


@pytest.mark.django_db(transaction=True)
def test_background_step_runs_alongside_the_next_and_its_dependent_waits(
    example_commands, tmp_path
):
    # await_signal waits for a file that the next step, send_signal, writes: it sees the file only
    # if it runs at the same time. read_awaited depends on await_signal, so it must wait for it.
    seconds = 10.0 if background_expected() else 0.2
    result = example_commands["background_pipeline"](str(tmp_path), seconds=seconds).run()
    outcome = "saw the signal" if background_expected() else "timed out"
    assert result == {
        f"await_signal {tmp_path}": outcome,
        f"send_signal {tmp_path}": "sent",
        f"read_awaited {tmp_path}": outcome,
    }
    awaited, sent = logged("await_signal"), logged("send_signal")
    assert awaited.status == sent.status == CommandLog.SUCCESS
    if background_expected():
        assert sent.end_time < awaited.end_time, "the next step finished while the first ran"
    else:
        assert awaited.end_time <= sent.start_time, "on SQLite the steps ran in order"
    assert logged("read_awaited").start_time >= awaited.end_time


@pytest.mark.django_db(transaction=True)
def test_a_failed_background_step_fails_the_pipeline(example_commands, tmp_path):
    marker = tmp_path / "marker"
    marker.touch()
    with pytest.raises(RuntimeError, match="marker present"):
        example_commands["failing_background_pipeline"](str(marker)).run()
    assert logged("flaky_step").status == CommandLog.FAILURE
    # Alongside, the next step ran before the failure was raised; in order, it never started.
    assert runs("after") == (1 if background_expected() else 0)
    marker.unlink()
    example_commands["failing_background_pipeline"](str(marker)).run()
    assert runs("after") == 1, "the resumed run skipped the step that had succeeded"


def test_dependencies_between_steps_come_from_the_commands_declarations(example_commands):
    pipeline = example_commands["flaky_pipeline"]
    assert pipeline.depends_on(Step("needs_echo", {"word": "a"}), Step("basic_echo", {"word": "a"}))
    assert not pipeline.depends_on(
        Step("needs_echo", {"word": "a"}), Step("basic_echo", {"word": "b"})
    )
    assert not pipeline.depends_on(
        Step("basic_echo", {"word": "a"}), Step("needs_echo", {"word": "a"})
    )


def test_a_continue_step_failure_runs_the_rest_and_ends_partial(example_commands, tmp_path):
    from calaccess_toolkit.errors import EXIT_PARTIAL
    from django_commander.errors import StepsFailed

    marker = tmp_path / "marker"
    marker.touch()
    pipeline = example_commands["tolerant_pipeline"]
    with pytest.raises(StepsFailed, match="1 step\\(s\\) failed") as failure:
        pipeline(str(marker)).run()
    assert failure.value.exit_code == EXIT_PARTIAL
    assert "marker present" in str(failure.value)
    assert runs("before") == 1 and runs("after") == 1, "the steps after the failure ran"
    # The rerun retries only what failed.
    marker.unlink()
    pipeline(str(marker)).run()
    assert runs("before") == 1 and runs("after") == 1
    assert CommandLog.objects.filter(command__name="flaky_step", status="success").count() == 1


def test_a_step_of_an_undeclared_command_is_refused(example_commands):
    from django_commander.errors import RegistryError

    with pytest.raises(RegistryError, match="'add', which is not among its step_commands"):
        example_commands["stray_step_pipeline"]().run()
    assert runs("declared") == 1


def test_after_steps_runs_only_once_every_step_succeeded(example_commands, tmp_path):
    from django_commander.errors import StepsFailed

    marker = tmp_path / "marker"
    marker.touch()
    with pytest.raises(StepsFailed):
        example_commands["tolerant_pipeline"](str(marker)).run()
    assert (tmp_path / "marker.before").read_text() == "resuming=False"
    assert not (tmp_path / "marker.after").exists(), "a partial run does not finish"
    marker.unlink()
    example_commands["tolerant_pipeline"](str(marker)).run()
    assert (tmp_path / "marker.before").read_text() == "resuming=True"
    assert (tmp_path / "marker.after").read_text() == f"flaky_step {marker}"


def leave_running(name: str) -> None:
    """Make the failed runs of ``name`` and its steps read as a kill leaves them: running."""
    CommandLog.objects.filter(status=CommandLog.FAILURE).update(
        status=CommandLog.RUNNING, end_time=None, error_class="", error_message="", traceback=""
    )
    assert CommandLog.objects.filter(command__name=name, status=CommandLog.RUNNING).exists()


def test_a_pipeline_that_finished_failed_or_partial_starts_afresh_unless_it_opts_in(
    example_commands, tmp_path, monkeypatch
):
    from django_commander.errors import StepsFailed

    marker = tmp_path / "marker"
    marker.touch()
    for name in ("flaky_pipeline", "tolerant_pipeline"):
        monkeypatch.setattr(example_commands[name], "resumes_failed", False)
    with pytest.raises(RuntimeError):
        example_commands["flaky_pipeline"](str(marker)).run()
    with pytest.raises(StepsFailed):
        example_commands["tolerant_pipeline"](str(marker)).run()
    marker.unlink()
    example_commands["flaky_pipeline"](str(marker)).run()
    example_commands["tolerant_pipeline"](str(marker)).run()
    assert runs("first") == 2, "the failed attempt was not resumed"
    assert runs("before") == 2 and runs("after") == 2, "the partial attempt was not resumed"
    assert (tmp_path / "marker.before").read_text() == "resuming=False"


def test_a_killed_attempt_resumes_at_the_step_it_was_running(
    example_commands, tmp_path, monkeypatch
):
    marker = tmp_path / "marker"
    marker.touch()
    pipeline = example_commands["flaky_pipeline"]
    monkeypatch.setattr(pipeline, "resumes_failed", False)
    with pytest.raises(RuntimeError):
        pipeline(str(marker)).run()
    leave_running("flaky_pipeline")
    marker.unlink()
    pipeline(str(marker)).run()
    assert runs("first") == 1, "the step done before the kill was skipped"
    assert runs("last") == 1


def test_a_pipeline_that_never_resumes_runs_every_step_after_a_kill(
    example_commands, tmp_path, monkeypatch
):
    marker = tmp_path / "marker"
    marker.touch()
    pipeline = example_commands["flaky_pipeline"]
    monkeypatch.setattr(pipeline, "resumes", False)
    with pytest.raises(RuntimeError):
        pipeline(str(marker)).run()
    leave_running("flaky_pipeline")
    marker.unlink()
    pipeline(str(marker)).run()
    assert runs("first") == 2, "the step done before the kill ran again"
    assert runs("last") == 1
