"""The Celery beat schedule of the nightly job (``CELERY_BEAT_SCHEDULE``).

One entry, ``nightly-update``: at ``CALACCESS_NIGHTLY_SCHEDULE`` beat sends the framework's task
``django_commander.run_command`` for ``update_download_website`` with ``publish`` on. A worker
runs it like any command; its run and steps appear on the staff run pages, and a failed or
partial run fails the task.
"""

from __future__ import annotations

from typing import Any

from calaccess_toolkit.conf import SettingError
from calaccess_toolkit.extras import CELERY

ENTRY = "nightly-update"
TASK = "django_commander.run_command"
JOB = "update_download_website"
JOB_OPTIONS = {"publish": True, "noinput": True}


def cron_fields(line: str) -> dict[str, str]:
    """The five fields of a cron line as Celery's ``crontab`` keywords."""
    fields = line.split()
    if len(fields) != 5:
        raise SettingError(
            f"CALACCESS_NIGHTLY_SCHEDULE must be a cron line of five fields, not {line!r}"
        )
    names = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")
    return dict(zip(names, fields, strict=True))


def nightly_schedule(line: str) -> dict[str, dict[str, Any]]:
    """Beat's schedule: the nightly job at ``line`` (empty without Celery, which beat needs)."""
    fields = cron_fields(line)
    if not CELERY.installed():
        return {}
    from celery.schedules import crontab

    try:
        when = crontab(**fields)
    except ValueError as error:
        raise SettingError(f"CALACCESS_NIGHTLY_SCHEDULE {line!r}: {error}") from None
    return {
        ENTRY: {
            "task": TASK,
            "schedule": when,
            "args": (JOB,),
            "kwargs": {"options": JOB_OPTIONS},
        }
    }
