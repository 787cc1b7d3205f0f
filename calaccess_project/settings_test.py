"""Settings for the test suite: the project's settings plus the framework's example app."""

from calaccess_toolkit.databases import database_from_url

from .settings import *  # noqa: F403

INSTALLED_APPS = [  # noqa: F405
    *(app for app in INSTALLED_APPS if app not in DEVELOPER_APPS),  # noqa: F405
    *DEVELOPER_APPS,  # noqa: F405
    "django_commander.tests.example_app",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A second database, for the test that routes the raw tables to a database of their own.
DATABASES["raw_routed"] = database_from_url(  # noqa: F405
    f"sqlite:///{Path(CALACCESS_DATA_DIR) / 'raw_routed.sqlite3'}"  # noqa: F405
)
