"""The search index's rows: one per filer, committee, candidate or measure a reader can look up.

The rows are derived from the processed tables by ``build_search_index`` (library:
:mod:`calaccess_web.search.documents`); each database indexes ``text`` with its own full-text
index (PostgreSQL GIN over a tsvector, SQLite FTS5, MySQL/MariaDB FULLTEXT), created by this
app's migration for the database it runs on (:mod:`calaccess_web.search.backends`).
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    """One thing the search finds, with the facts its filters read (each indexed: the search
    page lists every filter's values, an index-only scan)."""

    COMMITTEE, FILER, CANDIDATE, MEASURE = "committee", "filer", "candidate", "measure"
    KINDS = (
        (COMMITTEE, "Committee"),
        (FILER, "Filer"),
        (CANDIDATE, "Candidate"),
        (MEASURE, "Measure"),
    )

    kind = models.CharField(max_length=20, choices=KINDS, db_index=True)
    key = models.CharField(max_length=200, help_text="The page's id: filer id, OCD id or slug.")
    name = models.CharField(max_length=300)
    name_upper = models.CharField(
        max_length=300, db_index=True, help_text="Upper-cased name: the prefix search's index."
    )
    filer_id = models.CharField(max_length=30, blank=True, db_index=True)
    filer_internal_id = models.IntegerField(
        null=True,
        blank=True,
        help_text="A filer's numeric id (FILER_XREF_CD), which its filings "
        "and totals are indexed by.",
    )
    filer_type = models.CharField(max_length=60, blank=True, db_index=True)
    party = models.CharField(max_length=100, blank=True, db_index=True)
    office = models.CharField(max_length=200, blank=True, db_index=True)
    election_year = models.IntegerField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=20, blank=True, db_index=True)
    url = models.CharField(max_length=300)
    text = models.TextField(help_text="What the full-text index reads: names and ids.")

    class Meta:
        ordering = ("name_upper", "id")
        verbose_name_plural = "search entries"
        constraints = [models.UniqueConstraint(fields=("kind", "key"), name="search_entry_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"
