"""Typed errors of the command framework, each with a message a user can act on."""

from django.core.exceptions import ImproperlyConfigured

from calaccess_toolkit.errors import PartialFailure, ToolkitError, UsageError


class CommanderError(ToolkitError):
    """Base of the framework's own errors."""


class UnknownCommand(CommanderError, UsageError, KeyError):
    """No command of that name was discovered."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ParameterError(CommanderError, UsageError, TypeError):
    """A command was built with missing or unknown parameters or options."""


class DependencyMissing(CommanderError):
    """A command's dependencies have no successful run for the parameters it needs."""

    def __init__(self, command: str, missing: list[tuple[str, dict]]) -> None:
        self.command = command
        self.missing = missing
        listed = ", ".join(f"{name} {params or ''}".strip() for name, params in missing)
        super().__init__(
            f"{command} depends on {listed}, which has not run successfully; run it first "
            "or pass --ignore-dependencies"
        )


class RegistryError(CommanderError, ImproperlyConfigured):
    """Command discovery found a duplicate name, an unknown dependency or a dependency cycle."""


class StepsFailed(CommanderError, PartialFailure):
    """Steps of a pipeline whose failure policy is ``continue`` failed; the others ran."""

    def __init__(self, pipeline: str, failures: list[tuple[str, BaseException]]) -> None:
        self.pipeline = pipeline
        self.failures = failures
        listed = "; ".join(f"{step} ({type(error).__name__}: {error})" for step, error in failures)
        super().__init__(
            f"{pipeline} finished partially: {len(failures)} step(s) failed, the others ran: "
            f"{listed}"
        )
