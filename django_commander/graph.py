"""The graph of commands, checked once at discovery so that mistakes fail at start-up.

Edges are a command's declared dependencies and, for a pipeline, the commands its steps may use
(``step_commands``). Discovery rejects an edge to an unknown command, a ``since`` naming an epoch
nobody registered, a pipeline that does not declare its steps, and any cycle: a misspelt step
fails when the registry loads, not at step 14 of a nightly run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .dependencies import as_dependency
from .epochs import is_registered
from .errors import RegistryError


def edges(name: str, command_class: Any) -> list[str]:
    """The commands ``command_class`` needs or runs, after checking its declarations."""
    found = []
    for declared in command_class.dependencies:
        dependency = as_dependency(declared)
        if isinstance(dependency.since, str) and not is_registered(dependency.since):
            raise RegistryError(
                f"{name} depends on {dependency.command} since {dependency.since!r}, "
                "which no app registers as an epoch"
            )
        found.append(dependency.command)
    steps = command_class.step_commands
    if steps is None:
        raise RegistryError(f"{name} is a pipeline and must declare its step_commands")
    return found + list(steps)


def validate(found: Mapping[str, Any]) -> None:
    """Reject unknown commands, unknown epochs, undeclared steps and cycles, naming them."""
    graph = {name: edges(name, command_class) for name, command_class in found.items()}
    for name, command_class in found.items():
        for declared in command_class.dependencies:
            if as_dependency(declared).command not in found:
                unknown = as_dependency(declared).command
                raise RegistryError(f"{name} depends on unknown command {unknown!r}")
        for step in command_class.step_commands:
            if step not in found:
                raise RegistryError(f"{name} declares a step of unknown command {step!r}")
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = " -> ".join([*path[path.index(name) :], name])
            raise RegistryError(f"dependency cycle: {cycle}")
        if name in done:
            return
        for target in graph[name]:
            visit(target, [*path, name])
        done.add(name)

    for name in graph:
        visit(name, [])


def dependency_order(names: Sequence[str], found: Mapping[str, Any]) -> list[str]:
    """``names`` with each after the ones among them it depends on, else in the given order.

    A pipeline lists its steps; the declared dependencies, not the list, decide what runs
    first (the list only breaks ties), so adding a dependency reorders the run.
    """
    wanted = set(names)
    needs = {
        name: {as_dependency(d).command for d in found[name].dependencies} & wanted
        for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and needs[n] <= set(ordered)]
        if not ready:
            raise RegistryError(
                "dependency cycle among: " + ", ".join(sorted(wanted - set(ordered)))
            )
        ordered.append(ready[0])
    return ordered
