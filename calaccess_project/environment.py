"""The environment variables of the ready-to-use project itself (the apps declare their own).

``calaccess_project.settings`` reads these into Django's settings; the README's table for the
project lists them, and its "Production" section gives the values that pass
``manage.py check --deploy``.
"""

from calaccess_toolkit import conf
from calaccess_toolkit.databases import DATABASE_URL as DATABASE_URL_TYPE
from calaccess_toolkit.settingtypes import (
    BOOLEAN,
    COMMA_LIST,
    TEXT,
    WHOLE_NUMBER,
    Choice,
)

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

DATABASE_URL = conf.Setting(
    "DATABASE_URL",
    None,
    "The database: `postgres://user@host:5432/name` (extra `[postgresql]`), "
    "`mysql://user@host:3306/name` (extra `[mysql]`) or `sqlite:////path/file.sqlite3`.",
    DATABASE_URL_TYPE,
    default_doc="SQLite in the data folder",
)
RAW_DATABASE_URL = conf.Setting(
    "CALACCESS_RAW_DATABASE_URL",
    None,
    "A second database for the raw tables; sets `CALACCESS_RAW_DATABASE` and the router.",
    DATABASE_URL_TYPE,
)
LOCAL = conf.Setting(
    "CALACCESS_LOCAL",
    False,
    "Local mode, on your own machine (`make run` turns it on): without `DJANGO_SECRET_KEY`, a "
    "fixed key that is not secret. Never on a server.",
    BOOLEAN,
)
SECRET_KEY = conf.Setting(
    "DJANGO_SECRET_KEY",
    None,
    "Django's `SECRET_KEY` (signs sessions and CSRF tokens): a long random string. Required "
    "unless `CALACCESS_LOCAL` is on.",
)
DEBUG = conf.Setting(
    "DJANGO_DEBUG",
    False,
    "Django's `DEBUG`: tracebacks in the browser and every SQL query kept in memory. Only to "
    "debug on your own machine.",
    BOOLEAN,
)
ALLOWED_HOSTS = conf.Setting(
    "DJANGO_ALLOWED_HOSTS",
    ["localhost", "127.0.0.1"],
    "Django's `ALLOWED_HOSTS`: the host names the site answers to, separated by commas.",
    COMMA_LIST,
    default_doc="`localhost,127.0.0.1`",
)
LOG_LEVEL = conf.Setting(
    "DJANGO_LOG_LEVEL",
    "INFO",
    "Level of the toolkit's log, `<data>/calaccess.log`: one of " + ", ".join(LOG_LEVELS) + ".",
    Choice(LOG_LEVELS),
)
HTTPS = conf.Setting(
    "DJANGO_HTTPS",
    False,
    "The site is served over HTTPS only: plain HTTP is redirected, session and CSRF cookies are "
    "sent over HTTPS only, and browsers are told to use HTTPS (HSTS, subdomains included) for "
    "`DJANGO_HSTS_SECONDS`.",
    BOOLEAN,
)
HSTS_SECONDS = conf.Setting(
    "DJANGO_HSTS_SECONDS",
    31536000,
    "With `DJANGO_HTTPS`: how long browsers keep to HTTPS (a year; try `3600` first).",
    WHOLE_NUMBER,
)
HSTS_PRELOAD = conf.Setting(
    "DJANGO_HSTS_PRELOAD",
    False,
    "With `DJANGO_HTTPS`: ask to be on the browsers' built-in HTTPS list (HSTS `preload`).",
    BOOLEAN,
)
PROXY_SSL_HEADER = conf.Setting(
    "DJANGO_PROXY_SSL_HEADER",
    None,
    "Behind a proxy that ends TLS: the header in which it says the request came over HTTPS, "
    "e.g. `X-Forwarded-Proto` (it must set the header itself, never pass on the client's).",
    TEXT,
)
CELERY_BROKER_URL = conf.Setting(
    "CELERY_BROKER_URL",
    "redis://127.0.0.1:6379/0",
    "Broker that carries command tasks to Celery workers (extra `[celery]`).",
)
CELERY_RESULT_BACKEND = conf.Setting(
    "CELERY_RESULT_BACKEND",
    "redis://127.0.0.1:6379/1",
    "Where task return values are kept.",
)
CELERY_TASK_ALWAYS_EAGER = conf.Setting(
    "CELERY_TASK_ALWAYS_EAGER",
    False,
    "Run tasks in the calling process (debugging).",
    BOOLEAN,
)
FIXTURES_DIR = conf.Setting(
    "CALACCESS_FIXTURES_DIR",
    None,
    "Tests and benchmarks only: where the shared fixtures are.",
    TEXT,
    default_doc="`../shared/fixtures`",
)

SETTINGS = conf.declare(
    "calaccess_project",
    DATABASE_URL,
    RAW_DATABASE_URL,
    LOCAL,
    SECRET_KEY,
    DEBUG,
    ALLOWED_HOSTS,
    LOG_LEVEL,
    HTTPS,
    HSTS_SECONDS,
    HSTS_PRELOAD,
    PROXY_SSL_HEADER,
    CELERY_BROKER_URL,
    CELERY_RESULT_BACKEND,
    CELERY_TASK_ALWAYS_EAGER,
    FIXTURES_DIR,
)
