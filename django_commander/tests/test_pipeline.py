import pytest

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
