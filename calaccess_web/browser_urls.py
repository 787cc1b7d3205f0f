"""URLs of the campaign browser and its JSON API."""

from django.urls import include, path

urlpatterns: list = [
    path("", include("calaccess_web.lists_urls")),
]
