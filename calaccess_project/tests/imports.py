"""The project's import graph, read from the source with ``ast``: nothing is imported to build it.

Every ``import`` statement counts, wherever it stands (module level, inside a function, under
``TYPE_CHECKING``): an import that breaks a house rule is a dependency whether it runs at start-up
or later. Imports of other distributions (Django, the standard library…) are kept as written;
imports of the project's own packages are resolved to the module they name, so
``from calaccess_raw import schema`` is an import of ``calaccess_raw.schema``.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: The project's packages, in the order "may be imported by": each may import those before it.
APP_ORDER = (
    "calaccess_toolkit",
    "django_commander",
    "calaccess_raw",
    "calaccess_scraped",
    "calaccess_processed",
    "calaccess_web",
    "calaccess_job",
    "calaccess_benchmark",
    "calaccess_project",
)
#: Developer tools: installed only with ``DEBUG`` on; they may use the test helpers.
DEVELOPER_APPS = ("calaccess_benchmark",)
TEST_HELPERS = "calaccess_toolkit.testing"


@dataclass(frozen=True)
class Import:
    """One imported module, and the line of the importing file that names it."""

    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{module_path(self.importer)}:{self.line} imports {self.imported}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(name: str) -> str:
    return str(project_modules()[name].relative_to(ROOT))


@functools.cache
def project_modules() -> dict[str, Path]:
    """Every module of the project's packages, by dotted name."""
    found = {}
    for package in APP_ORDER:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def _resolve(name: str) -> str:
    """The project module ``name`` stands for (a ``from`` package's submodule, or its package)."""
    modules = project_modules()
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def _imports_of(name: str, path: Path) -> list[Import]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names]
            if base.split(".")[0] not in APP_ORDER:
                targets = [base]
        else:
            continue
        for target in targets:
            own = target.split(".")[0] in APP_ORDER
            found.append(Import(name, _resolve(target) if own else target, node.lineno))
    return found


@functools.cache
def all_imports() -> tuple[Import, ...]:
    """Every import of every module of the project."""
    return tuple(
        found for name, path in project_modules().items() for found in _imports_of(name, path)
    )


def app_of(module: str) -> str:
    return module.split(".")[0]


def is_test_code(module: str) -> bool:
    """Test modules, their support files, and the toolkit's test helpers."""
    parts = module.split(".")
    return "tests" in parts or parts[-1] == "conftest" or module.startswith(TEST_HELPERS)


def is_developer_code(module: str) -> bool:
    """Developer tools (the benchmark): not production code, not installed in production."""
    return app_of(module) in DEVELOPER_APPS


def is_command(module: str) -> bool:
    """A framework command module (``<app>/commands/…``)."""
    return "commands" in module.split(".")[1:2]


def loaded_with(module: str) -> set[str]:
    """``module`` and every project module importing it loads, its packages' ``__init__`` too."""
    edges: dict[str, set[str]] = {}
    for found in all_imports():
        edges.setdefault(found.importer, set()).add(found.imported)
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for size in range(1, len(parts) + 1):
            parent = ".".join(parts[:size])
            if parent not in seen:
                seen.add(parent)
                todo.extend(edges.get(parent, ()))
    return seen
