"""Docs as tests: the README documents every setting, every management command and `make`."""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

from calaccess_toolkit import conf
from calaccess_toolkit.testing.fixtures import REPOSITORY_ROOT

README = (Path(REPOSITORY_ROOT) / "README.md").read_text(encoding="utf-8")
TOOLKIT_APPS = (
    "django_commander",
    "calaccess_raw",
    "calaccess_scraped",
    "calaccess_processed",
    "calaccess_web",
    "calaccess_job",
    "calaccess_benchmark",
)
ROW = re.compile(r"^\| `([A-Z_]+)` \| ([^|]*) \|", flags=re.MULTILINE)


def section(text: str, heading: str) -> str:
    return text.split(heading + "\n", 1)[1].split("\n## ", 1)[0]


def settings_tables() -> dict[str, dict[str, str]]:
    """The README's settings tables, by the app named in each "###" heading: name → default."""
    tables = {}
    for part in section(README, "## Settings").split("\n### ")[1:]:
        app = re.search(r"\(`(\w+)`\)", part.splitlines()[0]).group(1)
        tables[app] = {name: default.strip() for name, default in ROW.findall(part)}
    return tables


DECLARED = conf.declarations()


def test_every_app_that_declares_settings_has_a_readme_table():
    assert set(settings_tables()) == set(DECLARED)


@pytest.mark.parametrize("app", sorted(DECLARED))
def test_each_readme_table_lists_exactly_its_apps_settings(app):
    assert list(settings_tables()[app]) == [setting.name for setting in DECLARED[app]]


@pytest.mark.parametrize(
    "setting", [s for app in sorted(DECLARED) for s in DECLARED[app]], ids=lambda s: s.name
)
def test_each_readme_default_is_the_declared_one(setting):
    tables = settings_tables()
    documented = next(table[setting.name] for table in tables.values() if setting.name in table)
    assert documented == setting.documented_default


def test_the_project_declares_its_own_variables():
    project = {setting.name for setting in DECLARED["calaccess_project"]}
    assert {
        "DJANGO_SECRET_KEY",
        "DJANGO_DEBUG",
        "DJANGO_ALLOWED_HOSTS",
        "DJANGO_LOG_LEVEL",
    } <= project


@pytest.mark.parametrize(
    "command", sorted(name for name, app in get_commands().items() if app in TOOLKIT_APPS)
)
def test_every_management_command_is_documented(command):
    assert f"`{command}" in README


def test_quick_start_is_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+$", quick_start, flags=re.MULTILINE)
    assert commands == ["make run", "make test"]
