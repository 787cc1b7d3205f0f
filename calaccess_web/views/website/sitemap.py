"""``sitemap.xml`` (every baked page) and ``robots.txt`` (pointing at it)."""

from __future__ import annotations

from typing import Any

from calaccess_toolkit import conf

from .common import FilePage


def public_url() -> str:
    return str(conf.get("CALACCESS_WEBSITE_PUBLIC_URL")).rstrip("/")


class SitemapView(FilePage):
    """Every page of the site, as absolute addresses."""

    url_name = "website-sitemap"
    file_name = "sitemap.xml"
    template_name = "calaccess_web/website/sitemap.xml"
    content_type = "application/xml"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from calaccess_web.website.baking import page_views

        context = super().get_context_data(**kwargs)
        base = public_url()
        urls: list[str] = []
        for view in page_views():
            if not isinstance(view, FilePage):
                urls.extend(base + url for url in view.urls())
        context["urls"] = urls
        return context


class RobotsView(FilePage):
    """Let every crawler in, and say where the sitemap is."""

    url_name = "website-robots"
    file_name = "robots.txt"
    template_name = "calaccess_web/website/robots.txt"
    content_type = "text/plain"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sitemap"] = public_url() + "/sitemap.xml"
        return context
