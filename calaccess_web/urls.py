"""The web app's URLs: the campaign browser and its API, and the downloads/documentation site."""

from django.urls import include, path

urlpatterns = [
    path("", include("calaccess_web.browser_urls")),
    path("", include("calaccess_web.website_urls")),
]
