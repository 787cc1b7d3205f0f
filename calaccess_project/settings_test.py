"""Settings for the test suite: the project's settings plus the framework's example app.

The tests run in local mode (a fixed, public ``SECRET_KEY`` unless ``DJANGO_SECRET_KEY`` gives
one); the ``manage.py`` and Celery processes they start inherit it.
"""

import os

os.environ.setdefault("CALACCESS_LOCAL", "1")

from calaccess_toolkit.databases import database_from_url  # noqa: E402

from .settings import *  # noqa: E402, F403

INSTALLED_APPS = [  # noqa: F405
    *(app for app in INSTALLED_APPS if app not in DEVELOPER_APPS),  # noqa: F405
    *DEVELOPER_APPS,  # noqa: F405
    "django_commander.tests.example_app",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A second database, for the test that routes the raw tables to a database of their own.
DATABASES["raw_routed"] = database_from_url(  # noqa: F405
    f"sqlite:///{data_dir / 'raw_routed.sqlite3'}"  # noqa: F405
)
