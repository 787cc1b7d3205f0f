"""The one table of settings the toolkit reads.

Every setting is declared here once, with its default and its documentation. Code reads a setting
through :func:`get`, which looks in ``django.conf.settings`` first and falls back to the default
declared here. The root project (``calaccess_project.settings``) also fills each of them from an
environment variable of the same name, and a test checks that the README documents every one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings


def _as_bool(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on"}


def _as_list(text: str) -> list[str]:
    return [part for part in (p.strip() for p in text.split(os.pathsep)) if part]


def _as_str(text: str) -> str:
    return text


def _as_float(text: str) -> float:
    return float(text)


def _as_int(text: str) -> int:
    return int(text)


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, how to parse it from the environment, and what it does."""

    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = _as_str


def _default_data_dir() -> str:
    return str(Path.cwd() / "data")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CALACCESS_DATA_DIR",
        None,
        "Folder for downloads, cleaned files, error logs, caches and the default SQLite database. "
        "Defaults to `data/` in the current directory.",
    ),
    Setting(
        "CALACCESS_DOWNLOAD_URL",
        "https://campaignfinance.cdn.sos.ca.gov/dbwebexport.zip",
        "Where the nightly CAL-ACCESS export ZIP is downloaded from.",
    ),
    Setting(
        "CALACCESS_WEBSITE_URL",
        "https://cal-access.sos.ca.gov",
        "Base URL of the CAL-ACCESS website that the scrapers read.",
    ),
    Setting(
        "CALACCESS_STORE_ARCHIVE",
        False,
        "When true, keep the downloaded ZIP, the zipped clean files and the error logs of every "
        "release in Django's default storage under dated paths, linked from the tracking models.",
        _as_bool,
    ),
    Setting(
        "CALACCESS_RAW_DATABASE",
        "default",
        "Database alias that holds the raw tables when `calaccess_raw.routers.RawDataRouter` is in "
        "`DATABASE_ROUTERS`. The project sets it, and the router, when "
        "`CALACCESS_RAW_DATABASE_URL` is given.",
    ),
    Setting(
        "CALACCESS_SCRAPER_RATE",
        1.0,
        "Most requests per second the scrapers send to the CAL-ACCESS website.",
        _as_float,
    ),
    Setting(
        "CALACCESS_HTTP_RETRIES",
        4,
        "How many times a download or a scraper request is retried after a network error or a "
        "5xx answer (with exponential backoff).",
        _as_int,
    ),
    Setting(
        "CALACCESS_HTTP_TIMEOUT",
        60.0,
        "Seconds to wait for the server before a request counts as timed out.",
        _as_float,
    ),
    Setting(
        "DJANGO_COMMANDER_COMMAND_FOLDERS",
        [],
        "Extra folders of command modules, besides the `commands` package of every installed app. "
        "A module's path below its folder gives the command's name "
        "(`scrapers/my_command.py` is `scrapers_my_command`). In the environment: "
        "folders separated by the path separator (`:`).",
        _as_list,
    ),
    Setting(
        "DJANGO_COMMANDER_CACHE_STORAGE",
        None,
        "Alias in Django's `STORAGES` where `@cache_results` keeps cached downloads (for example "
        "an S3 storage from django-storages). Unset: a local folder, `DJANGO_COMMANDER_CACHE_DIR`.",
    ),
    Setting(
        "DJANGO_COMMANDER_CACHE_DIR",
        None,
        "Local folder for cached command results when no cache storage is set. "
        "Defaults to `<CALACCESS_DATA_DIR>/.commander_cache`.",
    ),
    Setting(
        "CELERY_BROKER_URL",
        "redis://127.0.0.1:6379/0",
        "Celery broker that carries command tasks to the workers.",
    ),
    Setting(
        "CELERY_RESULT_BACKEND",
        "redis://127.0.0.1:6379/1",
        "Where Celery keeps the return values of command tasks.",
    ),
    Setting(
        "CELERY_TASK_ALWAYS_EAGER",
        False,
        "Run Celery tasks in the calling process instead of on a worker (for debugging).",
        _as_bool,
    ),
)

BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Return every declared setting, parsed from the environment where a variable is set."""
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        if setting.name in environ:
            values[setting.name] = setting.parse(environ[setting.name])
        else:
            values[setting.name] = setting.default
    return values


def get(name: str) -> Any:
    """Read one toolkit setting: Django's settings first, then the declared default."""
    setting = BY_NAME[name]
    value = getattr(django_settings, name, None)
    if value is None:
        value = setting.default
    if name == "CALACCESS_DATA_DIR" and value is None:
        value = _default_data_dir()
    if name == "DJANGO_COMMANDER_CACHE_DIR" and value is None:
        value = str(Path(get("CALACCESS_DATA_DIR")) / ".commander_cache")
    return value


def data_dir(*parts: str) -> Path:
    """Return a path inside the data folder, creating the folder that holds it."""
    path = Path(get("CALACCESS_DATA_DIR"), *parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
