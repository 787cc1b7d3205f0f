"""Commands made of steps, which resume where an interrupted run stopped.

A pipeline yields :class:`Step` objects, each naming another command with its parameters and
options. Steps are produced lazily, so a later step can depend on what an earlier one found (the
files an extraction produced, say). When the previous run of the pipeline with the same
parameters did not finish, the steps that succeeded since that attempt began are skipped: the plan
is "all steps minus recorded successes". ``--force-restart`` runs every step again.

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
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from django.db import connections, router

from .core import BasicCommand
from .errors import StepsFailed
from .parameters import parameters_hash


@dataclass(frozen=True)
class Step:
    """One command to run as part of a pipeline."""

    command: str
    parameters: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    #: Run alongside the steps after it (see the module's docstring).
    background: bool = False
    #: What a failure of this step does: ``stop`` the pipeline (re-raised at once), or
    #: ``continue`` with the next steps and end the pipeline with :class:`StepsFailed` (exit code
    #: 3, partial) naming every step that failed.
    on_failure: Literal["stop", "continue"] = "stop"

    def __str__(self) -> str:
        params = " ".join(str(value) for value in self.parameters.values())
        return f"{self.command} {params}".strip()


class PipelineCommand(BasicCommand):
    """Run steps in order, skipping those an interrupted earlier attempt already completed."""

    abstract = True

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
        self.failed_steps: list[tuple[Step, BaseException]] = []
        in_background = self.runs_steps_in_background()
        # Leaving the block waits for a background step, also when a later step failed.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name) as pool:
            ahead: tuple[Step, Future] | None = None
            for step in self.steps():
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
            raise StepsFailed(self.name, [(str(step), error) for step, error in self.failed_steps])
        return results

    def _settle(self, step: Step, outcome: Any, results: dict[str, Any]) -> None:
        """Store a step's value in ``results``, or apply its failure policy to its error."""
        try:
            results[str(step)] = outcome()
        except Exception as error:
            if step.on_failure != "continue":
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
        from .models import CommandLog

        return connections[router.db_for_write(CommandLog)].vendor != "sqlite"

    @staticmethod
    def depends_on(step: Step, earlier: Step) -> bool:
        """Whether ``step``'s command declares a dependency on ``earlier`` (same parameters)."""
        from .registry import commands

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
        """Start of the unfinished attempt this run continues, or None for a fresh start.

        That is the earliest of the runs since the last success (several failed attempts in a row
        form one attempt).
        """
        from .models import CommandLog

        earlier = CommandLog.objects.filter(
            command__name=self.name,
            command__parameters_hash=parameters_hash(self.parameters),
            test_mode=bool(self.options.get("test")),
        ).exclude(pk=self.run_log.pk)
        since = None
        for status, start_time in earlier.order_by("-start_time").values_list(
            "status", "start_time"
        ):
            if status == CommandLog.SUCCESS:
                break
            since = start_time
        return since

    def step_completed_since(self, step: Step, since: datetime) -> bool:
        from .models import CommandLog
        from .registry import commands

        parameters = commands[step.command].canonical_parameters(step.parameters)
        return CommandLog.objects.filter(
            command__name=step.command,
            command__parameters_hash=parameters_hash(parameters),
            status=CommandLog.SUCCESS,
            start_time__gte=since,
        ).exists()
