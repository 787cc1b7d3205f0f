"""The run log's one writer and reader: every ``Command``/``CommandLog`` row goes through here.

Like Django's migration recorder, this module is the only place that knows how runs are stored:
the executor asks it to open, close and query runs, the pipeline asks it what an interrupted
attempt already did. Writes go through :mod:`django_commander.log_connection`, so they outlive
the caller's transaction, and closing a run never raises: the command's own error must reach
the caller, not a failure to record it (a failure to close is logged instead).

A success inside a transaction of the caller is only a success if that transaction commits: it
is recorded as a failure ("not committed") at once and turned into a success when the caller
commits (``transaction.on_commit``); if the caller rolls back, the row keeps saying so.
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import datetime
from typing import Any

from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import log_connection
from .models import Command, CommandLog
from .models.logged import LINKS_AFTER_CLOSE
from .parameters import canonical_json, parameters_hash

logger = logging.getLogger("django_commander.log")

NOT_COMMITTED_CLASS = "django_commander.recorder.NotCommitted"
NOT_COMMITTED_MESSAGE = (
    "the command succeeded inside a transaction of its caller, which did not commit (yet)"
)


def log_alias() -> str:
    """The database alias that holds the run log."""
    return router.db_for_write(CommandLog)


def log_vendor() -> str:
    return connections[log_alias()].vendor


def _home(log: CommandLog, alias: str) -> None:
    """Say the rows live on the log's alias again, whichever connection wrote them."""
    log._state.db = alias
    log.command._state.db = alias


def start(
    name: str,
    parameters: dict[str, Any],
    options: dict[str, Any],
    *,
    celery_task_id: str = "",
    test_mode: bool = False,
) -> CommandLog:
    """Open the run's row, status running (its ``pk`` waits while the row is buffered)."""
    alias = log_alias()
    log = CommandLog(
        start_time=timezone.now(),
        options=json.dumps(options, sort_keys=True, default=str),
        celery_task_id=celery_task_id,
        test_mode=test_mode,
    )

    def create(using: str) -> None:
        log.command, _ = Command.objects.using(using).get_or_create(
            name=name,
            parameters_hash=parameters_hash(parameters),
            defaults={"parameters": canonical_json(parameters)},
        )
        log.save(using=using, force_insert=True)
        _home(log, alias)

    log_connection.write(alias, create)
    return log


def _close(log: CommandLog, **fields: Any) -> None:
    alias = log_alias()
    for key, value in fields.items():
        setattr(log, key, value)

    def update(using: str) -> None:
        CommandLog.objects.using(using).filter(pk=log.pk).update(**fields)

    log_connection.write(alias, update)


def _closed(log: CommandLog, what: str, **fields: Any) -> None:
    """Close the run's row, then make the link rows that waited for it; never raises."""
    try:
        _close(log, **fields)
    except Exception:
        logger.exception("could not record the %s of run %s", what, log.pk)
    for make in log.__dict__.pop(LINKS_AFTER_CLOSE, []):
        try:
            make()
        except Exception:
            logger.exception("could not link a row to run %s", log.pk)


def succeed(log: CommandLog) -> None:
    """Close the run as a success (or, inside a caller's transaction, see the module doc)."""
    finished = {"end_time": timezone.now(), "error_class": "", "error_message": "", "traceback": ""}
    alias = log_alias()
    if not log_connection.caller_in_transaction(alias):
        _closed(log, "success", status=CommandLog.SUCCESS, **finished)
        return
    _closed(
        log,
        "success",
        **{
            **finished,
            "status": CommandLog.FAILURE,
            "error_class": NOT_COMMITTED_CLASS,
            "error_message": NOT_COMMITTED_MESSAGE,
        },
    )
    transaction.on_commit(
        lambda: _closed(log, "success", status=CommandLog.SUCCESS, **finished),
        using=alias,
        robust=True,
    )


def fail(log: CommandLog, error: BaseException) -> None:
    """Close the run as a failure; never raises, so ``error`` is what the caller sees."""
    _closed(
        log,
        "failure",
        status=CommandLog.FAILURE,
        end_time=timezone.now(),
        error_class=f"{type(error).__module__}.{type(error).__qualname__}",
        error_message=str(error),
        traceback="".join(traceback.format_exception(error)),
    )


# -- queries --------------------------------------------------------------------------------------


def _runs(name: str, parameters: dict[str, Any]) -> QuerySet[CommandLog]:
    log_connection.flush()
    return CommandLog.objects.using(log_alias()).filter(
        command__name=name, command__parameters_hash=parameters_hash(parameters)
    )


def has_succeeded(name: str, parameters: dict[str, Any], since: datetime | None = None) -> bool:
    """Whether a real (non-test) run succeeded, finishing at or after ``since`` when given."""
    runs = _runs(name, parameters).filter(status=CommandLog.SUCCESS, test_mode=False)
    if since is not None:
        runs = runs.filter(end_time__gte=since)
    return runs.exists()


def succeeded_since(name: str, parameters: dict[str, Any], since: datetime) -> bool:
    """Whether a run (test or not) succeeded that started at or after ``since``."""
    return _runs(name, parameters).filter(status=CommandLog.SUCCESS, start_time__gte=since).exists()


def interrupted_since(
    name: str,
    parameters: dict[str, Any],
    *,
    test_mode: bool,
    current: CommandLog | None,
    failed_too: bool = False,
    not_before: datetime | None = None,
) -> datetime | None:
    """Start of the unfinished attempt a run continues, or None for a fresh start.

    An attempt is unfinished when its runs were left *running*: the process was killed before it
    could close them. A run that finished failed or partial is a finished attempt, unless
    ``failed_too`` (a pipeline that opts in to retrying just what failed). The attempt starts at
    the earliest of such runs since the last finished one (several in a row form one attempt);
    ``current``, the run asking, does not count. ``not_before`` bounds the attempt in time: runs
    that started earlier are not part of it (a pipeline that retries what failed, night after
    night, starts afresh once its attempt is that old).
    """
    earlier = _runs(name, parameters).filter(test_mode=test_mode)
    if current is not None and current.pk is not None:
        earlier = earlier.exclude(pk=current.pk)
    since = None
    for status, start_time in earlier.order_by("-start_time").values_list("status", "start_time"):
        if status == CommandLog.SUCCESS or (status == CommandLog.FAILURE and not failed_too):
            break
        if not_before is not None and start_time < not_before:
            break
        since = start_time
    return since
