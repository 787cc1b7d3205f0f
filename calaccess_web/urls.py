"""The web app's URLs: the campaign browser and its API, and the downloads/documentation site.

Every public page is read-only: each view is wrapped in ``require_safe``, so a POST, PUT, PATCH
or DELETE is answered 405 before any view code runs (the admin and the run pages, which take
a staff login, are the project's own URLs, not these).
"""

from django.urls import URLPattern, URLResolver, include, path
from django.views.decorators.http import require_safe


def read_only(patterns: list) -> list:
    """The patterns (and those they include) with every view answering GET and HEAD only."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            read_only(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = require_safe(pattern.callback)
    return patterns


urlpatterns = read_only(
    [
        path("", include("calaccess_web.browser_urls")),
        path("", include("calaccess_web.website_urls")),
    ]
)
