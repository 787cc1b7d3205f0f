"""What every page of the website shares: the baked-page base classes and the build folder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bakery.views import BuildableTemplateView
from django.urls import resolve, reverse

from calaccess_toolkit import conf


def build_dir() -> Path:
    """The folder the site is baked into (``CALACCESS_WEBSITE_BUILD_DIR``)."""
    return Path(conf.get("CALACCESS_WEBSITE_BUILD_DIR"))


class Page(BuildableTemplateView):
    """One page at one address; baked to ``build_path`` (the URL's ``index.html``)."""

    url_name = ""

    @property
    def build_path(self) -> str:
        return reverse(self.url_name).lstrip("/") + "index.html"

    def get_content(self) -> bytes:
        return self.get(self.request).render().content

    def urls(self) -> Iterator[str]:
        """The addresses this view bakes (for the sitemap)."""
        yield reverse(self.url_name)


class FilePage(Page):
    """A page that is a file, not a folder (``sitemap.xml``, ``robots.txt``)."""

    file_name = ""

    @property
    def build_path(self) -> str:
        return self.file_name


class ObjectPages(Page):
    """One page per object (a table, a form, a release): ``url_name`` takes ``kwargs_for(obj)``."""

    def objects(self) -> Iterable[Any]:
        raise NotImplementedError

    def kwargs_for(self, obj: Any) -> dict[str, str]:
        raise NotImplementedError

    @property
    def build_method(self):
        return self.build_objects

    def urls(self) -> Iterator[str]:
        for obj in self.objects():
            yield reverse(self.url_name, kwargs=self.kwargs_for(obj))

    def build_objects(self) -> None:
        """Bake every object's page, as bakery's detail views do."""
        for url in self.urls():
            path = url.lstrip("/") + "index.html"
            self.request = self.create_request(url)
            self.args, self.kwargs = (), resolve(url).kwargs
            output = self.get_output_path(path)
            self._prep_output_directory(output)
            self.build_file(output, self.get(self.request, **self.kwargs).render().content)
