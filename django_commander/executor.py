"""Check a command's dependencies, then run it with its run recorded: the one way a run happens.

:meth:`BasicCommand.run` of every command comes here (the base class wraps it). The executor asks
the registry for the commands depended on (to read their parameters the way the shell would),
the recorder whether each has succeeded recently enough, and then runs the command's code between
opening and closing its log row. A failure is recorded and re-raised unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import recorder
from .current import reset_current_log, set_current_log
from .dependencies import as_dependency
from .errors import DependencyMissing
from .registry import commands

if TYPE_CHECKING:  # for annotations only
    from .core import BasicCommand


def unmet_dependencies(command: BasicCommand) -> list[tuple[str, dict[str, Any]]]:
    """The command's dependencies with no recent enough, successful, non-test run."""
    missing = []
    for declared in type(command).dependencies:
        dependency = as_dependency(declared)
        target = commands[dependency.command]
        values = target.canonical_parameters(dependency.parameters_for(command.parameters))
        if not recorder.has_succeeded(dependency.command, values, since=dependency.moment()):
            missing.append((dependency.command, values))
    return missing


def check_dependencies(command: BasicCommand) -> None:
    """Raise :class:`DependencyMissing` unless met, or unless the user at a prompt says go on."""
    missing = unmet_dependencies(command)
    if not missing:
        return
    error = DependencyMissing(command.name, missing)
    if command.interactive and not command.noinput:
        if command.confirm(f"{error.args[0].split('; ')[0]}. Run anyway?", default=False):
            return
    raise error


def execute(command: BasicCommand, work: Callable[[], Any]) -> Any:
    """Check dependencies, open the log row, run ``work``, close the row; return its value."""
    if not command.options.get("ignore_dependencies"):
        check_dependencies(command)
    log = recorder.start(
        command.name,
        command.parameters,
        command.options,
        celery_task_id=command.celery_task_id,
        test_mode=bool(command.options.get("test")),
    )
    command.run_log = log
    token = set_current_log(log)
    command.logger.info("started %s %s", command.name, command.parameters)
    try:
        result = work()
    except BaseException as error:
        reset_current_log(token)
        recorder.fail(log, error)
        command.logger.error("failed %s %s: %s", command.name, command.parameters, error)
        raise
    reset_current_log(token)
    recorder.succeed(log)
    command.logger.info("finished %s %s", command.name, command.parameters)
    return result
