"""URLs of the ready-to-use project: the admin (staff only) and the toolkit's pages."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("commander/", include("django_commander.urls")),
    path("", include("calaccess_web.urls")),
]
