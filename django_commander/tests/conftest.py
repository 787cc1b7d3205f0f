from pathlib import Path

import pytest

FOLDERS = Path(__file__).parent / "command_folders"


@pytest.fixture
def example_commands(settings, data_dir):
    """Discover the example commands of ``command_folders/good`` besides the apps' commands."""
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = [str(FOLDERS / "good")]
    from django_commander.registry import commands

    yield commands
    settings.DJANGO_COMMANDER_COMMAND_FOLDERS = []
