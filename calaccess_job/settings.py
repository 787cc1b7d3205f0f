"""The nightly job's settings: when Celery beat starts it."""

from calaccess_toolkit import conf

NIGHTLY_SCHEDULE = conf.Setting(
    "CALACCESS_NIGHTLY_SCHEDULE",
    "0 13 * * *",
    "When `celery beat` sends the nightly job (`updatedownloadwebsite --publish`): a cron "
    "line, minute hour day-of-month month day-of-week, in UTC (13:00 UTC is 5 or 6 in the "
    "morning in California, after the state's nightly export).",
)

SETTINGS = conf.declare("calaccess_job", NIGHTLY_SCHEDULE)
