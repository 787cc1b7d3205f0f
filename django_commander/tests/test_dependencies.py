from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from django_commander.errors import DependencyMissing
from django_commander.shell import CommanderShell

pytestmark = pytest.mark.django_db


def test_missing_dependency_raises_from_code(example_commands):
    with pytest.raises(DependencyMissing) as raised:
        example_commands["needs_echo"]("x").run()
    assert raised.value.missing == [("basic_echo", {"word": "x"})]


def test_met_dependency_runs(example_commands):
    example_commands["basic_echo"]("x").run()
    assert example_commands["needs_echo"]("x").run() == "after echo x"


def test_dependency_parameters_are_derived_from_the_commands_parameters(example_commands):
    example_commands["basic_echo"]("x").run()
    with pytest.raises(DependencyMissing):
        example_commands["needs_echo"]("y").run()


def test_failed_or_test_runs_do_not_satisfy_a_dependency(example_commands):
    example_commands["basic_echo"](test=True).run()
    with pytest.raises(DependencyMissing):
        example_commands["needs_echo"]("test").run()


def test_ignore_dependencies_skips_the_check(example_commands):
    assert example_commands["needs_echo"]("x", ignore_dependencies=True).run() == "after echo x"


def test_shell_with_noinput_fails_on_missing_dependency(example_commands):
    with pytest.raises(CommandError, match="depends on basic_echo"):
        call_command(CommanderShell.for_command("needs_echo"), "x", "--noinput")


@pytest.mark.parametrize("answer", ["y\n", "yes\n", "Y\n"])
def test_shell_prompt_yes_runs_anyway(example_commands, answer):
    out = StringIO()
    call_command(CommanderShell.for_command("needs_echo"), "x", stdin=StringIO(answer), stdout=out)
    assert "Run anyway? [y/n]" in out.getvalue()


@pytest.mark.parametrize("answer", ["n\n", "\n", "__import__('os').getcwd()\n", "True\n"])
def test_shell_prompt_other_answers_refuse_and_are_never_evaluated(example_commands, answer):
    with pytest.raises(CommandError, match="depends on basic_echo"):
        call_command(
            CommanderShell.for_command("needs_echo"), "x", stdin=StringIO(answer), stdout=StringIO()
        )


def test_a_dependency_since_an_epoch_needs_a_success_after_it_began(example_commands):
    from datetime import timedelta

    from django.utils import timezone

    from django_commander.tests.example_app import epochs

    example_commands["basic_echo"]("fresh").run()
    try:
        epochs.began[0] = None  # nothing began yet: any success counts
        assert example_commands["needs_recent_echo"]("fresh").unmet_dependencies() == []
        epochs.began[0] = timezone.now() - timedelta(hours=1)  # began before the echo
        assert example_commands["needs_recent_echo"]("fresh").run() == "after a recent echo fresh"
        epochs.began[0] = timezone.now()  # a new epoch: the echo is from the last one
        with pytest.raises(DependencyMissing, match="depends on basic_echo"):
            example_commands["needs_recent_echo"]("fresh").run()
        example_commands["basic_echo"]("fresh").run()
        assert example_commands["needs_recent_echo"]("fresh").run() == "after a recent echo fresh"
    finally:
        epochs.began[0] = None


def test_a_dependency_since_a_callable_and_the_tuple_form_mean_the_same(example_commands):
    from datetime import UTC, datetime

    from django_commander.dependencies import Dependency, as_dependency

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    assert Dependency("basic_echo", since=lambda: moment).moment() == moment
    old = as_dependency(("basic_echo", {"word": lambda parameters: parameters["word"] * 2}))
    assert (old.since, old.parameters_for({"word": "a"})) == (None, {"word": "aa"})
