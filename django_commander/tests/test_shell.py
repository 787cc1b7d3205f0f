"""The framework on the shell: exit codes, one-line errors, run_command and --help."""

import pytest

from calaccess_toolkit.testing.subprocess import run_manage

from .conftest import FOLDERS

pytestmark = pytest.mark.django_db(transaction=True)

FOLDER_ENV = {"DJANGO_COMMANDER_COMMAND_FOLDERS": str(FOLDERS / "good")}


def test_run_command_runs_a_command_with_parameters_and_options(data_dir):
    done = run_manage("run_command", "basic_echo", "hey", "--times", "1", env=FOLDER_ENV)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "echo hey"


def test_failing_command_exits_non_zero_with_one_line_and_no_traceback(data_dir):
    from django_commander.models import CommandLog

    done = run_manage("run_command", "basic_fail", env=FOLDER_ENV)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "CommandError: basic_fail failed: ValueError: this command always fails "
        "(the traceback is in the command log; rerun with --traceback to see it)"
    ]
    log = CommandLog.objects.get(command__name="basic_fail")
    assert log.status == "failure" and "ValueError" in log.traceback


def test_unknown_command_is_one_line(data_dir):
    done = run_manage("run_command", "no_such_thing", env=FOLDER_ENV)
    assert done.returncode == 2, "a usage error"
    assert done.stderr.strip() == (
        "CommandError: unknown command 'no_such_thing'; `manage.py run_command` lists them"
    )


def test_help_explains_parameters_options_and_framework_options(data_dir):
    done = run_manage("run_command", "basic_echo", "--help", env=FOLDER_ENV)
    assert done.returncode == 0
    for text in ("Repeat a word.", "the word to repeat", "--times", "--noinput", "--test"):
        assert text in done.stdout


def test_missing_dependency_without_a_terminal_is_refused(data_dir):
    done = run_manage("run_command", "needs_echo", "x", env=FOLDER_ENV)
    assert done.returncode == 1
    assert "needs_echo depends on basic_echo" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["add", "one", "2"], "invalid int value: 'one'"),  # argparse: a bad parameter
        (["basic_echo", "hey", "--colour", "red"], "unrecognized arguments: --colour red"),
        (["basic_echo"], "basic_echo needs the parameter(s) word"),  # optional for --test only
    ],
)
def test_usage_errors_exit_2(data_dir, arguments, message):
    done = run_manage("run_command", *arguments, env=FOLDER_ENV)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


def test_an_interruption_exits_1_and_says_how_to_resume(data_dir):
    done = run_manage("run_command", "basic_interrupt", env=FOLDER_ENV)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "CommandError: basic_interrupt interrupted; run it again to resume"
    )


def test_a_partial_pipeline_exits_3_naming_the_failed_step(data_dir, tmp_path):
    marker = tmp_path / "marker"
    marker.touch()
    done = run_manage("run_command", "tolerant_pipeline", str(marker), env=FOLDER_ENV)
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("CommandError: tolerant_pipeline finished partially: 1 step")
    assert f"flaky_step {marker} (RuntimeError: marker present)" in done.stderr
