import pytest

from django_commander.errors import ParameterError
from django_commander.models import Command, CommandLog

pytestmark = pytest.mark.django_db


def test_parameters_and_options_are_separated(example_commands):
    echo = example_commands["basic_echo"]("hi", times=3)
    assert echo.parameters == {"word": "hi"}
    assert echo.options["times"] == 3
    assert echo.options["noinput"] is False
    assert echo.run() == "hihihi"


def test_parameters_can_be_given_by_keyword(example_commands):
    assert example_commands["basic_echo"](word="yo").run() == "yoyo"


def test_text_parameters_are_coerced_like_the_shell_does(example_commands):
    add = example_commands["add"]
    assert add("2", "3").run() == 5
    assert add(2, 3).run() == 5
    # Both runs are the same command in the log.
    assert Command.objects.filter(name="add").count() == 1
    assert Command.objects.get(name="add").parameter_values == {"left": 2, "right": 3}


def test_missing_parameter_is_an_error(example_commands):
    with pytest.raises(ParameterError, match="needs the parameter"):
        example_commands["basic_echo"]()


def test_unknown_option_is_an_error(example_commands):
    with pytest.raises(ParameterError, match="no parameter or option 'colour'"):
        example_commands["basic_echo"]("a", colour="red")


def test_too_many_parameters_is_an_error(example_commands):
    with pytest.raises(ParameterError, match="takes 1 parameter"):
        example_commands["basic_echo"]("a", "b")


def test_test_mode_uses_test_parameters_and_options(example_commands):
    assert example_commands["basic_echo"](test=True).run() == "test"
    log = CommandLog.objects.get(command__name="basic_echo")
    assert log.test_mode is True
    assert log.command.parameter_values == {"word": "test"}


def test_test_mode_is_a_shell_option(example_commands):
    parser = example_commands["basic_echo"].argument_parser()
    assert parser.parse_args(["--test"]).test is True


def test_test_options_apply_from_the_shell(example_commands):
    from io import StringIO

    from django.core.management import call_command

    from django_commander.shell import CommanderShell

    out = StringIO()
    call_command(CommanderShell.for_command("basic_echo"), "--test", stdout=out)
    log = CommandLog.objects.get(command__name="basic_echo")
    assert log.option_values["times"] == 1, "test_options win over untouched defaults"
    assert out.getvalue().strip() == "echo test"


def test_explicit_options_win_over_test_options(example_commands):
    assert example_commands["basic_echo"](test=True, times=3).run() == "testtesttest"
