"""Commands made of steps, which resume where an interrupted run stopped.

A pipeline declares the commands its steps may use (``step_commands``; discovery checks them
with the rest of the graph) and yields :class:`Step` objects, each naming one of them with its
parameters and options. Steps are produced lazily, so a later step can depend on what an earlier
one found (the files an extraction produced, say). When the previous run of the pipeline with the
same parameters did not finish (it was killed: its run was left "running"), the steps that
succeeded since that attempt began are skipped: the plan is "all steps minus recorded successes".
A run that ended failed or partial did finish: the next one starts afresh, unless the pipeline
sets ``resumes_failed`` (and then it should bound the attempt by what it works on, overriding
:meth:`PipelineCommand.interrupted_since`, as a release's update does). A pipeline whose every
step resumes itself sets ``resumes = False`` and always runs every step. ``--force-restart`` runs
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
finishes; an error of the background step is raised there.

A step marked ``concurrent`` runs side by side with other concurrent steps, up to
``DJANGO_COMMANDER_PARALLEL_STEPS`` at once (default: the machine's cores), each in a thread with
its own database connection, as soon as every earlier step it depends on (by the commands'
declared ``dependencies``) has finished; among the ready ones, the earliest yielded starts first.
A step marked neither way waits for every earlier concurrent step, runs in the pipeline's own
thread, and the pipeline asks for the steps after it only once it is done (so a step can still
depend on what it found). Resume, logging, tracking and failure policies are the same either way.

With ``--workers celery`` (or ``DJANGO_COMMANDER_STEP_WORKERS``) each concurrent or background
step is sent to a Celery worker as a :data:`~django_commander.tasks.run_command_task` instead,
and its thread waits for the task's result; plain steps still run in the pipeline's process. The
worker logs the step's run, with the task id, in the same command log, so resuming and
dependencies work as with threads; files pass between steps through shared storage (the same
data folder on every machine).

When the command log is kept in SQLite, which takes one writer at a time, background and
concurrent steps run in order like the others: a long write of one step would make the other's
log writes time out (and Celery workers are refused).
"""

from __future__ import annotations

import argparse
import contextvars
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar, Literal

from django.utils import timezone

from calaccess_toolkit import conf
from calaccess_toolkit.errors import UsageError

from . import recorder
from .core import BasicCommand
from .errors import RegistryError, StepsFailed
from .parameters import parameters_hash
from .registry import commands
from .step_threads import StepThreads
from .tasks import run_command_task


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
    #: Run side by side with other concurrent steps once its dependencies are done (see the
    #: module's docstring).
    concurrent: bool = False

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
    #: False for a pipeline that never resumes: each of its steps resumes its own interrupted work
    #: and skips what is already done, so skipping one would only skip new work (a nightly job).
    resumes: ClassVar[bool] = True

    @classmethod
    def add_framework_arguments(cls, parser: argparse.ArgumentParser) -> None:
        super().add_framework_arguments(parser)
        parser.add_argument(
            "--force-restart",
            action="store_true",
            help="Start from the first step even if an earlier attempt was interrupted.",
        )
        parser.add_argument(
            "--workers",
            choices=("threads", "celery"),
            help="Where concurrent steps run: threads of this process, or Celery workers "
            "(default: the DJANGO_COMMANDER_STEP_WORKERS setting, threads).",
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
        if self.resumes and not self.options.get("force_restart"):
            self.resume_since = self.interrupted_since()
        if self.resume_since:
            self.say(f"Resuming the run of {self.name} interrupted at {self.resume_since:%c}.")
        results: dict[str, Any] = {}
        self.failed_steps: list[tuple[Step, Exception]] = []
        slots = self.parallel_steps()
        if self.step_workers() == "celery" and not slots:
            raise UsageError(
                f"{self.name}: Celery workers need the command log in a database server that "
                "every worker reaches, not SQLite"
            )
        self.before_steps()
        # Leaving the block waits for the steps still running, also when a later step failed.
        with StepThreads(max_workers=max(slots, 1), thread_name_prefix=self.name) as pool:
            self._step_threads = pool
            _Schedule(self, pool, slots, results).run(self._planned_steps())
        if self.failed_steps:
            raise self.steps_failed(self.failed_steps)
        self.after_steps(results)
        return results

    def _planned_steps(self) -> Iterator[_Planned]:
        """The steps to run, with what each depends on; those done before an interruption are
        left out."""
        for step in self.steps():
            self._check_declared(step)
            if self.resume_since and self.step_completed_since(step, self.resume_since):
                self.say(f"Skipping {step}: already done in the interrupted run.", level=2)
                continue
            command = commands[step.command]
            parameters = command.canonical_parameters(step.parameters)
            yield _Planned(
                step,
                _step_key(step.command, parameters),
                {_step_key(name, values) for name, values in command.dependencies_for(parameters)},
            )

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
        # The thread's own connections stay open from one step to its next (see StepThreads).
        self._step_threads.before_step()
        try:
            if self.step_workers() == "celery":
                return self._run_step_on_celery(step)
            return self._run_step(step)
        finally:
            self._step_threads.after_step()

    def _run_step_on_celery(self, step: Step) -> Any:
        """Send the step to a Celery worker and wait for its result (or its error)."""
        options = {"verbosity": self.verbosity, **self.step_options(step)}
        result = run_command_task.apply_async(
            args=[step.command],
            kwargs={"parameters": dict(step.parameters), "options": options},
            queue=conf.get("DJANGO_COMMANDER_CELERY_QUEUE") or None,
        )
        return result.get(propagate=True)

    def step_workers(self) -> str:
        """``threads`` or ``celery``: where concurrent and background steps run."""
        return self.options.get("workers") or conf.get("DJANGO_COMMANDER_STEP_WORKERS")

    def runs_steps_in_background(self) -> bool:
        """Whether background and concurrent steps may run alongside others: not when the
        command log is kept in SQLite (see the module's docstring)."""
        return recorder.log_vendor() != "sqlite"

    def parallel_steps(self) -> int:
        """How many background or concurrent steps may run at once beside the pipeline's own
        thread; 0 runs every step in order in it."""
        if not self.runs_steps_in_background():
            return 0
        return max(1, int(conf.get("DJANGO_COMMANDER_PARALLEL_STEPS")))

    @staticmethod
    def depends_on(step: Step, earlier: Step) -> bool:
        """Whether ``step``'s command declares a dependency on ``earlier`` (same parameters)."""
        command = commands[step.command]
        needed = commands[earlier.command].canonical_parameters(earlier.parameters)
        return _step_key(earlier.command, needed) in {
            _step_key(name, values)
            for name, values in command.dependencies_for(
                command.canonical_parameters(step.parameters)
            )
        }

    def resume_window(self) -> timedelta | None:
        """How long an attempt lasts: runs that started longer ago than this are not part of it
        (None: no bound)."""
        return None

    def interrupted_since(self) -> datetime | None:
        """Start of the unfinished attempt this run continues, or None for a fresh start."""
        window = self.resume_window()
        return recorder.interrupted_since(
            self.name,
            self.parameters,
            test_mode=bool(self.options.get("test")),
            current=self.run_log,
            failed_too=self.resumes_failed,
            not_before=None if window is None else timezone.now() - window,
        )

    def step_completed_since(self, step: Step, since: datetime) -> bool:
        parameters = commands[step.command].canonical_parameters(step.parameters)
        return recorder.succeeded_since(step.command, parameters, since)


def _step_key(command: str, parameters: dict[str, Any]) -> tuple[str, str]:
    """What identifies a step among others: its command and canonical parameters."""
    return command, parameters_hash(commands[command].canonical_parameters(parameters))


@dataclass(frozen=True)
class _Planned:
    """A step to run, its key and the keys of the steps it depends on."""

    step: Step
    key: tuple[str, str]
    needs: set[tuple[str, str]]

    @property
    def alongside(self) -> bool:
        return self.step.concurrent or self.step.background


class _Schedule:
    """Runs a pipeline's steps by the rules of the module's docstring.

    ``slots`` threads of ``pool`` run background and concurrent steps; a plain step runs in the
    calling thread. With no slots every step runs in the calling thread, in order.
    """

    def __init__(
        self, pipeline: PipelineCommand, pool: ThreadPoolExecutor, slots: int, results: dict
    ) -> None:
        self.pipeline = pipeline
        self.pool = pool
        self.slots = slots
        self.results = results
        self.pending: list[_Planned] = []
        self.running: dict[Future, _Planned] = {}

    def run(self, planned: Iterator[_Planned]) -> None:
        exhausted = False
        while True:
            # Read ahead up to the next step that runs in this thread: what the pipeline yields
            # after it may depend on what it does.
            while not exhausted and not any(not self._alongside(p) for p in self.pending):
                following = next(planned, None)
                if following is None:
                    exhausted = True
                else:
                    self.pending.append(following)
            self._start_ready()
            if self.pending and self._plain_may_run(self.pending[0]):
                step = self.pending.pop(0).step
                self.pipeline._settle(
                    step, lambda step=step: self.pipeline._run_step(step), self.results
                )
                continue
            if not self.running:
                if exhausted and not self.pending:
                    return
                raise RuntimeError(f"{self.pipeline.name}: no step can start")
            done, _ = wait(self.running, return_when=FIRST_COMPLETED)
            for future in done:
                finished = self.running.pop(future)
                self.pipeline._settle(finished.step, future.result, self.results)

    def _alongside(self, planned: _Planned) -> bool:
        return self.slots > 0 and planned.alongside

    def _plain_may_run(self, planned: _Planned) -> bool:
        """A plain step runs once no concurrent step and no background step it needs runs."""
        if self._alongside(planned):
            return False
        return all(
            other.step.background and not other.step.concurrent and other.key not in planned.needs
            for other in self.running.values()
        )

    def _start_ready(self) -> None:
        """Start, in order, every pending step that may run alongside and whose dependencies
        are done, while threads are free; stop at the first plain step."""
        unfinished = {planned.key for planned in self.running.values()}
        background_running = any(
            planned.step.background and not planned.step.concurrent
            for planned in self.running.values()
        )
        for planned in list(self.pending):
            if not self._alongside(planned):
                break
            if len(self.running) >= self.slots:
                break
            ready = not (planned.needs & unfinished)
            if planned.step.background and not planned.step.concurrent:
                ready = ready and not background_running  # one background step at a time
            if ready:
                self.pending.remove(planned)
                context = contextvars.copy_context()  # the step's log links to this run's
                future = self.pool.submit(
                    context.run, self.pipeline._run_step_in_thread, planned.step
                )
                self.running[future] = planned
                background_running = background_running or planned.step.background
            unfinished.add(planned.key)
