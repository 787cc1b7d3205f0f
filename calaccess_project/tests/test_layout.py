"""The house rules of the README's "Code layout", checked on every import of the source.

Each test lists every offending import (file, line, module) so a failure says what to move.
"""

from __future__ import annotations

from .imports import (
    APP_ORDER,
    all_imports,
    app_of,
    is_command,
    is_developer_code,
    is_test_code,
    loaded_with,
)

#: The framework's command classes: commands use them, library packages do not.
COMMAND_CLASSES = ("django_commander.base", "django_commander.core", "django_commander.pipeline")


def _offending(rule) -> list[str]:
    return sorted({str(found) for found in all_imports() if rule(found)})


def test_nothing_imports_an_app_above_its_own():
    rank = {app: position for position, app in enumerate(APP_ORDER)}

    def upward(found):
        imported = app_of(found.imported)
        return imported in rank and rank[imported] > rank[app_of(found.importer)]

    assert _offending(upward) == []


def test_library_packages_do_not_import_the_frameworks_command_classes():
    def library_uses_commands(found):
        importer = found.importer
        return (
            found.imported.startswith(COMMAND_CLASSES)
            and app_of(importer) != "django_commander"
            and not is_command(importer)
            and not is_test_code(importer)
        )

    assert _offending(library_uses_commands) == []


def test_commands_do_not_import_other_commands():
    def command_imports_command(found):
        return (
            is_command(found.importer)
            and is_command(found.imported)
            and found.imported != found.importer
            and found.imported.rpartition(".")[2] != "commands"
        )

    assert _offending(command_imports_command) == []


def test_production_code_does_not_import_test_helpers():
    def production_imports_tests(found):
        production = not is_test_code(found.importer) and not is_developer_code(found.importer)
        return production and is_test_code(found.imported)

    assert _offending(production_imports_tests) == []


def test_the_typing_rules_load_without_django():
    loaded = loaded_with("calaccess_raw.values")
    for module in ("calaccess_raw.values.rules", "calaccess_raw.values.column_rules"):
        loaded |= loaded_with(module)
    loaded |= loaded_with("calaccess_raw.values.lines")
    assert "calaccess_raw.values.rules" in loaded
    assert sorted(name for name in loaded if app_of(name) == "django") == []


def test_the_walk_finds_the_imports_it_checks():
    """The rules above pass vacuously if the walk finds nothing: pin a few known edges."""
    edges = {(found.importer, found.imported) for found in all_imports()}
    assert ("calaccess_raw.loading.flags", "calaccess_raw.values.lines") in edges
    assert ("calaccess_raw.values.column_rules", "calaccess_raw.values.rules") in edges
    assert ("calaccess_raw.loading.base", "django.db.backends.base.base") in edges
    assert (
        "calaccess_benchmark.commands.benchmark_raw_data",
        "calaccess_toolkit.testing.fixtures",
    ) in edges
