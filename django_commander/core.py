"""The command contract: declared parameters, options and dependencies, and ``run``.

A command is a class with ``add_arguments`` (argparse: positional arguments are *parameters*,
which identify a run; ``--flags`` are *options*, which tune it) and a ``run`` method. Calling
``run()`` goes through :mod:`django_commander.executor`, which checks the declared dependencies
and has :mod:`django_commander.recorder` log the run; a failure is logged **and** re-raised.
Each call of ``run()`` is a run of its own, logged and checked afresh, also on the same object.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, ClassVar

from django.core.management.base import OutputWrapper

from . import executor, registry
from .caching import uses_cache
from .dependencies import Dependency, ParameterSpec, as_dependency
from .errors import ParameterError
from .progress import progress_bar

#: The older spelling of a dependency, still accepted: ``(command name, parameters)``.
DependencySpec = ParameterSpec

#: Keyword arguments every command accepts besides its own parameters and options.
RUNTIME_KEYWORDS = ("stdout", "stderr", "stdin", "interactive", "celery_task_id", "verbosity")


def _logged(run: Callable[..., Any]) -> Callable[..., Any]:
    """Route the outermost call of a subclass's ``run`` through the executor."""

    @functools.wraps(run)
    def wrapper(self: BasicCommand, *args: Any, **kwargs: Any) -> Any:
        if self._running:  # a super().run() call inside the command: part of the same run
            return run(self, *args, **kwargs)
        self._running = True
        try:
            return executor.execute(self, functools.partial(run, self, *args, **kwargs))
        finally:
            self._running = False

    wrapper.__logged__ = True
    return wrapper


class BasicCommand:
    """A logged, dependency-checked pipeline step. Subclasses implement :meth:`run`."""

    #: Set by the registry at discovery: the module's path below its commands folder.
    name: ClassVar[str] = ""
    #: First line of the docstring unless set.
    help: ClassVar[str] = ""
    #: Abstract classes are skipped by discovery.
    abstract: ClassVar[bool] = True
    #: Commands that must have run successfully first: :class:`Dependency` objects (which may
    #: say ``since`` when), or ``(command name, parameters)`` pairs. Parameters are a mapping
    #: whose values may be callables of this command's parameters, or one such callable.
    dependencies: ClassVar[Sequence[Dependency | tuple[str, DependencySpec]]] = ()
    #: The commands this one runs as steps (pipelines declare them; checked at discovery).
    step_commands: ClassVar[Sequence[str] | None] = ()
    #: Parameters and options used by ``--test``.
    test_parameters: ClassVar[Mapping[str, Any]] = {}
    test_options: ClassVar[Mapping[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.abstract = cls.__dict__.get("abstract", False)
        if "help" not in cls.__dict__:
            cls.help = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        run = cls.__dict__.get("run")
        if run is not None and not getattr(run, "__logged__", False):
            cls.run = _logged(run)
        registry.declare(cls)

    # -- arguments ---------------------------------------------------------------------------

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """Declare parameters (positional) and options (``--flags``) with argparse."""

    @classmethod
    def add_framework_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """Options the framework gives every command; base classes extend this."""
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_true",
            dest="noinput",
            help="Never prompt: take the default answer, and fail on missing dependencies.",
        )
        parser.add_argument(
            "--ignore-dependencies",
            action="store_true",
            help="Run even if the commands this one depends on have not run successfully.",
        )
        parser.add_argument(
            "--test",
            action="store_true",
            help="Run with the command's test parameters and options (a small, quick run).",
        )
        if uses_cache(cls):
            parser.add_argument(
                "--refresh-cache",
                action="store_true",
                help="Fetch afresh instead of reusing cached downloads, and update the cache.",
            )

    @classmethod
    def add_all_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """The command's own arguments plus the framework's, as the shell offers them.

        Parameters that ``--test`` supplies become optional on the shell, so ``--test`` alone
        is enough; without it, a missing parameter is still an error when the command is built.
        """
        cls.add_arguments(parser)
        for action in parser._actions:
            if not action.option_strings and action.dest in cls.test_parameters:
                action.nargs, action.default, action.required = "?", None, False
        cls.add_framework_arguments(parser)

    @classmethod
    def argument_parser(cls) -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog=cls.name, description=cls.help, add_help=False)
        cls.add_all_arguments(parser)
        return parser

    @classmethod
    def parameter_actions(cls) -> list[argparse.Action]:
        """The positional arguments: the parameters, in declaration order."""
        parser = argparse.ArgumentParser(add_help=False)
        cls.add_arguments(parser)
        return [action for action in parser._actions if not action.option_strings]

    @classmethod
    def canonical_parameters(cls, parameters: Mapping[str, Any]) -> dict[str, Any]:
        """Coerce text values with each parameter's argparse ``type`` so shell and code agree."""
        types = {action.dest: action.type for action in cls.parameter_actions()}
        coerced = {}
        for key, value in parameters.items():
            kind = types.get(key)
            coerced[key] = kind(value) if kind and isinstance(value, str) else value
        return coerced

    # -- construction --------------------------------------------------------------------------

    def __init__(
        self,
        *args: Any,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdin: IO[str] | None = None,
        interactive: bool = False,
        celery_task_id: str = "",
        verbosity: int = 1,
        **kwargs: Any,
    ) -> None:
        parameter_names = [action.dest for action in self.parameter_actions()]
        if len(args) > len(parameter_names):
            raise ParameterError(
                f"{self.name} takes {len(parameter_names)} parameter(s), got {len(args)}"
            )
        parameters = dict(zip(parameter_names, args, strict=False))
        option_defaults = {
            action.dest: action.default
            for action in self.argument_parser()._actions
            if action.option_strings
        }
        options: dict[str, Any] = {}
        for key, value in kwargs.items():
            if key in parameter_names:
                if value is not None:  # an optional shell parameter left out
                    parameters[key] = value
            elif key in option_defaults:
                options[key] = value
            else:
                raise ParameterError(f"{self.name} has no parameter or option {key!r}")
        if options.get("test"):
            # An option left at its default (the shell passes them all) yields to test_options.
            given = {
                key: value
                for key, value in options.items()
                if key not in self.test_options or value != option_defaults[key]
            }
            parameters = {**self.test_parameters, **parameters}
            options = {**self.test_options, **given}
        missing = [name for name in parameter_names if name not in parameters]
        if missing:
            raise ParameterError(f"{self.name} needs the parameter(s) {', '.join(missing)}")
        self.parameters: dict[str, Any] = self.canonical_parameters(parameters)
        self.options: dict[str, Any] = {**option_defaults, **options, "verbosity": verbosity}
        self.verbosity = verbosity
        self.interactive = interactive
        self.celery_task_id = celery_task_id or ""
        self.stdout = (
            stdout if isinstance(stdout, OutputWrapper) else OutputWrapper(stdout or sys.stdout)
        )
        self.stderr = (
            stderr if isinstance(stderr, OutputWrapper) else OutputWrapper(stderr or sys.stderr)
        )
        self.stdin = stdin or sys.stdin
        self.logger = logging.getLogger(f"django_commander.{self.name or type(self).__name__}")
        #: The log row of the latest run of this object (None before the first).
        self.run_log = None
        self._running = False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.parameters}>"

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> Any:
        """The command's work; return a value for programmatic callers."""
        raise NotImplementedError(f"{type(self).__name__} must implement run()")

    # -- dependencies --------------------------------------------------------------------------

    def dependency_parameters(self) -> list[tuple[str, dict[str, Any]]]:
        """The declared dependencies with their parameters worked out for this run."""
        return self.dependencies_for(self.parameters)

    @classmethod
    def dependencies_for(cls, parameters: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """The declared dependencies with their parameters worked out for ``parameters``
        (canonical, as :meth:`canonical_parameters` makes them)."""
        return [
            (dependency.command, dependency.parameters_for(parameters))
            for dependency in map(as_dependency, cls.dependencies)
        ]

    def unmet_dependencies(self) -> list[tuple[str, dict[str, Any]]]:
        """Dependencies with no recent enough, successful, non-test run for their parameters."""
        return executor.unmet_dependencies(self)

    # -- helpers for command code --------------------------------------------------------------

    @property
    def noinput(self) -> bool:
        return bool(self.options.get("noinput"))

    def say(self, message: str, level: int = 1) -> None:
        """Tell the user what happened (at ``verbosity >= level``) and log it."""
        self.logger.info(message)
        if self.verbosity >= level:
            self.stdout.write(message)

    def confirm(self, question: str, default: bool = True) -> bool:
        """Ask y/n; under --noinput take ``default`` unasked. Answers are compared as text."""
        if self.noinput:
            return default
        self.stdout.write(f"{question} [y/n] ", ending="")
        self.stdout.flush()
        answer = self.stdin.readline()
        return answer.strip().lower() in {"y", "yes"}

    def progress(self, iterable: Any = None, **kwargs: Any):
        """A progress bar that draws only on a terminal and only at verbosity >= 1."""
        return progress_bar(iterable, verbosity=self.verbosity, **kwargs)

    def call(self, name: str, *parameters: Any, **options: Any) -> Any:
        """Run another command with this one's output, verbosity and prompting; return its value."""
        options.setdefault("noinput", self.noinput)
        return registry.commands[name](
            *parameters,
            stdout=self.stdout,
            stderr=self.stderr,
            stdin=self.stdin,
            interactive=self.interactive,
            celery_task_id=self.celery_task_id,
            verbosity=self.verbosity,
            **options,
        ).run()
