import pytest
from django.core.management import call_command

from django_commander.errors import RegistryError, UnknownCommand
from django_commander.graph import dependency_order
from django_commander.registry import commands

from .conftest import FOLDERS


def test_folder_commands_are_named_after_their_path(example_commands):
    names = set(example_commands)
    assert {"basic_echo", "basic_fail", "add", "needs_echo", "flaky_pipeline"} <= names
    assert example_commands["basic_echo"].__name__ == "Echo"
    assert example_commands["basic_echo"].name == "basic_echo"


def test_app_commands_are_discovered_with_sub_package_names(example_commands):
    assert example_commands["make_widget"].__name__ == "MakeWidget"
    assert example_commands["nested_count_widgets"].__name__ == "CountWidgets"


def test_help_comes_from_the_docstring(example_commands):
    assert example_commands["basic_echo"].help == "Repeat a word."


def test_unknown_name_is_a_clear_error(example_commands):
    with pytest.raises(UnknownCommand, match="unknown command 'nope'"):
        example_commands["nope"]


def test_dependency_cycle_is_rejected(settings):
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = [str(FOLDERS / "cycle")]
    with pytest.raises(
        RegistryError, match="dependency cycle: (one -> two -> one|two -> one -> two)"
    ):
        list(commands)


def test_unknown_dependency_is_rejected(settings):
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = [str(FOLDERS / "unknown")]
    with pytest.raises(RegistryError, match="orphan depends on unknown command 'does_not_exist'"):
        list(commands)


def test_missing_folder_is_rejected(settings, tmp_path):
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = [str(tmp_path / "missing")]
    with pytest.raises(RegistryError, match="is not a folder"):
        list(commands)


@pytest.mark.django_db
def test_run_command_without_a_name_lists_commands(example_commands, capsys):
    call_command("run_command")
    listing = capsys.readouterr().out
    assert "basic_echo" in listing and "Repeat a word." in listing


def test_an_unregistered_epoch_is_rejected(settings):
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = [str(FOLDERS / "unknown_epoch")]
    with pytest.raises(RegistryError, match="dated depends on dated since 'no_such_epoch'"):
        list(commands)


def test_a_pipeline_must_declare_its_step_commands(settings):
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = [str(FOLDERS / "undeclared_steps")]
    with pytest.raises(RegistryError, match="silent_pipeline is a pipeline and must declare"):
        list(commands)


def test_a_misspelt_step_fails_at_discovery(settings):
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = [str(FOLDERS / "misspelt_step")]
    with pytest.raises(
        RegistryError, match="typo_pipeline declares a step of unknown command 'clean_raw_fiel'"
    ):
        list(commands)


def test_the_apps_pipelines_declare_every_step_they_use():
    assert {"update_raw_data", "scrape", "link_candidate_committees"} <= set(
        commands["update_calaccess"].step_commands
    )
    assert "scrape_candidates" in commands["scrape"].step_commands


def test_dependency_order_puts_each_command_after_what_it_needs():
    class Needs:
        def __init__(self, *names):
            self.dependencies = [(name, {}) for name in names]

    found = {"a": Needs(), "b": Needs("c"), "c": Needs("a"), "d": Needs("x")}
    # b needs c: c comes first; the list breaks ties; a dependency outside the list is ignored.
    assert dependency_order(["b", "a", "c", "d"], found) == ["a", "c", "b", "d"]
    found["a"] = Needs("b")
    with pytest.raises(RegistryError, match="dependency cycle among: a, b, c"):
        dependency_order(["a", "b", "c"], found)
