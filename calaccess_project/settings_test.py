"""Settings for the test suite: the project's settings plus the framework's example app."""

from .settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "django_commander.tests.example_app"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
