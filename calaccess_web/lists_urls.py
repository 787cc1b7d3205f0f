"""URLs of the lists, their API, downloads, feeds and OpenAPI description, generated from the
list declarations (included by ``browser_urls``)."""

from __future__ import annotations

from django.urls import path, register_converter

from calaccess_web.lists import views
from calaccess_web.lists.declarations import COMMITTEE_LISTS, LISTS
from calaccess_web.lists.downloads import FORMATS
from calaccess_web.lists.feeds import CandidateFilingsFeed, CommitteeFilingsFeed, FilingsFeed


def _choice(words: list[str]) -> type:
    """A path converter class matching one of a fixed set of words."""
    return type(
        "Choice",
        (),
        {
            "regex": "|".join(words),
            "to_python": lambda self, value: value,
            "to_url": lambda self, value: value,
        },
    )


#: Lists with an HTML page of their own (the committees' is the other helper's search).
PAGE_LISTS = [name for name in LISTS if name in COMMITTEE_LISTS]

register_converter(_choice(PAGE_LISTS), "pagelist")
register_converter(_choice(list(LISTS)), "anylist")
register_converter(_choice(list(COMMITTEE_LISTS)), "committeelist")
register_converter(_choice(list(FORMATS)), "fileformat")


def _patterns(prefix: str, pages: str, name_prefix: str) -> list:
    committee = "committees/<int:filer_id>/" if "committee" in name_prefix else ""
    return [
        path(f"{committee}<{pages}:name>/", views.list_page, name=name_prefix + "page"),
        path(
            f"{committee}<{pages}:name>/download.<fileformat:file_format>",
            views.download,
            name=name_prefix + "download",
        ),
        path(
            f"{committee}<{pages}:name>/manifest.json",
            views.manifest,
            name=name_prefix + "manifest",
        ),
        path(f"api/{committee}<{prefix}:name>/", views.api_list, name=name_prefix + "api"),
        path(
            f"api/{committee}<{prefix}:name>/download.<fileformat:file_format>",
            views.download,
            name=name_prefix + "api-download",
        ),
        path(
            f"api/{committee}<{prefix}:name>/manifest.json",
            views.manifest,
            name=name_prefix + "api-manifest",
        ),
    ]


urlpatterns = [
    path("api/openapi.json", views.openapi_json, name="lists-openapi"),
    *_patterns("anylist", "pagelist", "lists-"),
    *_patterns("committeelist", "committeelist", "lists-committee-"),
    path("filings/feed.atom", FilingsFeed(), name="lists-feed"),
    path(
        "committees/<int:filer_id>/filings/feed.atom",
        CommitteeFilingsFeed(),
        name="lists-committee-feed",
    ),
    path(
        "candidates/<int:filer_id>/filings/feed.atom",
        CandidateFilingsFeed(),
        name="lists-candidate-feed",
    ),
]
