"""Errors of the OCD loaders: each one line, naming what could not be placed."""

from __future__ import annotations

from calaccess_toolkit.errors import PartialFailure, ToolkitError


class UnknownOffice(ToolkitError):
    """An office name the loaders cannot map to a post (a new kind of office on the website)."""


class UnknownDivision(ToolkitError):
    """A district the package's division list does not have."""


class ElectionsUndated(PartialFailure):
    """Elections left out because no date is known for them; the others were loaded."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(
            f"No date is known for {len(names)} election(s), which were not loaded: "
            + "; ".join(names)
        )
