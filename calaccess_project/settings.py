"""Settings of the ready-to-use project.

Defaults to SQLite in the data folder; ``DATABASE_URL`` switches to PostgreSQL
(``postgres://…``), MySQL/MariaDB (``mysql://…``) or another SQLite file. Every toolkit setting of
:mod:`calaccess_toolkit.conf` is read from the environment variable of the same name.
"""

from __future__ import annotations

import os
from pathlib import Path

from calaccess_toolkit import conf
from calaccess_toolkit.databases import database_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

globals().update(conf.from_environment())
CALACCESS_DATA_DIR = os.environ.get("CALACCESS_DATA_DIR") or str(BASE_DIR / "data")
Path(CALACCESS_DATA_DIR).mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "calaccess-toolkit-local-development-only")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver").split(",")

#: Developer tools, left out of a production install's commands (``DJANGO_DEBUG=0``).
DEVELOPER_APPS = ["calaccess_benchmark"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_commander",
    "calaccess_raw",
    "calaccess_scraped",
    "calaccess_processed",
    "calaccess_web",
    "calaccess_job",  # the nightly job, above every app it runs
    *(DEVELOPER_APPS if DEBUG else []),
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
            ],
        },
    },
]

WSGI_APPLICATION = "calaccess_project.wsgi.application"

DATABASE_URL = (
    os.environ.get("DATABASE_URL") or f"sqlite:///{Path(CALACCESS_DATA_DIR) / 'calaccess.sqlite3'}"
)
DATABASES = {"default": database_from_url(DATABASE_URL)}
DATABASE_ROUTERS: list[str] = []
if os.environ.get("CALACCESS_RAW_DATABASE_URL"):
    # The raw tables in a database of their own (see calaccess_raw/routers.py).
    DATABASES["calaccess_raw"] = database_from_url(os.environ["CALACCESS_RAW_DATABASE_URL"])
    CALACCESS_RAW_DATABASE = "calaccess_raw"
    DATABASE_ROUTERS = ["calaccess_raw.routers.RawDataRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(CALACCESS_DATA_DIR) / "static"
MEDIA_ROOT = Path(CALACCESS_DATA_DIR) / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "file": {
            "class": "logging.FileHandler",
            "filename": str(Path(CALACCESS_DATA_DIR) / "calaccess.log"),
            "formatter": "plain",
        },
    },
    "loggers": {
        "calaccess": {"handlers": ["file"], "level": os.environ.get("CALACCESS_LOG_LEVEL", "INFO")},
        "django_commander": {
            "handlers": ["file"],
            "level": os.environ.get("CALACCESS_LOG_LEVEL", "INFO"),
        },
    },
}
