"""Settings of the ready-to-use project, read from the environment.

Defaults to SQLite in the data folder; ``DATABASE_URL`` switches to PostgreSQL
(``postgres://…``), MySQL/MariaDB (``mysql://…``) or another SQLite file. Every setting the apps
declare (``<app>/settings.py``) is read from the environment variable of the same name, parsed to
its type; the project's own variables are declared in :mod:`calaccess_project.environment`.

Safe by default: ``DEBUG`` is off unless ``DJANGO_DEBUG`` turns it on, and there is no
``SECRET_KEY`` unless ``DJANGO_SECRET_KEY`` gives one, or local mode (``CALACCESS_LOCAL``, which
``make run`` and the tests turn on) allows a fixed, public one. A malformed or missing value stops
here with a :class:`~calaccess_toolkit.conf.SettingError`, which ``manage.py`` prints as one line.
"""

from __future__ import annotations

import os

from calaccess_job import settings as job
from calaccess_job.schedule import nightly_schedule
from calaccess_raw import settings as raw
from calaccess_scraped import settings as scraped
from calaccess_toolkit import conf
from calaccess_toolkit import settings as toolkit
from calaccess_toolkit.databases import database_from_url
from calaccess_web import settings as web
from django_commander import settings as commander

from . import environment as project

#: The key of local mode: public, so never used on a server (``check --deploy`` rejects it too).
LOCAL_SECRET_KEY = "django-insecure-calaccess-toolkit-local-mode-only"

globals().update(
    conf.from_environment(
        [
            *toolkit.SETTINGS,
            *commander.SETTINGS,
            *raw.SETTINGS,
            *scraped.SETTINGS,
            *web.SETTINGS,
            *job.SETTINGS,
        ],
        os.environ,
    )
)
CALACCESS_DATA_DIR = str(toolkit.DATA_DIR.from_environment(os.environ))
data_dir = conf.make_folder(toolkit.DATA_DIR.name, CALACCESS_DATA_DIR)

local = project.LOCAL.from_environment(os.environ)
SECRET_KEY = project.SECRET_KEY.from_environment(os.environ) or (LOCAL_SECRET_KEY if local else "")
if not SECRET_KEY:
    raise conf.SettingError(
        f"{project.SECRET_KEY.name} must be set to a long random string "
        f"(or, on your own machine only, set {project.LOCAL.name}=1)"
    )
DEBUG = project.DEBUG.from_environment(os.environ)
ALLOWED_HOSTS = project.ALLOWED_HOSTS.from_environment(os.environ)

# HTTPS (see README, "Production"): what `manage.py check --deploy` asks of a public site.
https = project.HTTPS.from_environment(os.environ)
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = https
SECURE_HSTS_SECONDS = project.HSTS_SECONDS.from_environment(os.environ) if https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = https
SECURE_HSTS_PRELOAD = https and project.HSTS_PRELOAD.from_environment(os.environ)
proxy_ssl_header = project.PROXY_SSL_HEADER.from_environment(os.environ)
if proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_ssl_header.upper().replace("-", "_"), "https")

#: Developer tools: installed in local mode or with ``DEBUG``, left out of a production install.
DEVELOPER_APPS = ["calaccess_benchmark"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "bakery",  # django-bakery: bakes the downloads and documentation site
    "django_commander",
    "calaccess_raw",
    "calaccess_scraped",
    "calaccess_processed",
    "calaccess_web",
    "calaccess_job",  # the nightly job, above every app it runs
    *(DEVELOPER_APPS if DEBUG or local else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "calaccess_project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "calaccess_web.context.data_release",
            ],
        },
    },
]

WSGI_APPLICATION = "calaccess_project.wsgi.application"

DATABASES = {
    "default": project.DATABASE_URL.from_environment(os.environ)
    or database_from_url(f"sqlite:///{data_dir / 'calaccess.sqlite3'}")
}
DATABASE_ROUTERS: list[str] = []
raw_database = project.RAW_DATABASE_URL.from_environment(os.environ)
if raw_database:
    # The raw tables in a database of their own (see calaccess_raw/routers.py).
    DATABASES["calaccess_raw"] = raw_database
    CALACCESS_RAW_DATABASE = "calaccess_raw"
    DATABASE_ROUTERS = ["calaccess_raw.routers.RawDataRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = data_dir / "static"
MEDIA_ROOT = data_dir / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Where `updatedownloadwebsite --publish` copies the baked site (CALACCESS_WEBSITE_STORAGE);
    # replace with django-storages' S3Storage to publish to a bucket (README, "The website").
    "website": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": data_dir / "published", "base_url": "/"},
    },
}

# Read by Celery (namespace CELERY) when the [celery] extra is installed.
CELERY_BROKER_URL = project.CELERY_BROKER_URL.from_environment(os.environ)
CELERY_RESULT_BACKEND = project.CELERY_RESULT_BACKEND.from_environment(os.environ)
CELERY_TASK_ALWAYS_EAGER = project.CELERY_TASK_ALWAYS_EAGER.from_environment(os.environ)
# `celery beat` sends the nightly job at CALACCESS_NIGHTLY_SCHEDULE (calaccess_job/schedule.py).
CELERY_BEAT_SCHEDULE = nightly_schedule(job.NIGHTLY_SCHEDULE.from_environment(os.environ))

log_level = project.LOG_LEVEL.from_environment(os.environ)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "file": {
            "class": "logging.FileHandler",
            "filename": str(data_dir / "calaccess.log"),
            "formatter": "plain",
        },
    },
    "loggers": {
        "calaccess": {"handlers": ["file"], "level": log_level},
        "django_commander": {"handlers": ["file"], "level": log_level},
    },
}
