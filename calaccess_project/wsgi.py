"""WSGI entry point of the ready-to-use project."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "calaccess_project.settings")
application = get_wsgi_application()
