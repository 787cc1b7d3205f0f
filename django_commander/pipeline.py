"""Commands made of steps, which resume where an interrupted run stopped.

A pipeline declares the commands its steps may use (``step_commands``; discovery checks them
with the rest of the graph) and yields :class:`Step` objects, each naming one of them with its
parameters and options. Steps are produced lazily, so a later step can depend on what an earlier
one found (the files an extraction produced, say). When the previous run of the pipeline with the
same parameters did not finish (it was killed: its run was left "running"), the steps that
succeeded since that attempt began are skipped: the plan is "all steps minus recorded successes".
A run that ended failed or partial did finish: the next one starts afresh, unless the pipeline
sets ``resumes_failed`` (and then it should bound the attempt by what it works on, overriding
:meth:`PipelineCommand.interrupted_since`, as a release's update does). ``--force-restart`` runs
every step again.

Work that is not a step goes in two hooks: :meth:`PipelineCommand.before_steps` runs before the
first step (``resuming`` is known by then), :meth:`PipelineCommand.after_steps` after the last,
**only when every step succeeded**: it is where a pipeline declares its work done (finishing a
version, deleting files), which a partial run must not claim. After a partial run a pipeline
that ``resumes_failed`` retries the failed steps and then runs ``after_steps``.

Each step has a failure policy: ``stop`` (the default) re-raises its error at once; ``continue``
goes on with the next steps and ends the pipeline with the error of :meth:`steps_failed`
(:class:`StepsFailed`, exit code 3, partial, naming every step that failed).

A step marked ``background`` runs in a thread while the pipeline goes on with the steps after it
(cleaning the next file while the database loads this one, say). The pipeline waits for it
before the first later step that depends on it directly (by the commands' declared
``dependencies``), before the next background step (so at most one runs at a time) and before it
finishes; an error of the background step is raised there. When the command log is kept in
SQLite, which takes one writer at a time, background steps run in order like the others: a long
write of one step would make the other's log writes time out.
"""

from __future__ import annotations

import argparse
import contextvars
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Literal

from django.db import connections

from . import recorder
from .core import BasicCommand
from .errors import RegistryError, StepsFailed
from .parameters import parameters_hash
from .registry import commands


@dataclass(frozen=True)
class Step:
    """One command to run as part of a pipeline."""

    command: str
    parameters: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    #: Run alongside the steps after it (see the module's docstring).
    background: bool = False
    #: What a failure of this step does: ``stop`` the pipeline (re-raised at once), or
    #: ``continue`` with the next steps and end the pipeline partial (see the module's docstring).
    on_failure: Literal["stop", "continue"] = "stop"

    def __str__(self) -> str:
        params = " ".join(str(value) for value in self.parameters.values())
        return f"{self.command} {params}".strip()


class PipelineCommand(BasicCommand):
    """Run steps in order, skipping those an interrupted earlier attempt already completed."""

    abstract = True
    #: Every command a step of this pipeline may name; a concrete pipeline must declare them.
    step_commands: ClassVar[Sequence[str] | None] = None
    #: Whether a run after one that finished failed or partial resumes it (retrying only the
    #: failed steps) rather than starting afresh; an attempt left running (killed) always resumes.
    resumes_failed: ClassVar[bool] = False

    @classmethod
    def add_framework_arguments(cls, parser: argparse.ArgumentParser) -> None:
        super().add_framework_arguments(parser)
        parser.add_argument(
            "--force-restart",
            action="store_true",
            help="Start from the first step even if an earlier attempt was interrupted.",
        )

    def steps(self) -> Iterable[Step]:
        """Yield the steps to run, in order."""
        raise NotImplementedError

    def before_steps(self) -> None:
        """Prepare the run; called once, before the first step (``resuming`` is known)."""

    def after_steps(self, results: dict[str, Any]) -> None:
        """Finish the run; called after the last step, only when every step succeeded."""

    def steps_failed(self, failures: list[tuple[Step, Exception]]) -> Exception:
        """The error a run ends with when ``continue`` steps failed; :class:`StepsFailed`."""
        return StepsFailed(self.name, [(str(step), error) for step, error in failures])

    def step_options(self, step: Step) -> dict[str, Any]:
        """Options passed to every step; the pipeline's own --noinput by default."""
        return {"noinput": self.noinput, **step.options}

    @property
    def resuming(self) -> bool:
        """Whether this run continues an interrupted attempt (known once ``run`` started)."""
        return self.resume_since is not None

    def run(self) -> dict[str, Any]:
        self.resume_since = None
        if not self.options.get("force_restart"):
            self.resume_since = self.interrupted_since()
        if self.resume_since:
            self.say(f"Resuming the run of {self.name} interrupted at {self.resume_since:%c}.")
        results: dict[str, Any] = {}
        self.failed_steps: list[tuple[Step, Exception]] = []
        in_background = self.runs_steps_in_background()
        self.before_steps()
        # Leaving the block waits for a background step, also when a later step failed.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name) as pool:
            ahead: tuple[Step, Future] | None = None
            for step in self.steps():
                self._check_declared(step)
                if self.resume_since and self.step_completed_since(step, self.resume_since):
                    self.say(f"Skipping {step}: already done in the interrupted run.", level=2)
                    continue
                if ahead and (step.background or self.depends_on(step, ahead[0])):
                    self._settle(ahead[0], ahead[1].result, results)
                    ahead = None
                if step.background and in_background:
                    context = contextvars.copy_context()  # the step's log links to this run's
                    ahead = (step, pool.submit(context.run, self._run_step_in_thread, step))
                else:
                    self._settle(step, lambda step=step: self._run_step(step), results)
            if ahead:
                self._settle(ahead[0], ahead[1].result, results)
        if self.failed_steps:
            raise self.steps_failed(self.failed_steps)
        self.after_steps(results)
        return results

    def _check_declared(self, step: Step) -> None:
        if step.command not in (self.step_commands or ()):
            raise RegistryError(
                f"{self.name} yielded a step of {step.command!r}, which is not among its "
                f"step_commands ({', '.join(self.step_commands or ())})"
            )

    def _settle(self, step: Step, outcome: Any, results: dict[str, Any]) -> None:
        """Store a step's value in ``results``, or apply its failure policy to its error."""
        try:
            results[str(step)] = outcome()
        except Exception as error:
            if step.on_failure != "continue" or getattr(error, "halts_pipeline", False):
                raise
            self.say(f"{step} failed, going on with the next steps: {error}")
            self.failed_steps.append((step, error))

    def _run_step(self, step: Step) -> Any:
        return self.call(step.command, **step.parameters, **self.step_options(step))

    def _run_step_in_thread(self, step: Step) -> Any:
        try:
            return self._run_step(step)
        finally:
            connections.close_all()  # the thread's own connections

    def runs_steps_in_background(self) -> bool:
        """Whether background steps may run alongside later ones: not when the command log is
        kept in SQLite (see the module's docstring)."""
        return recorder.log_vendor() != "sqlite"

    @staticmethod
    def depends_on(step: Step, earlier: Step) -> bool:
        """Whether ``step``'s command declares a dependency on ``earlier`` (same parameters)."""
        command = commands[step.command]
        needed = commands[earlier.command].canonical_parameters(earlier.parameters)
        return any(
            name == earlier.command
            and parameters_hash(commands[name].canonical_parameters(values))
            == parameters_hash(needed)
            for name, values in command.dependencies_for(
                command.canonical_parameters(step.parameters)
            )
        )

    def interrupted_since(self) -> datetime | None:
        """Start of the unfinished attempt this run continues, or None for a fresh start."""
        return recorder.interrupted_since(
            self.name,
            self.parameters,
            test_mode=bool(self.options.get("test")),
            current=self.run_log,
            failed_too=self.resumes_failed,
        )

    def step_completed_since(self, step: Step, since: datetime) -> bool:
        parameters = commands[step.command].canonical_parameters(step.parameters)
        return recorder.succeeded_since(step.command, parameters, since)
