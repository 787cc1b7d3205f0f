"""Read-only admin pages for everything scraped, and for the log of scrapes.

Rows come from the website and are replaced by the next scrape, so editing them in the admin
would only be overwritten: every page is read-only, with filters and search to find rows. The
pages (the toolkit's :class:`~calaccess_toolkit.admin.ReadOnlyAdmin`) differ only in their columns,
filters and search fields, listed in :data:`ADMIN_PAGES`.
"""

from django.contrib import admin

from calaccess_scraped import models
from calaccess_toolkit.admin import ReadOnlyAdmin

LIST_PER_PAGE = 100

ADMIN_PAGES = {
    models.CandidateElection: {
        "list_display": ("election_id", "name", "type", "year", "date", "scraped_at"),
        "list_filter": ("type", "year"),
        "search_fields": ("name",),
    },
    models.Candidate: {
        "list_display": ("name", "office", "filer_id", "election", "scraped_at"),
        "list_filter": ("category", "election__year"),
        "search_fields": ("name", "office", "=filer_id"),
        "list_select_related": ("election",),
    },
    models.IncumbentElection: {
        "list_display": ("session", "number", "name", "date", "scraped_at"),
        "list_filter": ("session", "name"),
    },
    models.Incumbent: {
        "list_display": ("name", "office", "session", "filer_id", "vacant", "scraped_at"),
        "list_filter": ("session", "category", "vacant"),
        "search_fields": ("name", "office", "=filer_id"),
    },
    models.PropositionElection: {
        "list_display": ("name", "session", "type", "date", "scraped_at"),
        "list_filter": ("session", "type"),
        "search_fields": ("name",),
    },
    models.Proposition: {
        "list_display": ("measure_id", "name", "election", "committees_scraped_at"),
        "list_filter": ("session",),
        "search_fields": ("name", "=measure_id"),
        "list_select_related": ("election",),
    },
    models.PropositionCommittee: {
        "list_display": ("name", "position", "committee_id", "filer_id", "proposition"),
        "list_filter": ("position", "proposition__session"),
        "search_fields": ("name", "=committee_id", "=filer_id"),
        "list_select_related": ("proposition",),
    },
    models.ScrapeRun: {
        "list_display": (
            "scraper",
            "started_at",
            "finished_at",
            "status",
            "pages_fetched",
            "pages_from_cache",
            "pages_failed",
            "rows_saved",
        ),
        "list_filter": ("scraper", "status"),
        "date_hierarchy": "started_at",
    },
}

for model, options in ADMIN_PAGES.items():
    admin.site.register(model, ReadOnlyAdmin, list_per_page=LIST_PER_PAGE, **options)
