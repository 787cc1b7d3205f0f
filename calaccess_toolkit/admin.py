"""The admin of data the toolkit loads or scrapes: browse, filter and search, never edit.

Raw tables mirror the state's export and scraped tables the state's website; the next load or
scrape replaces them, so an edit in the admin would only be undone (or, worse, mistaken for the
source). Every app's admin builds on :class:`ReadOnlyAdmin`.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import URLField
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """List, filter, search and view; no adding, changing or deleting.

    The view page still renders each row's form (read-only); URL fields say their scheme is https,
    as Django 6 will assume, instead of warning about it on every page.
    """

    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
