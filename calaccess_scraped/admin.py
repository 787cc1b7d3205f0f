"""Read-only admin pages for everything scraped, and for the log of scrapes.

Rows come from the website and are replaced by the next scrape, so editing them in the admin
would only be overwritten: every page is read-only, with filters and search to find rows.
"""

from django.contrib import admin
from django.db.models import URLField

from calaccess_scraped import models


class ReadOnlyAdmin(admin.ModelAdmin):
    """List, filter, search and view; no adding, changing or deleting."""

    list_per_page = 100
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.CandidateElection)
class CandidateElectionAdmin(ReadOnlyAdmin):
    list_display = ("election_id", "name", "type", "year", "date", "scraped_at")
    list_filter = ("type", "year")
    search_fields = ("name",)


@admin.register(models.Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ("name", "office", "filer_id", "election", "scraped_at")
    list_filter = ("category", "election__year")
    search_fields = ("name", "office", "=filer_id")
    list_select_related = ("election",)


@admin.register(models.IncumbentElection)
class IncumbentElectionAdmin(ReadOnlyAdmin):
    list_display = ("session", "number", "name", "date", "scraped_at")
    list_filter = ("session", "name")


@admin.register(models.Incumbent)
class IncumbentAdmin(ReadOnlyAdmin):
    list_display = ("name", "office", "session", "filer_id", "vacant", "scraped_at")
    list_filter = ("session", "category", "vacant")
    search_fields = ("name", "office", "=filer_id")


@admin.register(models.PropositionElection)
class PropositionElectionAdmin(ReadOnlyAdmin):
    list_display = ("name", "session", "type", "date", "scraped_at")
    list_filter = ("session", "type")
    search_fields = ("name",)


@admin.register(models.Proposition)
class PropositionAdmin(ReadOnlyAdmin):
    list_display = ("measure_id", "name", "election", "committees_scraped_at")
    list_filter = ("session",)
    search_fields = ("name", "=measure_id")
    list_select_related = ("election",)


@admin.register(models.PropositionCommittee)
class PropositionCommitteeAdmin(ReadOnlyAdmin):
    list_display = ("name", "position", "committee_id", "filer_id", "proposition")
    list_filter = ("position", "proposition__session")
    search_fields = ("name", "=committee_id", "=filer_id")
    list_select_related = ("proposition",)


@admin.register(models.CandidateCommittee)
class CandidateCommitteeAdmin(ReadOnlyAdmin):
    list_display = (
        "candidate_filer_id",
        "committee_filer_id",
        "committee_name",
        "link_type",
        "session",
        "active_flag",
    )
    list_filter = ("link_type", "active_flag", "session")
    search_fields = ("=candidate_filer_id", "=committee_filer_id", "committee_name")


@admin.register(models.ScrapeRun)
class ScrapeRunAdmin(ReadOnlyAdmin):
    list_display = (
        "scraper",
        "started_at",
        "finished_at",
        "status",
        "pages_fetched",
        "pages_from_cache",
        "pages_failed",
        "rows_saved",
    )
    list_filter = ("scraper", "status")
    date_hierarchy = "started_at"
