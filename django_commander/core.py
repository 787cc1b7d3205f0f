"""The base of every command: declared parameters and options, dependencies, and a logged run.

A command is a class with ``add_arguments`` (argparse: positional arguments are *parameters*,
which identify a run; ``--flags`` are *options*, which tune it) and a ``run`` method. Calling
``run()`` checks the declared dependencies against the log, records a :class:`CommandLog` row,
runs the subclass's code and records how it ended. A failure is logged **and** re-raised.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, ClassVar

from django.core.management.base import OutputWrapper
from django.utils import timezone

from .caching import uses_cache
from .current import reset_current_log, set_current_log
from .errors import DependencyMissing, ParameterError
from .parameters import canonical_json, parameters_hash
from .progress import progress_bar

DependencySpec = Mapping[str, Any] | Callable[[dict[str, Any]], Mapping[str, Any]]

#: Keyword arguments every command accepts besides its own parameters and options.
RUNTIME_KEYWORDS = ("stdout", "stderr", "stdin", "interactive", "celery_task_id", "verbosity")


def _logged(run: Callable[..., Any]) -> Callable[..., Any]:
    """Route the outermost call of a subclass's ``run`` through ``BasicCommand._execute``."""

    @functools.wraps(run)
    def wrapper(self: BasicCommand, *args: Any, **kwargs: Any) -> Any:
        if self.run_log is not None:  # already running: a super().run() call inside the command
            return run(self, *args, **kwargs)
        return self._execute(functools.partial(run, self, *args, **kwargs))

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
    #: (command name, parameters) pairs that must have run successfully first. Parameters are a
    #: mapping whose values may be callables of this command's parameters, or one such callable.
    dependencies: ClassVar[Sequence[tuple[str, DependencySpec]]] = ()
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
        self.run_log = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.parameters}>"

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> Any:
        """The command's work; return a value for programmatic callers."""
        raise NotImplementedError(f"{type(self).__name__} must implement run()")

    def _execute(self, work: Callable[[], Any]) -> Any:
        from .models import Command, CommandLog

        if not self.options.get("ignore_dependencies"):
            self._check_dependencies()
        command, _ = Command.objects.get_or_create(
            name=self.name,
            parameters_hash=parameters_hash(self.parameters),
            defaults={"parameters": canonical_json(self.parameters)},
        )
        self.run_log = CommandLog.objects.create(
            command=command,
            start_time=timezone.now(),
            options=json.dumps(self.options, sort_keys=True, default=str),
            celery_task_id=self.celery_task_id,
            test_mode=bool(self.options.get("test")),
        )
        token = set_current_log(self.run_log)
        self.logger.info("started %s %s", self.name, self.parameters)
        try:
            result = work()
        except BaseException as error:
            self.run_log.status = CommandLog.FAILURE
            self.run_log.error_class = f"{type(error).__module__}.{type(error).__qualname__}"
            self.run_log.error_message = str(error)
            self.run_log.traceback = traceback.format_exc()
            self.logger.error("failed %s %s: %s", self.name, self.parameters, error)
            raise
        else:
            self.run_log.status = CommandLog.SUCCESS
            self.logger.info("finished %s %s", self.name, self.parameters)
            return result
        finally:
            reset_current_log(token)
            self.run_log.end_time = timezone.now()
            self.run_log.save()

    # -- dependencies --------------------------------------------------------------------------

    def dependency_parameters(self) -> list[tuple[str, dict[str, Any]]]:
        """The declared dependencies with their parameters worked out for this run."""
        return self.dependencies_for(self.parameters)

    @classmethod
    def dependencies_for(cls, parameters: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """The declared dependencies with their parameters worked out for ``parameters``
        (canonical, as :meth:`canonical_parameters` makes them)."""
        resolved = []
        for name, spec in cls.dependencies:
            if callable(spec):
                values = dict(spec(parameters))
            else:
                values = {
                    key: value(parameters) if callable(value) else value
                    for key, value in spec.items()
                }
            resolved.append((name, values))
        return resolved

    def unmet_dependencies(self) -> list[tuple[str, dict[str, Any]]]:
        """Dependencies with no successful, non-test run for their parameters."""
        from .models import CommandLog
        from .registry import commands

        missing = []
        for name, values in self.dependency_parameters():
            values = commands[name].canonical_parameters(values)
            done = CommandLog.objects.filter(
                command__name=name,
                command__parameters_hash=parameters_hash(values),
                status=CommandLog.SUCCESS,
                test_mode=False,
            ).exists()
            if not done:
                missing.append((name, values))
        return missing

    def _check_dependencies(self) -> None:
        missing = self.unmet_dependencies()
        if not missing:
            return
        error = DependencyMissing(self.name, missing)
        if self.interactive and not self.options.get("noinput"):
            if self.confirm(f"{error.args[0].split('; ')[0]}. Run anyway?", default=False):
                return
        raise error

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
        from .registry import commands

        options.setdefault("noinput", self.noinput)
        return commands[name](
            *parameters,
            stdout=self.stdout,
            stderr=self.stderr,
            stdin=self.stdin,
            interactive=self.interactive,
            celery_task_id=self.celery_task_id,
            verbosity=self.verbosity,
            **options,
        ).run()
