"""The Celery application: workers run toolkit commands as tasks (see README, "Celery")."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "calaccess_project.settings")

app = Celery("calaccess")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
