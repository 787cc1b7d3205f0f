"""Docs as tests: the README documents every setting, every management command and `make`."""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

from calaccess_toolkit.conf import SETTINGS
from calaccess_toolkit.testing.fixtures import REPOSITORY_ROOT

README = (Path(REPOSITORY_ROOT) / "README.md").read_text(encoding="utf-8")
TOOLKIT_APPS = (
    "django_commander",
    "calaccess_raw",
    "calaccess_scraped",
    "calaccess_processed",
    "calaccess_job",
    "calaccess_benchmark",
)


def settings_table_rows() -> set[str]:
    return set(re.findall(r"^\| `([A-Z_]+)` \|", README, flags=re.MULTILINE))


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_in_the_readme_settings_table(setting):
    assert setting in settings_table_rows()


def test_the_readme_documents_no_setting_that_does_not_exist():
    declared = {s.name for s in SETTINGS} | {
        "DATABASE_URL",
        "CALACCESS_RAW_DATABASE_URL",
        "CALACCESS_FIXTURES_DIR",
    }
    assert settings_table_rows() <= declared


@pytest.mark.parametrize(
    "command", sorted(name for name, app in get_commands().items() if app in TOOLKIT_APPS)
)
def test_every_management_command_is_documented(command):
    assert f"`{command}" in README


def test_quick_start_is_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+$", quick_start, flags=re.MULTILINE)
    assert commands == ["make run", "make test"]
