"""The command framework's settings (read them with ``calaccess_toolkit.conf``)."""

import os
from pathlib import Path

from calaccess_toolkit import conf
from calaccess_toolkit.settings import DATA_DIR
from calaccess_toolkit.settingtypes import FOLDERS, TEXT, WHOLE_NUMBER, Choice


def default_cache_dir() -> str:
    return str(Path(DATA_DIR.get()) / ".commander_cache")


COMMAND_FOLDERS = conf.Setting(
    "DJANGO_COMMANDER_COMMAND_FOLDERS",
    [],
    "Extra folders of command modules, besides the `commands` package of every installed app. "
    "A module's path below its folder gives the command's name "
    "(`scrapers/my_command.py` is `scrapers_my_command`). In the environment: "
    "folders separated by the path separator (`:`).",
    FOLDERS,
)
CACHE_STORAGE = conf.Setting(
    "DJANGO_COMMANDER_CACHE_STORAGE",
    None,
    "Alias in Django's `STORAGES` where `@cache_results` keeps cached downloads (for example "
    "an S3 storage from django-storages). Unset: a local folder, `DJANGO_COMMANDER_CACHE_DIR`.",
    TEXT,
)
CACHE_DIR = conf.Setting(
    "DJANGO_COMMANDER_CACHE_DIR",
    None,
    "Local folder for cached command results when no cache storage is set.",
    default_factory=default_cache_dir,
    default_doc="`<data>/.commander_cache`",
)

PARALLEL_STEPS = conf.Setting(
    "DJANGO_COMMANDER_PARALLEL_STEPS",
    None,
    "Most steps of a pipeline run at once, each on a database connection of its own, besides "
    "the pipeline's own (steps marked `concurrent`, once the steps they depend on are done). "
    "Ignored when the command log is in SQLite, which takes one writer: steps run in order.",
    WHOLE_NUMBER,
    default_factory=lambda: os.cpu_count() or 1,
    default_doc="the number of cores",
)
STEP_WORKERS = conf.Setting(
    "DJANGO_COMMANDER_STEP_WORKERS",
    "threads",
    "Where a pipeline's concurrent steps run: `threads` of the pipeline's process, or `celery` "
    "workers (extra `[celery]`; the pipeline sends each step as a task and waits for it). "
    "A pipeline's `--workers` option overrides it.",
    Choice(("threads", "celery")),
)
CELERY_QUEUE = conf.Setting(
    "DJANGO_COMMANDER_CELERY_QUEUE",
    None,
    "Celery queue a pipeline sends its steps to (unset: Celery's default queue).",
    TEXT,
)

SETTINGS = conf.declare(
    "django_commander",
    COMMAND_FOLDERS,
    CACHE_STORAGE,
    CACHE_DIR,
    PARALLEL_STEPS,
    STEP_WORKERS,
    CELERY_QUEUE,
)
