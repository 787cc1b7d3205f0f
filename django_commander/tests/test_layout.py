"""The framework's modules import each other in one direction, at the top of each module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if {"tests", "migrations"} & set(relative.parts):
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        found[".".join(parts)] = ast.parse(path.read_text(), filename=str(path))
    return found


def is_type_checking_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"


def imported(name: str, tree: ast.Module, known: set[str]) -> set[str]:
    """The framework modules ``name`` imports when it runs (type-checking imports aside)."""
    package = name if any(m.startswith(name + ".") for m in known) else name.rsplit(".", 1)[0]
    targets = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            candidates = {base} | {f"{base}.{alias.name}" for alias in node.names}
            targets |= candidates & known
        elif isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names} & known
    targets.discard(name)
    return targets


def test_no_import_inside_a_function_or_class():
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                nested = [
                    child
                    for child in ast.walk(node)
                    if isinstance(child, ast.Import | ast.ImportFrom)
                ]
                assert not nested, f"{name}.{node.name} imports at line {nested[0].lineno}"


def test_no_import_cycle_between_the_frameworks_modules():
    trees = modules()
    known = set(trees)
    graph = {name: imported(name, tree, known) for name, tree in trees.items()}
    assert graph["django_commander.core"] >= {
        "django_commander.executor",
        "django_commander.registry",
    }
    assert "django_commander.core" not in graph["django_commander.registry"]
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        assert name not in path, "import cycle: " + " -> ".join([*path, name])
        if name in done:
            return
        for target in graph[name]:
            if not target.startswith(name + "."):  # a package importing its own modules
                visit(target, [*path, name])
        done.add(name)

    for name in graph:
        visit(name, [])
