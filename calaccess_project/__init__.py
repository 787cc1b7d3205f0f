"""The ready-to-use Django project that hosts the toolkit's apps.

With the ``[celery]`` extra, the Celery application is loaded with Django, so tasks sent from
any process use the project's broker; without it the project runs everything in-process.
"""

from calaccess_toolkit.extras import CELERY

if CELERY.installed():
    from .celery import app as celery_app

    __all__ = ["celery_app"]
