"""What a command needs to have run before it: declared once, resolved for each run.

A command's ``dependencies`` are :class:`Dependency` objects, or the older ``(name, parameters)``
tuples, which mean the same with no ``since``. ``parameters`` is a mapping whose values may be
callables of the dependent command's parameters, or one callable returning the whole mapping.
``since`` bounds which successes count: the name of an epoch (see :mod:`django_commander.epochs`),
or a callable returning a moment; a success counts when it *finished* at or after that moment (the
run that records a new release is itself about that release, though it started before it was
recorded). No moment yet (no release downloaded, say) means any success counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .epochs import epoch_moment

ParameterSpec = Mapping[str, Any] | Callable[[dict[str, Any]], Mapping[str, Any]]
#: An epoch's name, or a callable returning the moment successes must have finished after.
Since = str | Callable[[], datetime | None] | None


@dataclass(frozen=True)
class Dependency:
    """A command that must have succeeded (with these parameters, since this moment) first."""

    command: str
    parameters: ParameterSpec = field(default_factory=dict)
    since: Since = None

    def parameters_for(self, parameters: Mapping[str, Any]) -> dict[str, Any]:
        """The dependency's parameters worked out from the dependent command's."""
        if callable(self.parameters):
            return dict(self.parameters(parameters))
        return {
            key: value(parameters) if callable(value) else value
            for key, value in self.parameters.items()
        }

    def moment(self) -> datetime | None:
        """The moment a success must have finished after, as things stand now."""
        if self.since is None:
            return None
        if isinstance(self.since, str):
            return epoch_moment(self.since)
        return self.since()


def as_dependency(declared: Dependency | tuple[str, ParameterSpec]) -> Dependency:
    """A declared dependency in its one form (tuples are the older spelling)."""
    if isinstance(declared, Dependency):
        return declared
    name, parameters = declared
    return Dependency(name, parameters)
