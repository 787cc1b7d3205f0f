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
