"""The ready-to-use Django project that hosts the toolkit's apps."""

from .celery import app as celery_app

__all__ = ["celery_app"]
